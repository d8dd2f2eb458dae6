using System.Globalization;
using System.Text;

namespace AwsSim.Lambda;

/// <summary>One minute of a function's CloudWatch metrics (namespace AWS/Lambda).</summary>
public sealed class LambdaMetricsDatapoint
{
    internal LambdaMetricsDatapoint(DateTimeOffset minute) => Minute = minute;

    /// <summary>The start of the minute.</summary>
    public DateTimeOffset Minute { get; }

    /// <summary>Invocations that ran (successes and function errors; not throttles).</summary>
    public long Invocations { get; internal set; }

    /// <summary>Invocations that ended in a function error (exception, timeout, crash).</summary>
    public long Errors { get; internal set; }

    /// <summary>Invocation requests refused for lack of concurrency.</summary>
    public long Throttles { get; internal set; }

    /// <summary>Sum of durations, ms.</summary>
    public double DurationSumMs { get; internal set; }

    /// <summary>Longest duration, ms.</summary>
    public double DurationMaxMs { get; internal set; }

    /// <summary>Average duration, ms.</summary>
    public double DurationAverageMs => Invocations == 0 ? 0 : DurationSumMs / Invocations;

    /// <summary>Most environments busy at once during the minute.</summary>
    public int ConcurrentExecutions { get; internal set; }

    /// <summary>Events Lambda could not send to the dead-letter queue / destination.</summary>
    public long DeadLetterErrors { get; internal set; }
}

/// <summary>A function's metrics: per-minute datapoints and totals.</summary>
public sealed class LambdaMetrics
{
    private readonly SortedDictionary<long, LambdaMetricsDatapoint> _minutes = new();
    private LambdaMetricsDatapoint? _last;
    private long _lastKey = long.MinValue;

    /// <summary>The per-minute datapoints, in time order.</summary>
    public IReadOnlyList<LambdaMetricsDatapoint> Datapoints => _minutes.Values.ToList();

    /// <summary>All invocations.</summary>
    public long Invocations => _minutes.Values.Sum(m => m.Invocations);

    /// <summary>All errors.</summary>
    public long Errors => _minutes.Values.Sum(m => m.Errors);

    /// <summary>All throttles.</summary>
    public long Throttles => _minutes.Values.Sum(m => m.Throttles);

    /// <summary>All dead-letter errors.</summary>
    public long DeadLetterErrors => _minutes.Values.Sum(m => m.DeadLetterErrors);

    /// <summary>The highest ConcurrentExecutions of any minute.</summary>
    public int MaxConcurrentExecutions => _minutes.Count == 0 ? 0 : _minutes.Values.Max(m => m.ConcurrentExecutions);

    /// <summary>Average duration over all invocations, ms.</summary>
    public double AverageDurationMs
    {
        get
        {
            var n = Invocations;
            return n == 0 ? 0 : _minutes.Values.Sum(m => m.DurationSumMs) / n;
        }
    }

    internal LambdaMetricsDatapoint At(DateTimeOffset t)
    {
        var key = t.UtcTicks / TimeSpan.TicksPerMinute;
        if (key == _lastKey) return _last!;
        if (!_minutes.TryGetValue(key, out var d))
        {
            d = new LambdaMetricsDatapoint(new DateTimeOffset(key * TimeSpan.TicksPerMinute, TimeSpan.Zero));
            _minutes[key] = d;
        }
        _last = d;
        _lastKey = key;
        return d;
    }

    /// <summary>A table: one row per minute.</summary>
    public string ToText()
    {
        var sb = new StringBuilder("minute            Invocations  Errors  Throttles  Duration avg ms  max ms  ConcurrentExecutions\n");
        foreach (var d in _minutes.Values)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Minute:yyyy-MM-dd HH:mm}  {d.Invocations,11}  {d.Errors,6}  {d.Throttles,9}  {d.DurationAverageMs,15:0.00}  {d.DurationMaxMs,6:0}  {d.ConcurrentExecutions,20}"));
        }
        return sb.ToString().TrimEnd();
    }
}
