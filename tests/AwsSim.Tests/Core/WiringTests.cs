using System.Text.Json;
using AwsSim.EventBridge;

namespace AwsSim.Tests.Core;

/// <summary>The account wires its services together: state changes published by ECS and Batch reach the event bus.</summary>
public class WiringTests
{
    [Fact]
    public void Ecs_and_Batch_publish_to_the_accounts_event_bus()
    {
        var aws = new SimulatedAws();
        Assert.Same(aws.Events, aws.Ecs.EventPublisher);
        Assert.Same(aws.Events, aws.Batch.EventPublisher);
    }

    [Fact]
    public void Triggers_reach_the_accounts_Lambda_and_Lambda_destinations_reach_its_bus()
    {
        var first = new SimulatedAws();
        Assert.Same(first.Lambda, first.Events.LambdaInvoker);
        Assert.Same(first.Events, first.Lambda.EventPublisher);
        Assert.Same(first.Lambda, first.ApiGateway.LambdaInvoker);

        var other = new SimulatedAws(); // the other order of first use
        Assert.Same(other.Events, other.Lambda.EventPublisher);
        Assert.Same(other.Lambda, other.Events.LambdaInvoker);
    }

    [Fact]
    public void A_schedule_rule_invokes_a_real_function_on_the_simulated_clock()
    {
        var aws = new SimulatedAws();
        var runs = new List<string>();
        aws.Lambda.CreateFunction("nightly", AwsSim.Lambda.LambdaCode.From((e, c) =>
        {
            runs.Add(AwsJson.Parse(e)!["detail-type"]!.GetValue<string>());
            return null;
        }));
        var rule = aws.Events.PutRule("cleanup", "cron(0 3 * * ? *)");
        aws.Events.PutTargets("cleanup", new AwsSim.EventBridge.EventTarget("1", $"arn:aws:lambda:us-east-1:{aws.AccountId}:function:nightly"));
        aws.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(["Scheduled Event", "Scheduled Event", "Scheduled Event"], runs);
        Assert.NotNull(rule);
    }
}
