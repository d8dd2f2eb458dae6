using AwsSim;
using AwsSim.EventBridge;
using AwsSim.Lambda;

namespace Exercises.EventBridge;

/// <summary>Exercise <c>eventbridge.count</c>: reference answer, counted by running the rule on the simulated clock.</summary>
public static class InvocationCount
{
    /// <summary>Creates the rule a minute before the month, runs the month, counts the invocations inside it.</summary>
    public static int InMonth(string scheduleExpression, int year, int month)
    {
        var monthStart = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var next = monthStart.AddMonths(1);
        var aws = new SimulatedAws(start: monthStart.AddMinutes(-1));
        var lambda = new CountingInvoker(aws.Clock);
        aws.Events.LambdaInvoker = lambda;
        aws.Events.PutRule("job", scheduleExpression);
        aws.Events.PutTargets("job", new EventTarget("fn", $"arn:aws:lambda:{aws.Region}:{aws.AccountId}:function:job"));
        aws.Clock.AdvanceTo(next.AddTicks(-1));
        return lambda.Times.Count(t => t >= monthStart && t < next);
    }

    /// <summary>Stands in for the Lambda service: remembers when each asynchronous invocation arrived.</summary>
    private sealed class CountingInvoker(SimulatedClock clock) : ILambdaInvoker
    {
        public List<DateTimeOffset> Times { get; } = new();

        public LambdaInvokeResult Invoke(string functionName, string payloadJson) => throw new NotSupportedException("rules invoke asynchronously");

        public void InvokeAsync(string functionName, string payloadJson, string? source = null) => Times.Add(clock.Now);
    }
}
