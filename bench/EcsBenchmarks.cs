using AwsSim;
using AwsSim.Ecs;
using BenchmarkDotNet.Attributes;

namespace Bench;

/// <summary>
/// ECS task placement: N tasks (128 CPU units, 256 MiB) placed with RunTask (10 per call) on 1,000 m5.large container
/// instances, with binpack on memory and with spread on the Availability Zone. Each placement looks at every instance,
/// so the time should grow about linearly with N.
/// </summary>
[MemoryDiagnoser]
public class EcsBenchmarks
{
    private SimulatedAws _aws = null!;

    /// <summary>Tasks to place.</summary>
    [Params(1_000, 10_000)]
    public int Tasks { get; set; }

    /// <summary>The placement strategy.</summary>
    [Params("binpack", "spread")]
    public string Strategy { get; set; } = "binpack";

    /// <summary>A fresh cluster of 1,000 instances for every iteration.</summary>
    [IterationSetup]
    public void Setup()
    {
        _aws = new SimulatedAws(new SimulatedAwsOptions { Ecs = new EcsOptions { RecordEvents = false } });
        _aws.Ecs.CreateCluster("bench");
        _aws.Ecs.RegisterContainerInstances("bench", "m5.large", 1_000);
        _aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple("web", "nginx:latest", 128, 256));
    }

    /// <summary>Places the tasks.</summary>
    [Benchmark]
    public int Place()
    {
        var strategy = Strategy == "binpack" ? PlacementStrategy.Binpack("memory") : PlacementStrategy.Spread("attribute:ecs.availability-zone");
        var placed = 0;
        for (var i = 0; i < Tasks / 10; i++)
        {
            placed += _aws.Ecs.RunTask(new RunTaskRequest { Cluster = "bench", TaskDefinition = "web", Count = 10, PlacementStrategy = [strategy] }).Tasks.Count;
        }
        if (placed != Tasks) throw new InvalidOperationException($"placed {placed} of {Tasks}");
        return placed;
    }
}
