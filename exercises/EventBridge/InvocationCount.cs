namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.count</c>: how many times a scheduled rule invokes its function in a month.</summary>
public static class InvocationCount
{
    /// <summary>
    /// A rule with <paramref name="scheduleExpression"/> (UTC) targeting one Lambda function is created at 23:59 UTC on
    /// the last day of the month before <paramref name="year"/>-<paramref name="month"/>. Return how many times it
    /// invokes the function during that month: from 00:00 UTC on the 1st (included) to 00:00 UTC on the 1st of the next
    /// month (excluded). Remember that a <c>rate(…)</c> schedule counts from when the rule is created.
    /// </summary>
    /// <example>cron(0 3 * * ? *) in February 2026 → 28; rate(7 days) in January 2026 → 4 (Jan 7, 14, 21, 28 at 23:59).</example>
    /// <remarks>Tip: the simulator can do the counting: <c>new SimulatedAws(start: …)</c>, <c>aws.Events.PutRule</c>,
    /// <c>PutTargets</c>, <c>aws.Clock.AdvanceTo(…)</c>, then look at <c>aws.Events.Deliveries</c>.</remarks>
    public static int InMonth(string scheduleExpression, int year, int month)
    {
        throw new NotImplementedException();
    }
}
