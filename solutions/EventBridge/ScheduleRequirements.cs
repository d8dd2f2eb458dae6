namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.expression</c>: reference answers.</summary>
public static class ScheduleRequirements
{
    /// <summary>Every day at 02:00 UTC.</summary>
    public static string NightlyCleanup() => "cron(0 2 * * ? *)";

    /// <summary>Every 15 minutes, 09:00–17:45 UTC, Monday to Friday.</summary>
    public static string BusinessHoursPoll() => "cron(0/15 9-17 ? * MON-FRI *)";

    /// <summary>23:30 UTC on the last day of every month.</summary>
    public static string MonthEndReport() => "cron(30 23 L * ? *)";

    /// <summary>06:00 UTC on the first Monday of every month (Day-of-week 2 = Monday, #1 = the first).</summary>
    public static string FirstMondayDigest() => "cron(0 6 ? * MON#1 *)";
}
