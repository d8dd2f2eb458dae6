using AwsSim;
using AwsSim.EventBridge;

namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.count</c>: reference answer, counted by running the rule on the simulated clock.</summary>
public static class InvocationCount
{
    /// <summary>Creates the rule a minute before the month, runs the month, counts the deliveries inside it.</summary>
    public static int InMonth(string scheduleExpression, int year, int month)
    {
        var monthStart = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var aws = new SimulatedAws(start: monthStart.AddMinutes(-1));
        aws.Events.PutRule("job", scheduleExpression);
        aws.Events.PutTargets("job", new EventTarget("fn", $"arn:aws:lambda:{aws.Region}:{aws.AccountId}:function:job"));
        var next = monthStart.AddMonths(1);
        aws.Clock.AdvanceTo(next.AddTicks(-1));
        return aws.Events.Deliveries.Count(d => d.Time >= monthStart && d.Time < next);
    }
}
