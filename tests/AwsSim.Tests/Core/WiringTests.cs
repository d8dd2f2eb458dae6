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
}
