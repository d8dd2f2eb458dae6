using System.Globalization;

namespace AwsSim.EventBridge;

/// <summary>
/// A schedule expression as EventBridge (CloudWatch Events) rules and EventBridge Scheduler read it:
/// <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, <c>rate(value unit)</c>, or Scheduler's one-time
/// <c>at(yyyy-mm-ddThh:mm:ss)</c>. Parse one with <see cref="Parse"/>, then ask for its fire times.
/// </summary>
/// <remarks>
/// <para>Rules on the default event bus evaluate schedules in UTC only; EventBridge Scheduler evaluates them in a time
/// zone you name (IANA names such as <c>Europe/Paris</c>), see <see cref="TimeZone"/>. [aws-facts §3]</para>
/// <para>Fire times have minute precision: AWS fires "some time within the minute" (between :00 and :59 seconds) and
/// delivery may add seconds. The simulator fires exactly at second 0 so that runs are reproducible.</para>
/// <para>Searches stop at the end of 2199, the last year a cron expression can name.</para>
/// </remarks>
public abstract class ScheduleExpression
{
    /// <summary>The last instant any search looks at: the end of 2199 (cron's Year field allows 1970–2199).</summary>
    public static readonly DateTime SearchLimit = new(2199, 12, 31, 23, 59, 0, DateTimeKind.Unspecified);

    private protected ScheduleExpression(string text, TimeZoneInfo timeZone)
    {
        Text = text;
        TimeZone = timeZone;
    }

    /// <summary>The expression as written (trimmed), e.g. <c>cron(0 10 * * ? *)</c>.</summary>
    public string Text { get; }

    /// <summary>The time zone the expression is evaluated in: UTC unless an EventBridge Scheduler time zone was given.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>True when evaluated in UTC (always the case for rules on an event bus).</summary>
    public bool IsUtc => TimeZone == TimeZoneInfo.Utc;

    /// <summary>A plain-English description, e.g. "At 10:15 UTC, Monday through Friday" or "Every 5 minutes".</summary>
    public abstract string Describe();

    /// <summary>
    /// The first fire time strictly after <paramref name="after"/> (whose seconds are ignored: from 09:59:59 the next
    /// fire may be 10:00:00), in UTC; null when the schedule never fires again (before the end of 2199).
    /// </summary>
    /// <remarks>A <c>rate(…)</c> expression counts from <paramref name="after"/> itself: it is taken as the moment the
    /// schedule starts (see <see cref="RateSchedule.Next(DateTimeOffset, DateTimeOffset)"/> for a fixed start).</remarks>
    public abstract DateTimeOffset? Next(DateTimeOffset after);

    /// <summary>The next <paramref name="count"/> fire times strictly after <paramref name="after"/> (fewer when the schedule ends).</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        if (count < 0) throw new ScheduleExpressionException("count", count.ToString(CultureInfo.InvariantCulture), "must be zero or more");
        var list = new List<DateTimeOffset>(Math.Min(count, 10_000));
        var t = after;
        while (list.Count < count && Next(t) is { } n)
        {
            list.Add(n);
            t = n;
        }
        return list;
    }

    /// <summary>Every fire time strictly after <paramref name="after"/>, lazily, until the schedule ends.</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset after)
    {
        var t = after;
        while (Next(t) is { } n)
        {
            yield return n;
            t = n;
        }
    }

    /// <summary>
    /// Fire times in the window <paramref name="start"/> (included) to <paramref name="end"/> (excluded). For
    /// <c>rate(…)</c>, <paramref name="start"/> is taken as the moment the schedule starts, so its first fire is one
    /// period later.
    /// </summary>
    public virtual IEnumerable<DateTimeOffset> Between(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var t in Occurrences(start.AddTicks(-1)))
        {
            if (t >= end) yield break;
            yield return t;
        }
    }

    /// <summary>
    /// Reads a schedule expression: <c>cron(…)</c>, <c>rate(…)</c>, <c>at(…)</c>, or the six cron fields on their own
    /// (as the Lambda console takes them). Throws <see cref="ScheduleExpressionException"/> for anything AWS would refuse.
    /// </summary>
    /// <param name="expression">The expression.</param>
    /// <param name="timeZone">EventBridge Scheduler's <c>ScheduleExpressionTimezone</c>: an IANA name such as
    /// <c>America/New_York</c>; null or <c>UTC</c> for UTC (rules on an event bus are always UTC).</param>
    public static ScheduleExpression Parse(string? expression, string? timeZone = null)
    {
        var zone = ResolveTimeZone(timeZone);
        if (expression is null)
        {
            throw new ScheduleExpressionException("ScheduleExpression", null, "a schedule expression is required: cron(...), rate(...) or at(...)");
        }
        var text = expression.Trim();
        if (text.Length == 0)
        {
            throw new ScheduleExpressionException("ScheduleExpression", expression, "must not be empty: write cron(Minutes Hours Day-of-month Month Day-of-week Year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)");
        }
        if (text.Length > 256)
        {
            throw new ScheduleExpressionException("ScheduleExpression", text[..40] + "…", "must be at most 256 characters");
        }
        var open = text.IndexOf('(');
        if (open < 0)
        {
            // The Lambda console takes the six fields without the cron( ) wrapper.
            return CronParser.Parse(text, text, zone);
        }
        var kind = text[..open].Trim();
        if (!text.EndsWith(')'))
        {
            throw new ScheduleExpressionException("ScheduleExpression", text, $"must end with ')': write {Lower(kind)}(...)");
        }
        var inner = text[(open + 1)..^1];
        if (inner.Contains('(') || inner.Contains(')'))
        {
            throw new ScheduleExpressionException("ScheduleExpression", text, "has unbalanced parentheses: write cron(...), rate(...) or at(...)");
        }
        return kind switch
        {
            "cron" => CronParser.Parse(inner, text, zone),
            "rate" => RateSchedule.ParseInner(inner, text, zone),
            "at" => AtSchedule.ParseInner(inner, text, zone),
            _ when kind.Equals("cron", StringComparison.OrdinalIgnoreCase) || kind.Equals("rate", StringComparison.OrdinalIgnoreCase) || kind.Equals("at", StringComparison.OrdinalIgnoreCase)
                => throw new ScheduleExpressionException("ScheduleExpression", kind, $"the keyword is lower case: {kind.ToLowerInvariant()}(...)", text),
            _ => throw new ScheduleExpressionException("ScheduleExpression", kind.Length == 0 ? text : kind, "must start with cron(, rate( or at(", text),
        };
    }

    /// <summary>Like <see cref="Parse"/>, but returns false with the error instead of throwing.</summary>
    public static bool TryParse(string? expression, out ScheduleExpression? schedule, out ScheduleExpressionException? error, string? timeZone = null)
    {
        try
        {
            schedule = Parse(expression, timeZone);
            error = null;
            return true;
        }
        catch (ScheduleExpressionException ex)
        {
            schedule = null;
            error = ex;
            return false;
        }
    }

    /// <summary>
    /// Finds an EventBridge Scheduler time zone by its IANA name (e.g. <c>Europe/London</c>); null, empty or <c>UTC</c>
    /// mean UTC. Unknown names raise <see cref="ScheduleExpressionException"/> on <c>ScheduleExpressionTimezone</c>.
    /// </summary>
    public static TimeZoneInfo ResolveTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || timeZone is "UTC" or "Etc/UTC") return TimeZoneInfo.Utc;
        if (timeZone.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime && zone.Id is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : zone;
        }
        throw new ScheduleExpressionException("ScheduleExpressionTimezone", timeZone, "must be an IANA time zone name such as UTC, Europe/London or America/New_York");
    }

    /// <summary>Formats an instant as the course prints fire times: <c>yyyy-MM-ddTHH:mm:ssZ</c> (UTC).</summary>
    public static string Format(DateTimeOffset instant)
        => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The name of <see cref="TimeZone"/> as a description shows it: "UTC" or e.g. "Europe/Paris time".</summary>
    private protected string ZoneName => IsUtc ? "UTC" : $"{TimeZone.Id} time";

    /// <summary>Seconds and below dropped.</summary>
    private protected static DateTime TruncateToMinute(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, t.Kind);

    /// <summary>
    /// Maps a wall-clock time in <see cref="TimeZone"/> to UTC as EventBridge Scheduler does around daylight-saving
    /// changes: a time that does not exist (clocks jump forward) gives null, i.e. that invocation is skipped; a time that
    /// happens twice (clocks go back) maps to its first occurrence only, so it runs once and is not repeated.
    /// </summary>
    /// <remarks>
    /// Source (AWS, "How can I adjust my Amazon EventBridge schedule for daylight saving?", AWS re:Post Knowledge Center,
    /// https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst, marked AWS OFFICIAL; and the Scheduler user
    /// guide's "Daylight savings time on EventBridge Scheduler" section of schedule-types): "EventBridge Scheduler
    /// automatically adjusts your schedule for Daylight Saving Time. When the time shifts forward in Spring, your
    /// schedule invocation gets skipped if the cron expression falls on a non-existent date and time. When the time
    /// shifts back in the Fall, your schedule runs only once and doesn't repeat its invocation." and, for rate
    /// schedules, "the EventBridge Scheduler evaluates the rate expression 24 hours after the schedule's last
    /// invocation" (rates are fixed durations, unaffected by the zone). Which of the two instants of a repeated time
    /// is used is not stated; the simulator uses the first (the earlier one).
    /// </remarks>
    private protected DateTime? ToUtc(DateTime local)
    {
        if (IsUtc) return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local)) return null;
        if (TimeZone.IsAmbiguousTime(local))
        {
            var offsets = TimeZone.GetAmbiguousTimeOffsets(local);
            var largest = offsets.Max();
            return DateTime.SpecifyKind(local - largest, DateTimeKind.Utc);
        }
        return DateTime.SpecifyKind(local - TimeZone.GetUtcOffset(local), DateTimeKind.Utc);
    }

    /// <summary>UTC to wall-clock time in <see cref="TimeZone"/>.</summary>
    private protected DateTime ToLocal(DateTime utc)
        => IsUtc ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>The UTC instant with its minute precision, as a DateTimeOffset at offset zero.</summary>
    private protected static DateTime UtcMinute(DateTimeOffset instant) => TruncateToMinute(instant.UtcDateTime);

    private static string Lower(string kind) => kind.Length == 0 ? "cron" : kind.ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() => Text;
}
