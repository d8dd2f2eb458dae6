using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaReliabilityTests
{
    [Fact]
    public void Ten_thousand_async_events_with_injected_faults_are_all_accounted_for()
    {
        var aws = new SimulatedAws(seed: 2026);
        var faults = new Random(2026);
        var role = aws.Lambda.CreateRole("worker-role", IamPolicy.BasicExecution, IamPolicy.Allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:worker-dlq"));
        const string dlq = "arn:aws:sqs:us-east-1:123456789012:worker-dlq";
        int exceptions = 0, timeouts = 0;
        var code = LambdaCode.From((e, c) =>
        {
            var roll = faults.NextDouble();
            if (roll < 0.04) { exceptions++; throw new InvalidOperationException("injected"); }
            if (roll < 0.06) { timeouts++; c.Spend(TimeSpan.FromSeconds(5)); }
            c.Spend(TimeSpan.FromMilliseconds(20 + faults.Next(400)));
            return null;
        });
        // "worker" has a DLQ; "loose" has none, so its failures are dropped with a reason; both are throttled.
        aws.Lambda.CreateFunction(new CreateFunctionRequest { FunctionName = "worker", Role = role.Arn, Code = code, Timeout = 2, DeadLetterConfig = new DeadLetterConfig(dlq), ReservedConcurrentExecutions = 20 });
        aws.Lambda.CreateFunction(new CreateFunctionRequest { FunctionName = "loose", Role = role.Arn, Code = code, Timeout = 2, ReservedConcurrentExecutions = 10 });
        aws.Lambda.PutFunctionEventInvokeConfig("loose", maximumRetryAttempts: 1, maximumEventAgeInSeconds: 120);

        for (var i = 0; i < 10_000; i++)
        {
            aws.Lambda.InvokeAsync(i % 3 == 0 ? "loose" : "worker", $"{{\"n\":{i}}}");
            if (i % 100 == 99) aws.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        aws.Clock.Advance(TimeSpan.FromHours(7)); // past the longest retention (6 h)

        var all = aws.Lambda.AsyncAccounting;
        Assert.Equal(10_000, all.Received);
        Assert.Equal(0, all.InFlight);
        Assert.Equal(all.Received, all.Succeeded + all.DeadLettered + all.Dropped);
        Assert.True(all.Balanced);
        foreach (var name in new[] { "worker", "loose" })
        {
            var acc = aws.Lambda.GetAsyncAccounting(name);
            Assert.Equal(acc.Received, acc.Succeeded + acc.DeadLettered + acc.Dropped);
            Assert.True(acc.ThrottledAttempts > 0, name + " was never throttled");
        }
        Assert.True(exceptions > 0 && timeouts > 0);
        Assert.Equal(aws.Lambda.GetAsyncAccounting("worker").DeadLettered, aws.Lambda.ReceiveMessages(dlq).Count);
        Assert.True(aws.Lambda.GetAsyncAccounting("worker").DeadLettered > 0);
        var loose = aws.Lambda.GetAsyncAccounting("loose");
        Assert.True(loose.Dropped > 0);
        Assert.Equal(loose.Dropped, loose.DropReasons.Values.Sum());
        Assert.All(loose.DroppedEvents, d => Assert.Matches("^(RetriesExhausted|EventAgeExceeded): ", d.Reason));
        // Every run that ended is one Invocation in the metrics.
        Assert.Equal(all.Attempts, aws.Lambda.GetMetrics("worker").Invocations + aws.Lambda.GetMetrics("loose").Invocations);
    }
}
