using AwsSim.Ecs;
using AwsSim.EventBridge;

namespace AwsSim.Tests.Ecs;

internal static class EcsTestKit
{
    public const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0";

    /// <summary>An account with a cluster "c" and the given instances (round the AZs a, b, c).</summary>
    public static SimulatedAws Cluster(params string[] instanceTypes)
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        foreach (var t in instanceTypes) aws.Ecs.RegisterContainerInstance("c", t);
        return aws;
    }

    public static TaskDefinition Register(SimulatedAws aws, string family, int cpu, int memory, int? hostPort = null)
        => aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple(family, "nginx:latest", cpu, memory, hostPort is null ? null : 80, hostPort));

    /// <summary>How many tasks each instance has, in registration order.</summary>
    public static int[] PerInstance(SimulatedAws aws)
        => aws.Ecs.DescribeCluster("c").ContainerInstances.Select(i => i.Tasks.Count).ToArray();

    internal sealed class FakeBus : IEventPublisher
    {
        public List<EventBridgeEvent> Events { get; } = new();

        public void Publish(EventBridgeEvent e) => Events.Add(e);
    }
}
