namespace Exercises.EventBridge;

/// <summary>
/// Exercise <c>eventbridge.fix</c>: a colleague wrote each schedule below, and each one is wrong: AWS refuses it, or it
/// accepts it but fires at other times than the comment asks for. Return an expression that fires exactly when the
/// comment says. Graded by fire times (from 2026-01-01, UTC), so any correct spelling passes. Making AWS accept an
/// expression is only the first step: <c>course schedule explain "..."</c> shows when it really fires.
/// </summary>
public static class FixTheExpression
{
    /// <summary>Payroll, 18:00 UTC on the last Thursday of every month. Broken: <c>cron(0 18 L * THU *)</c>.</summary>
    public static string PayrollRun()
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Sync every 20 minutes from 08:00 to 17:40 UTC, Monday to Friday only. Broken (AWS accepts it, but it never stops):
    /// <c>rate(20 minutes)</c>.
    /// </summary>
    public static string BusinessHoursSync()
    {
        throw new NotImplementedException();
    }

    /// <summary>Patch window, 03:30 UTC on the second Tuesday of each month. Broken (it runs, on another day): <c>cron(30 3 ? * 2#2 *)</c>.</summary>
    public static string PatchTuesday()
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Copied from a Linux crontab line <c>30 23 * * 1-5</c>, meant to run at 23:30 UTC Monday to Friday (a crontab counts
    /// 1 = Monday). Broken: <c>cron(30 23 * * 1-5 *)</c>.
    /// </summary>
    public static string NightlyFromCrontab()
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Quarter-end report, 06:00 UTC on the last day of each quarter (31 March, 30 June, 30 September, 31 December).
    /// Broken (it runs, but skips two quarters): <c>cron(0 6 31 3,6,9,12 ? *)</c>.
    /// </summary>
    public static string QuarterEnd()
    {
        throw new NotImplementedException();
    }
}
