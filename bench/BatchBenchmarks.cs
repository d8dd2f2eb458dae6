using AwsSim;
using AwsSim.Batch;
using BenchmarkDotNet.Attributes;

namespace Bench;

/// <summary>
/// AWS Batch scheduling speed: a SEQUENTIAL array of <see cref="Children"/> one-minute jobs, and an N_TO_N array of
/// the same size whose 30-minute children each wait for their counterpart, so the compute environment scales out
/// (about 13 two-vCPU instances) and back in, all scheduled to completion on the simulated clock.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    /// <summary>Children per array (two arrays, so twice as many jobs).</summary>
    [Params(1_000, 10_000)]
    public int Children { get; set; }

    /// <summary>Runs both arrays to completion; returns the simulated time taken (so the work is not optimised away).</summary>
    [Benchmark]
    public TimeSpan SequentialThenNToN()
    {
        var aws = new SimulatedAws();
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "ce", MaxvCpus = 256, AllocationStrategy = "BEST_FIT_PROGRESSIVE" });
        b.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "ce")] });
        b.RegisterJobDefinition(new() { JobDefinitionName = "step", Image = "busybox", Vcpus = 1, Memory = 1024, Duration = TimeSpan.FromMinutes(1) });
        b.RegisterJobDefinition(new() { JobDefinitionName = "fan", Image = "busybox", Vcpus = 1, Memory = 1024, Duration = TimeSpan.FromMinutes(30) });
        var chain = b.SubmitJob(new() { JobName = "chain", JobQueue = "q", JobDefinition = "step", ArraySize = Children, DependsOn = [JobDependency.Sequential] });
        var fan = b.SubmitJob(new() { JobName = "fan", JobQueue = "q", JobDefinition = "fan", ArraySize = Children, DependsOn = [new(chain.JobId, "N_TO_N")] });
        var took = b.RunToCompletion(TimeSpan.FromDays(365));
        if (chain.Status != BatchJobStatus.Succeeded || fan.Status != BatchJobStatus.Succeeded) throw new InvalidOperationException("the run did not complete");
        return took;
    }

    /// <summary>
    /// One array of 10,000 five-minute children on up to 256 vCPUs, nothing listening for events (issue 17: at most
    /// 300 ms here). Compare with <see cref="SequentialThenNToN"/>'s 1,000 → 10,000 ratio (at most 11×).
    /// </summary>
    [Benchmark]
    public TimeSpan Array10k()
    {
        var aws = new SimulatedAws();
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "ce", MaxvCpus = 256 });
        b.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "ce")] });
        b.RegisterJobDefinition(new() { JobDefinitionName = "w", Image = "busybox", Vcpus = 1, Memory = 1024, Duration = TimeSpan.FromMinutes(5) });
        var array = b.SubmitJob(new() { JobName = "arr", JobQueue = "q", JobDefinition = "w", ArraySize = 10_000 });
        var took = b.RunToCompletion(TimeSpan.FromDays(365));
        if (array.Status != BatchJobStatus.Succeeded) throw new InvalidOperationException("the run did not complete");
        return took;
    }
}
