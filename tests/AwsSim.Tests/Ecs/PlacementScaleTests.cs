using AwsSim.Ecs;

namespace AwsSim.Tests.Ecs;

/// <summary>
/// Scale, checked without a stopwatch: placing one task looks at every instance, but must not allocate per instance (no
/// candidate list). Benchmarks in bench/ report the time; these count the bytes.
/// </summary>
public class PlacementScaleTests
{
    [Theory]
    [InlineData("binpack")]
    [InlineData("spread")]
    [InlineData("random")]
    public void Allocation_per_placement_does_not_grow_with_the_number_of_instances(string strategy)
    {
        var few = AllocatedPerTask(100, strategy);
        var many = AllocatedPerTask(1_000, strategy);
        // A candidate list over 1,000 instances alone would be 8 KB a task more than over 100.
        Assert.True(many <= few + 512, $"{many:F0} bytes per task on 1,000 instances vs {few:F0} on 100 ({strategy})");
    }

    private static double AllocatedPerTask(int instances, string strategy)
    {
        const int tasks = 200;
        var aws = new SimulatedAws(new SimulatedAwsOptions { Ecs = new EcsOptions { RecordEvents = false } });
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterContainerInstances("c", "m5.large", instances);
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple("web", "nginx:latest", 16, 32));
        var placement = strategy switch
        {
            "binpack" => PlacementStrategy.Binpack("memory"),
            "spread" => PlacementStrategy.Spread("attribute:ecs.availability-zone"),
            _ => PlacementStrategy.Random(),
        };
        Run(aws, placement, 10); // warm up: caches built once per cluster
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(aws, placement, tasks);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)tasks;
    }

    private static void Run(SimulatedAws aws, PlacementStrategy strategy, int tasks)
    {
        for (var i = 0; i < tasks / 10; i++)
        {
            var r = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 10, PlacementStrategy = [strategy] });
            Assert.Empty(r.Failures);
        }
    }
}
