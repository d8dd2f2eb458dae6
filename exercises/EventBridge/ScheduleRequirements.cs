namespace Exercises.EventBridge;

/// <summary>
/// Exercise <c>eventbridge.expression</c>: write the EventBridge schedule expression (<c>cron(…)</c> or <c>rate(…)</c>,
/// UTC) for each requirement. It is graded by the fire times your expression produces, not by its text, so any
/// correct way of writing it passes.
/// </summary>
public static class ScheduleRequirements
{
    /// <summary>The nightly cleanup: every day at 02:00 UTC.</summary>
    public static string NightlyCleanup()
    {
        throw new NotImplementedException();
    }

    /// <summary>Poll a partner API every 15 minutes from 09:00 to 17:45 UTC (last run 17:45), Monday to Friday only.</summary>
    public static string BusinessHoursPoll()
    {
        throw new NotImplementedException();
    }

    /// <summary>The month-end report: 23:30 UTC on the last day of every month (28th, 29th, 30th or 31st).</summary>
    public static string MonthEndReport()
    {
        throw new NotImplementedException();
    }

    /// <summary>The monthly digest: 06:00 UTC on the first Monday of every month.</summary>
    public static string FirstMondayDigest()
    {
        throw new NotImplementedException();
    }
}
