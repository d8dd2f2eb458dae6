using System.Text.Json;
using AwsSim.Lambda;

namespace AwsSim.ApiGateway;

/// <summary>
/// A tiny stand-in for the Lambda service: C# handlers registered by name and called directly, each with a
/// simulated duration. Good for tests, samples and notebooks; the real Lambda simulation (<c>aws.Lambda</c>) adds
/// memory, cold starts, concurrency and billing.
/// </summary>
public sealed class InProcessFunctions : ILambdaInvoker
{
    private readonly Dictionary<string, Func<string, (string Payload, TimeSpan Duration)>> _handlers = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>How many times each function was called.</summary>
    public IReadOnlyDictionary<string, int> Invocations { get { lock (_gate) { return new Dictionary<string, int>(_counts); } } }

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Registers a handler that takes the event JSON and returns the response JSON, taking <paramref name="duration"/> (10 ms by default).</summary>
    public InProcessFunctions Register(string functionName, Func<string, string> handler, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var d = duration ?? TimeSpan.FromMilliseconds(10);
        return Register(functionName, e => (handler(e), d));
    }

    /// <summary>Registers a handler that also says how long it ran (simulated).</summary>
    public InProcessFunctions Register(string functionName, Func<string, (string Payload, TimeSpan Duration)> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate) { _handlers[functionName] = handler; }
        return this;
    }

    /// <inheritdoc />
    public LambdaInvokeResult Invoke(string functionName, string payloadJson)
    {
        Func<string, (string, TimeSpan)>? handler;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(functionName, out handler))
                throw new AwsException("ResourceNotFoundException", $"Function not found: arn:aws:lambda:us-east-1:123456789012:function:{functionName}", 404);
            _counts[functionName] = _counts.GetValueOrDefault(functionName) + 1;
        }
        try
        {
            var (payload, duration) = handler(payloadJson);
            return new LambdaInvokeResult(200, payload, null, duration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // What Lambda returns for an unhandled error: status 200, X-Amz-Function-Error: Unhandled, an error object.
            var error = JsonSerializer.Serialize(new { errorMessage = ex.Message, errorType = ex.GetType().Name });
            return new LambdaInvokeResult(200, error, "Unhandled", TimeSpan.FromMilliseconds(1));
        }
    }

    /// <inheritdoc />
    public void InvokeAsync(string functionName, string payloadJson, string? source = null) => Invoke(functionName, payloadJson);
}
