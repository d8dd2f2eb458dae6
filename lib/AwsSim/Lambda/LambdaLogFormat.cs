using System.Globalization;

namespace AwsSim.Lambda;

/// <summary>The lines Lambda writes around every invocation, in AWS's format (fields separated by tabs).</summary>
public static class LambdaLogFormat
{
    /// <summary><c>START RequestId: &lt;id&gt; Version: $LATEST</c>.</summary>
    public static string Start(string requestId) => $"START RequestId: {requestId} Version: $LATEST";

    /// <summary><c>END RequestId: &lt;id&gt;</c>.</summary>
    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>
    /// <c>REPORT RequestId: &lt;id&gt;	Duration: 12.34 ms	Billed Duration: 13 ms	Memory Size: 128 MB	Max Memory Used: 70 MB	Init Duration: 180.00 ms</c>
    /// (Init Duration only on a cold start; <c>Status: timeout</c> after a timeout).
    /// </summary>
    public static string Report(string requestId, TimeSpan duration, long billedMs, int memoryMb, int maxMemoryUsedMb, TimeSpan? init, bool timedOut)
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {Ms(duration)} ms\tBilled Duration: {billedMs} ms\tMemory Size: {memoryMb} MB\tMax Memory Used: {maxMemoryUsedMb} MB");
        if (init is { } i) s += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {Ms(i)} ms");
        if (timedOut) s += "\tStatus: timeout";
        return s;
    }

    /// <summary><c>&lt;timestamp&gt; &lt;id&gt; Task timed out after 3.00 seconds</c>.</summary>
    public static string TimedOut(DateTimeOffset at, string requestId, int timeoutSeconds)
        => string.Create(CultureInfo.InvariantCulture, $"{Timestamp(at)} {requestId} Task timed out after {timeoutSeconds:0.00} seconds");

    /// <summary><c>INIT_REPORT Init Duration: 10000.00 ms	Phase: init	Status: timeout</c>: an init that hit the 10 s limit.</summary>
    public static string InitTimedOut(TimeSpan initLimit)
        => string.Create(CultureInfo.InvariantCulture, $"INIT_REPORT Init Duration: {Ms(initLimit)} ms\tPhase: init\tStatus: timeout");

    /// <summary>Milliseconds with two decimals, e.g. "12.34".</summary>
    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC with milliseconds, as Lambda prints instants.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One CloudWatch Logs event.</summary>
/// <param name="Timestamp">When it was written (simulated).</param>
/// <param name="LogStreamName">The stream (one per execution environment).</param>
/// <param name="Message">The line.</param>
public sealed record LogEvent(DateTimeOffset Timestamp, string LogStreamName, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{LambdaLogFormat.Timestamp(Timestamp)}  {Message}";
}
