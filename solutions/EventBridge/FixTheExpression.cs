namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.fix</c>: reference answers.</summary>
public static class FixTheExpression
{
    /// <summary>Day-of-month must be ? when Day-of-week is set; the last Thursday is 5L (1 = SUN).</summary>
    public static string PayrollRun() => "cron(0 18 ? * 5L *)";

    /// <summary>A rate cannot be limited to hours or days: a cron with a minute increment, an hour range and weekdays.</summary>
    public static string BusinessHoursSync() => "cron(0/20 8-17 ? * MON-FRI *)";

    /// <summary>AWS counts 1 = Sunday, so 2#2 is the second Monday; Tuesday is 3 (or TUE).</summary>
    public static string PatchTuesday() => "cron(30 3 ? * TUE#2 *)";

    /// <summary>Day-of-month becomes ?, and crontab's 1-5 (Monday to Friday) is AWS's 2-6.</summary>
    public static string NightlyFromCrontab() => "cron(30 23 ? * MON-FRI *)";

    /// <summary>Day 31 does not exist in June and September: L is the last day of any month.</summary>
    public static string QuarterEnd() => "cron(0 6 L 3,6,9,12 ? *)";
}
