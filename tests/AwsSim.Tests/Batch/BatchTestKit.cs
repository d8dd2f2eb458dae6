using AwsSim.Batch;
using AwsSim.EventBridge;

namespace AwsSim.Tests.Batch;

/// <summary>Small helpers to set up a Batch account for a test.</summary>
internal static class BatchTestKit
{
    public static (SimulatedAws Aws, BatchService Batch) Ec2(int max = 16, int min = 0, string type = "EC2", string? strategy = null,
        double spotRate = 0, IReadOnlyList<string>? instanceTypes = null, int seed = 42, int eventLog = 0)
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Seed = seed, Events = new() { EventLogCapacity = eventLog } });
        var b = aws.Batch;
        b.CreateComputeEnvironment(new ComputeEnvironmentRequest
        {
            ComputeEnvironmentName = "ce", Type = type, MinvCpus = min, MaxvCpus = max, AllocationStrategy = strategy,
            SpotInterruptionsPerInstanceHour = spotRate, InstanceTypes = instanceTypes ?? ["optimal"],
        });
        b.CreateJobQueue(new JobQueueRequest { JobQueueName = "q", Priority = 1, ComputeEnvironmentOrder = [new(1, "ce")] });
        b.RegisterJobDefinition(new JobDefinitionRequest { JobDefinitionName = "work", Image = "busybox", Vcpus = 1, Memory = 1024, Duration = TimeSpan.FromMinutes(10) });
        return (aws, b);
    }

    public static BatchJob Submit(this BatchService b, string name = "job", int? arraySize = null, IReadOnlyList<JobDependency>? dependsOn = null,
        TimeSpan? duration = null, int? exitCode = null, BatchJobBehavior? behavior = null, int? retry = null, int? timeout = null, string queue = "q", string definition = "work")
        => b.SubmitJob(new SubmitJobRequest
        {
            JobName = name, JobQueue = queue, JobDefinition = definition, ArraySize = arraySize, DependsOn = dependsOn,
            Duration = duration, ExitCode = exitCode, Behavior = behavior, RetryAttempts = retry, AttemptDurationSeconds = timeout,
        });

    public static IReadOnlyList<string> Statuses(this BatchJob j) => j.History.Select(h => h.Status).ToList();
}

/// <summary>Collects published events.</summary>
internal sealed class RecordingPublisher : IEventPublisher
{
    public List<EventBridgeEvent> Events { get; } = new();

    public void Publish(EventBridgeEvent e) => Events.Add(e);
}
