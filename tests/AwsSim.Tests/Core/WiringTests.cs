using System.Text.Json;
using AwsSim.EventBridge;

namespace AwsSim.Tests.Core;

/// <summary>The account wires its services together: state changes published by ECS and Batch reach the event bus.</summary>
public class WiringTests
{
    [Fact]
    public void Ecs_Batch_and_Lambda_publish_to_the_accounts_event_bus()
    {
        var aws = new SimulatedAws();
        Assert.False(aws.Ecs.EventPublisher!.Wants("aws.ecs")); // no rule, no log: ECS builds no event
        aws.Events.PutRule("all-batch", eventPattern: """{"source":["aws.batch"]}""");
        aws.Events.PutTargets("all-batch", new EventTarget("log", "arn:aws:sqs:us-east-1:123456789012:log"));
        aws.Events.PutRule("all-ecs", eventPattern: """{"source":["aws.ecs"]}""");
        aws.Events.PutTargets("all-ecs", new EventTarget("log", "arn:aws:sqs:us-east-1:123456789012:log"));
        Assert.True(aws.Batch.EventPublisher!.Wants("aws.batch"));
        Assert.False(aws.Batch.EventPublisher!.Wants("aws.lambda"));
        aws.Batch.EventPublisher!.Publish(new EventBridgeEvent { Source = "aws.batch", DetailType = "x", Detail = JsonDocument.Parse("{}").RootElement });
        aws.Ecs.EventPublisher!.Publish(new EventBridgeEvent { Source = "aws.ecs", DetailType = "x", Detail = JsonDocument.Parse("{}").RootElement });
        Assert.Equal(["all-batch", "all-ecs"], aws.Events.Deliveries.Select(d => d.RuleName));
    }

    [Fact]
    public void Triggers_reach_the_accounts_Lambda()
    {
        var aws = new SimulatedAws();
        Assert.Same(aws.Lambda, aws.Events.LambdaInvoker);
        Assert.Same(aws.Lambda, aws.ApiGateway.LambdaInvoker);
        Assert.Same(aws.Lambda, aws.S3.LambdaInvoker);
        Assert.Same(aws.Lambda, aws.CloudFront.LambdaInvoker);
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
