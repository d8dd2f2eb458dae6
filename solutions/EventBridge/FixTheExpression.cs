namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.fix</c>: reference answers.</summary>
public static class FixTheExpression
{
    /// <summary>Day-of-month must be ? when Day-of-week is set.</summary>
    public static string WeekdayStandup() => "cron(0 9 ? * MON-FRI *)";

    /// <summary>A value of 1 takes the singular unit.</summary>
    public static string HourlySync() => "rate(1 hour)";

    /// <summary>AWS counts 1 = Sunday, so Monday is 2 (or MON).</summary>
    public static string MondayBackup() => "cron(0 1 ? * MON *)";

    /// <summary>Six fields: add the Year, and ? for one of the day fields.</summary>
    public static string NightlyFromCrontab() => "cron(0 22 * * ? *)";

    /// <summary>Day-of-week must be ? when Day-of-month is set.</summary>
    public static string QuarterStart() => "cron(0 0 1 JAN,APR,JUL,OCT ? *)";
}
