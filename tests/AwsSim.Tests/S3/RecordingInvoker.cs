using AwsSim.Lambda;

namespace AwsSim.Tests.S3;

/// <summary>A fake Lambda that only records what it was asked to run.</summary>
internal sealed class RecordingInvoker : ILambdaInvoker
{
    public List<(string Function, string Payload, string? Source)> Async { get; } = new();

    public List<(string Function, string Payload)> Sync { get; } = new();

    public Func<string, string, LambdaInvokeResult>? OnInvoke { get; set; }

    public LambdaInvokeResult Invoke(string functionName, string payloadJson)
    {
        Sync.Add((functionName, payloadJson));
        return OnInvoke?.Invoke(functionName, payloadJson) ?? new LambdaInvokeResult(200, "null", null, TimeSpan.Zero);
    }

    public void InvokeAsync(string functionName, string payloadJson, string? source = null) => Async.Add((functionName, payloadJson, source));
}
