using System.Globalization;

namespace AwsSim.EventBridge;

/// <summary>
/// EventBridge Scheduler's one-time schedule <c>at(yyyy-mm-ddThh:mm:ss)</c>: fires once, at that wall-clock time in the
/// schedule's time zone (UTC by default) [aws-facts §3.2]. Rules on an event bus do not accept it.
/// </summary>
/// <remarks>
/// Around daylight-saving changes the simulator treats it like a cron time (see <see cref="ScheduleExpression"/>): a
/// time that does not exist in the zone never fires; a time that happens twice fires at its first instant. AWS does
/// not say what it does for at() there: this is the simulator's choice.
/// </remarks>
public sealed class AtSchedule : ScheduleExpression
{
    private AtSchedule(string text, TimeZoneInfo zone, DateTime wallClock)
        : base(text, zone)
    {
        WallClock = wallClock;
        var utc = ToUtc(wallClock);
        Instant = utc is null ? null : new DateTimeOffset(utc.Value, TimeSpan.Zero);
    }

    /// <summary>The time as written, in the schedule's time zone.</summary>
    public DateTime WallClock { get; }

    /// <summary>When it fires (UTC), or null when that wall-clock time does not exist in the zone (skipped).</summary>
    public DateTimeOffset? Instant { get; }

    /// <inheritdoc />
    public override string Describe()
        => $"Once, at {WallClock.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {ZoneName}" + (Instant is null ? " (a time that does not exist there: it never fires)" : "");

    /// <inheritdoc />
    public override DateTimeOffset? Next(DateTimeOffset after)
        => Instant is { } i && i.UtcDateTime > UtcMinute(after) ? i : null;

    internal static AtSchedule ParseInner(string inner, string text, TimeZoneInfo zone)
    {
        var s = inner.Trim();
        if (!DateTime.TryParseExact(s, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            throw new ScheduleExpressionException("at() date-time", s,
                "must be a real date and time written yyyy-mm-ddThh:mm:ss (no time zone suffix; give the zone separately), e.g. at(2026-03-01T09:30:00)", text);
        }
        if (wallClock.Year is < 1970 or > 2199)
        {
            throw new ScheduleExpressionException("at() date-time", s, "the year must be 1970-2199", text);
        }
        return new AtSchedule(text, zone, DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified));
    }
}
