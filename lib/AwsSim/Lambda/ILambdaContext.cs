namespace AwsSim.Lambda;

/// <summary>
/// What a handler receives besides the event, like <c>Amazon.Lambda.Core.ILambdaContext</c>, plus the simulator's
/// ways to spend simulated time and to reach other services as the function's execution role.
/// </summary>
public interface ILambdaContext
{
    /// <summary>The request id (deterministic: derived from the account's seed).</summary>
    string AwsRequestId { get; }

    /// <summary>The function's name.</summary>
    string FunctionName { get; }

    /// <summary>Always <c>$LATEST</c>.</summary>
    string FunctionVersion { get; }

    /// <summary>The ARN the caller used.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The configured memory, MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>Time left before the function times out, on the simulated clock.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>Writes to the function's CloudWatch log stream.</summary>
    ILambdaLogger Logger { get; }

    /// <summary><c>/aws/lambda/&lt;function&gt;</c>.</summary>
    string LogGroupName { get; }

    /// <summary>The execution environment's log stream, <c>yyyy/MM/dd/[$LATEST]&lt;32 hex&gt;</c>.</summary>
    string LogStreamName { get; }

    /// <summary>The simulated instant the handler has reached (start + time spent so far).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Time spent so far in this phase (handler or init).</summary>
    TimeSpan Elapsed { get; }

    /// <summary>The share of vCPUs the function's memory buys: memory / 1,769 MB, at most 6.</summary>
    double Vcpus { get; }

    /// <summary>The account: other services the handler calls (they check the execution role through <see cref="Authorize"/>).</summary>
    SimulatedAws Aws { get; }

    /// <summary>Spends simulated time waiting (I/O). Past the timeout the invocation ends with "Task timed out".</summary>
    void Spend(TimeSpan duration);

    /// <summary>
    /// Spends CPU time: <paramref name="atOneVcpu"/> is how long the work takes on one full vCPU. It takes longer
    /// below 1,769 MB and, with <paramref name="threads"/> &gt; 1, shorter above (up to 6 vCPUs).
    /// </summary>
    void SpendCpu(TimeSpan atOneVcpu, int threads = 1);

    /// <summary>The <c>await</c>-able form of <see cref="Spend"/> (completes at once; the time is simulated).</summary>
    Task SpendAsync(TimeSpan duration);

    /// <summary>Allocates memory (MB). Past the configured memory the runtime is killed, as on AWS.</summary>
    void UseMemory(int megabytes);

    /// <summary>Frees memory allocated with <see cref="UseMemory"/>.</summary>
    void FreeMemory(int megabytes);

    /// <summary>
    /// Checks that the execution role allows <paramref name="action"/> (e.g. <c>s3:PutObject</c>) on
    /// <paramref name="resource"/> (an ARN); throws <c>AccessDeniedException</c> (403) when it does not.
    /// </summary>
    void Authorize(string action, string resource);

    /// <summary>
    /// An HTTP GET to the internet. Outside a VPC it answers after a short simulated delay; in a VPC without a NAT
    /// gateway the connection hangs until <paramref name="clientTimeout"/> (then throws) or the function times out.
    /// </summary>
    HttpResult HttpGet(string url, TimeSpan? clientTimeout = null);

    /// <summary>An environment variable, or null (the function's variables plus Lambda's own, e.g. AWS_REGION).</summary>
    string? GetEnvironmentVariable(string name);
}

/// <summary>The function's logger; every line goes to its CloudWatch log stream.</summary>
public interface ILambdaLogger
{
    /// <summary>Writes text.</summary>
    void Log(string message);

    /// <summary>Writes a line.</summary>
    void LogLine(string message);
}

/// <summary>The answer to <see cref="ILambdaContext.HttpGet"/>.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The response body.</param>
public sealed record HttpResult(int StatusCode, string Body);
