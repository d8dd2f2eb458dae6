using System.Globalization;

namespace AwsSim.EventBridge;

/// <summary>
/// <c>rate(value unit)</c>: fires every <see cref="Period"/>, counting from when the schedule starts (for a rule, when
/// it is created) [aws-facts §3.1]. The value is a positive whole number; the unit is <c>minute</c>, <c>hour</c> or
/// <c>day</c> for a value of 1 and <c>minutes</c>, <c>hours</c> or <c>days</c> otherwise (<c>rate(1 hours)</c> and
/// <c>rate(5 hour)</c> are refused, as AWS refuses them).
/// </summary>
/// <remarks>
/// A rate is a fixed duration, also under an EventBridge Scheduler time zone: AWS evaluates it "24 hours after the
/// schedule's last invocation" even when daylight saving makes a day 23 or 25 hours long (see
/// <see cref="ScheduleExpression"/>). The simulator counts from the start instant with its seconds dropped.
/// </remarks>
public sealed class RateSchedule : ScheduleExpression
{
    private RateSchedule(string text, TimeZoneInfo zone, long value, string unit)
        : base(text, zone)
    {
        Value = value;
        Unit = unit;
        var minutesPerUnit = unit.StartsWith("minute", StringComparison.Ordinal) ? 1L : unit.StartsWith("hour", StringComparison.Ordinal) ? 60L : 1440L;
        PeriodMinutes = value * minutesPerUnit;
    }

    /// <summary>The number in the expression.</summary>
    public long Value { get; }

    /// <summary>The unit as written: minute(s), hour(s) or day(s).</summary>
    public string Unit { get; }

    /// <summary>The period in minutes.</summary>
    public long PeriodMinutes { get; }

    /// <summary>The period.</summary>
    public TimeSpan Period => TimeSpan.FromMinutes(PeriodMinutes);

    /// <inheritdoc />
    public override string Describe()
    {
        var unit = Unit.TrimEnd('s');
        return Value == 1 ? $"Every {unit}" : $"Every {Value.ToString("#,0", CultureInfo.InvariantCulture)} {unit}s";
    }

    /// <summary>The first fire strictly after <paramref name="after"/>, taking <paramref name="after"/> as the start.</summary>
    public override DateTimeOffset? Next(DateTimeOffset after) => Next(after, after);

    /// <summary>
    /// The first fire strictly after <paramref name="after"/> of a schedule that started at <paramref name="start"/>: fires
    /// are start + k × period for k ≥ 1 (seconds of both dropped).
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset start)
    {
        var s = UtcMinute(start);
        var a = UtcMinute(after);
        var limit = DateTime.SpecifyKind(SearchLimit, DateTimeKind.Utc);
        if (s > limit) return null;
        long k = 1;
        if (a >= s)
        {
            var elapsed = (long)(a - s).TotalMinutes;
            k = elapsed / PeriodMinutes + 1;
        }
        var maxK = (long)(limit - s).TotalMinutes / PeriodMinutes;
        if (k > maxK) return null;
        return new DateTimeOffset(s.AddMinutes(k * PeriodMinutes), TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override IEnumerable<DateTimeOffset> Between(DateTimeOffset start, DateTimeOffset end)
    {
        var t = start;
        while (Next(t, start) is { } n && n < end)
        {
            yield return n;
            t = n;
        }
    }

    internal static RateSchedule ParseInner(string inner, string text, TimeZoneInfo zone)
    {
        var parts = inner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new ScheduleExpressionException("ScheduleExpression", text, "write rate(value unit) with a positive whole number and minute(s), hour(s) or day(s), e.g. rate(5 minutes) or rate(1 hour)");
        }
        var (valueText, unit) = (parts[0], parts[1]);
        if (valueText.Length == 0 || valueText.Length > 9 || !valueText.All(char.IsAsciiDigit))
        {
            throw new ScheduleExpressionException("rate value", valueText, "must be a positive whole number (no sign, decimals or units), e.g. rate(5 minutes)", text);
        }
        var value = long.Parse(valueText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value < 1)
        {
            throw new ScheduleExpressionException("rate value", valueText, "must be 1 or more: the shortest schedule is rate(1 minute)", text);
        }
        string[] units = ["minute", "minutes", "hour", "hours", "day", "days"];
        if (Array.IndexOf(units, unit) < 0)
        {
            var lower = unit.ToLowerInvariant();
            var hint = Array.IndexOf(units, lower) >= 0 ? $" (write it in lower case: {lower})"
                : lower.StartsWith("sec", StringComparison.Ordinal) ? " (schedules faster than one a minute are not supported)"
                : lower.StartsWith("week", StringComparison.Ordinal) || lower.StartsWith("month", StringComparison.Ordinal) || lower.StartsWith("year", StringComparison.Ordinal) ? " (use days, e.g. rate(7 days), or a cron expression)"
                : "";
            throw new ScheduleExpressionException("rate unit", unit, $"must be minute, minutes, hour, hours, day or days{hint}", text);
        }
        var plural = unit.EndsWith('s');
        if (value == 1 && plural)
        {
            throw new ScheduleExpressionException("rate unit", unit, $"must be singular when the value is 1: rate(1 {unit[..^1]})", text);
        }
        if (value != 1 && !plural)
        {
            throw new ScheduleExpressionException("rate unit", unit, $"must be plural when the value is not 1: rate({value} {unit}s)", text);
        }
        return new RateSchedule(text, zone, value, unit);
    }
}
