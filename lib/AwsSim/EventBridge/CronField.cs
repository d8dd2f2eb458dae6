namespace AwsSim.EventBridge;

/// <summary>The six fields of an AWS cron expression, in order.</summary>
public enum CronFieldKind
{
    /// <summary>Minutes, 0–59; wildcards <c>, - * /</c>.</summary>
    Minutes,
    /// <summary>Hours, 0–23; wildcards <c>, - * /</c>.</summary>
    Hours,
    /// <summary>Day-of-month, 1–31; wildcards <c>, - * ? / L W</c>.</summary>
    DayOfMonth,
    /// <summary>Month, 1–12 or JAN–DEC; wildcards <c>, - * /</c>.</summary>
    Month,
    /// <summary>Day-of-week, 1–7 or SUN–SAT (1 = Sunday); wildcards <c>, - * ? L #</c>.</summary>
    DayOfWeek,
    /// <summary>Year, 1970–2199; wildcards <c>, - * /</c>.</summary>
    Year,
}

/// <summary>One comma-separated item of a cron field, as read (kept for descriptions).</summary>
/// <param name="Kind">What sort of item it is.</param>
/// <param name="Start">The value, or the first value of a range or increment.</param>
/// <param name="End">The last value of a range (may be below <paramref name="Start"/> when the range wraps).</param>
/// <param name="Step">The increment after <c>/</c>, 1 when none.</param>
/// <param name="N">For <c>#</c>: which occurrence in the month (1–5).</param>
internal sealed record CronItem(CronItemKind Kind, int Start, int End, int Step = 1, int N = 0);

/// <summary>The sorts of cron field item.</summary>
internal enum CronItemKind
{
    /// <summary><c>*</c> (every value), possibly with an increment (<c>*/5</c>).</summary>
    All,
    /// <summary><c>?</c> (no specific value; Day-of-month or Day-of-week only).</summary>
    Any,
    /// <summary>One value, e.g. <c>10</c> or <c>MON</c>.</summary>
    Value,
    /// <summary>A range <c>a-b</c> (wrapping when a &gt; b), possibly with an increment.</summary>
    Range,
    /// <summary><c>a/n</c>: from a to the field's maximum, every n.</summary>
    From,
    /// <summary><c>L</c>: the last day of the month (Day-of-month) or the last day of the week, Saturday (Day-of-week).</summary>
    Last,
    /// <summary><c>nW</c>: the weekday (Monday–Friday) nearest day n, within the same month.</summary>
    NearestWeekday,
    /// <summary><c>nL</c> in Day-of-week: the last such weekday of the month (<c>6L</c> = the last Friday).</summary>
    LastOfMonth,
    /// <summary><c>d#n</c>: the n-th such weekday of the month (<c>3#2</c> = the second Tuesday).</summary>
    Nth,
}
