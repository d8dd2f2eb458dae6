using System.Globalization;

namespace AwsSim.Lambda;

/// <summary>
/// What <see cref="LambdaService.Invoke(string, string, InvocationType)"/> returns: AWS's response fields
/// (StatusCode, Payload, FunctionError, ExecutedVersion) plus what the REPORT log line says about the run.
/// </summary>
[AwsSim.Display.TypeFormatterSource(typeof(AwsSim.Display.HtmlFormatterSource))]
public sealed record InvokeResponse
{
    /// <summary>200 (ran, even if the function failed), 202 (queued), 204 (dry run).</summary>
    public int StatusCode { get; init; }

    /// <summary>The response JSON; for a function error, AWS's error object (<c>errorType</c>, <c>errorMessage</c>…).</summary>
    public string? Payload { get; init; }

    /// <summary>"Unhandled" when the function threw, timed out or crashed (AWS's X-Amz-Function-Error header), else null.</summary>
    public string? FunctionError { get; init; }

    /// <summary>Always <c>$LATEST</c>.</summary>
    public string ExecutedVersion { get; init; } = "$LATEST";

    /// <summary>The request id (also in the logs).</summary>
    public required string RequestId { get; init; }

    /// <summary>How long the handler ran (for a timeout: the timeout).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Milliseconds billed: duration plus init, rounded up to a whole ms.</summary>
    public long BilledDurationMs { get; init; }

    /// <summary>The init phase of a cold start, or null on a warm start.</summary>
    public TimeSpan? InitDuration { get; init; }

    /// <summary>Peak memory, MB.</summary>
    public int MaxMemoryUsedMb { get; init; }

    /// <summary>The configured memory, MB.</summary>
    public int MemorySizeMb { get; init; }

    /// <summary>True when this invocation started a new execution environment.</summary>
    public bool ColdStart => InitDuration is not null || SuppressedInit;

    /// <summary>True when init timed out (10 s) and was run again inside the invocation.</summary>
    public bool SuppressedInit { get; init; }

    /// <summary>True when the function timed out.</summary>
    public bool TimedOut { get; init; }

    /// <summary>AWS's REPORT line for this invocation.</summary>
    public string ReportLine => LambdaLogFormat.Report(RequestId, Duration, BilledDurationMs, MemorySizeMb, MaxMemoryUsedMb, InitDuration, TimedOut);

    /// <summary>The log lines of this invocation (START … END, REPORT), like <c>--log-type Tail</c>.</summary>
    public IReadOnlyList<string> LogLines { get; init; } = Array.Empty<string>();

    /// <summary>The cost of this invocation at list price, before the free tier (request + GB-s).</summary>
    public decimal ListPriceUsd { get; init; }

    /// <summary>
    /// The invocation as a notebook shows it: status (and function error), the response payload, and the log lines
    /// CloudWatch Logs would hold (START, the function's own lines, END, REPORT).
    /// </summary>
    public string ToHtml()
    {
        var ok = FunctionError is null && StatusCode is >= 200 and < 300;
        var color = ok ? "#1d8102" : "#d13212";
        var sb = new System.Text.StringBuilder();
        sb.Append("<div class=\"lambda-invocation\" style=\"font-family:sans-serif;font-size:13px\">");
        sb.Append("<b style=\"color:").Append(color).Append("\">").Append(StatusCode.ToString(CultureInfo.InvariantCulture));
        if (FunctionError is not null) sb.Append(' ').Append(Display.HtmlFormatterSource.Encode(FunctionError));
        sb.Append("</b> ").Append(ColdStart ? "cold start" : "warm").Append(" · ")
          .Append(Display.HtmlFormatterSource.Encode(string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalMilliseconds:0.00} ms, billed {BilledDurationMs} ms at {MemorySizeMb} MB")));
        sb.Append("<pre style=\"background:#f4f4f4;padding:4px\">").Append(Display.HtmlFormatterSource.Encode(Payload ?? "null")).Append("</pre>");
        var log = LogLines.Count > 0 ? LogLines : [ReportLine];
        sb.Append("<pre style=\"background:#232f3e;color:#fff;padding:4px\">").Append(Display.HtmlFormatterSource.Encode(string.Join("\n", log))).Append("</pre></div>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{StatusCode}{(FunctionError is null ? "" : " " + FunctionError)}: {Payload}");
}

/// <summary>
/// A throttled invocation: HTTP 429 <c>TooManyRequestsException</c> with AWS's reason
/// (<c>ReservedFunctionConcurrentInvocationLimitExceeded</c> or <c>ConcurrentInvocationLimitExceeded</c>).
/// </summary>
public sealed class TooManyRequestsException : AwsException
{
    /// <summary>Creates the error.</summary>
    public TooManyRequestsException(string reason, string detail)
        : base("TooManyRequestsException", $"Rate Exceeded. Reason: {reason}. {detail}", 429)
    {
        ThrottleReason = reason;
    }

    /// <summary>AWS's reason code.</summary>
    public string ThrottleReason { get; }
}
