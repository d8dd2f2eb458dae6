namespace Exercises.EventBridge;

/// <summary>
/// Exercise <c>eventbridge.fix</c>: each schedule below was written by a colleague and is wrong (AWS refuses it, or it
/// fires at the wrong times). Return a corrected expression that does what the comment says. Graded by fire times.
/// Tip: <c>ScheduleExpression.Parse(...)</c> shows AWS's complaint, and <c>course schedule explain "..."</c> its meaning.
/// </summary>
public static class FixTheExpression
{
    /// <summary>Stand-up reminder, 09:00 UTC Monday to Friday. Broken: <c>cron(0 9 * * MON-FRI *)</c>.</summary>
    public static string WeekdayStandup()
    {
        throw new NotImplementedException();
    }

    /// <summary>Sync once an hour. Broken: <c>rate(1 hours)</c>.</summary>
    public static string HourlySync()
    {
        throw new NotImplementedException();
    }

    /// <summary>Weekly backup, 01:00 UTC every Monday. Broken (it runs, but on the wrong day): <c>cron(0 1 ? * 1 *)</c>.</summary>
    public static string MondayBackup()
    {
        throw new NotImplementedException();
    }

    /// <summary>Copied from a Linux crontab, meant to run at 22:00 UTC every day. Broken: <c>0 22 * * *</c>.</summary>
    public static string NightlyFromCrontab()
    {
        throw new NotImplementedException();
    }

    /// <summary>Quarterly report, 00:00 UTC on 1 January, April, July and October. Broken: <c>cron(0 0 1 1,4,7,10 * *)</c>.</summary>
    public static string QuarterStart()
    {
        throw new NotImplementedException();
    }
}
