using AwsSim.Lambda;

namespace AwsSim.Tests.EventBridge;

/// <summary>Records asynchronous invocations (the Lambda service is tested on its own).</summary>
internal sealed class FakeLambdaInvoker : ILambdaInvoker
{
    public List<(string Function, string Payload, string? Source)> Calls { get; } = new();

    public Action<string, string>? OnInvoke { get; set; }

    public LambdaInvokeResult Invoke(string functionName, string payloadJson)
    {
        Calls.Add((functionName, payloadJson, null));
        return new LambdaInvokeResult(200, "null", null, TimeSpan.Zero);
    }

    public void InvokeAsync(string functionName, string payloadJson, string? source = null)
    {
        if (functionName == "missing") throw new AwsException("ResourceNotFoundException", "Function not found: missing", 404);
        Calls.Add((functionName, payloadJson, source));
        OnInvoke?.Invoke(functionName, payloadJson);
    }
}
