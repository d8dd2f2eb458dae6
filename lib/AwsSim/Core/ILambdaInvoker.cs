namespace AwsSim;

/// <summary>
/// How triggers (S3, API Gateway, EventBridge rules, CloudFront) call a function. The Lambda service implements it;
/// tests of a trigger can pass a small fake.
/// </summary>
public interface ILambdaInvoker
{
    /// <summary>A synchronous (RequestResponse) invocation: runs now and returns the result.</summary>
    LambdaInvokeResult Invoke(string functionName, string payloadJson);

    /// <summary>
    /// An asynchronous (Event) invocation: the event is queued (HTTP 202) and runs on the simulated clock, with
    /// Lambda's retries. <paramref name="source"/> says who sent it, for logs (e.g. "aws:s3").
    /// </summary>
    void InvokeAsync(string functionName, string payloadJson, string? source = null);
}

/// <summary>What a synchronous invocation returns.</summary>
/// <param name="StatusCode">200 when the function ran (even if it threw), 429 throttled, 4xx/5xx other errors.</param>
/// <param name="Payload">The function's response JSON, or the error object when it failed.</param>
/// <param name="FunctionError">"Unhandled" when the function threw or timed out (AWS's X-Amz-Function-Error), else null.</param>
/// <param name="Duration">How long it ran on the simulated clock.</param>
/// <param name="ErrorCode">AWS's error name when the call itself failed (e.g. TooManyRequestsException), else null.</param>
public sealed record LambdaInvokeResult(int StatusCode, string? Payload, string? FunctionError, TimeSpan Duration, string? ErrorCode = null);
