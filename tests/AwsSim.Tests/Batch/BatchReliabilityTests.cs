using AwsSim.Batch;

namespace AwsSim.Tests.Batch;

/// <summary>Random Spot interruptions and job failures (seeded): every job must end SUCCEEDED or FAILED with a reason.</summary>
public class BatchReliabilityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_job_ends_succeeded_or_failed_with_a_reason_none_stuck_none_lost(int seed)
    {
        var aws = new SimulatedAws(seed: seed);
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "spot", Type = "SPOT", AllocationStrategy = "SPOT_PRICE_CAPACITY_OPTIMIZED", MaxvCpus = 64, SpotInterruptionsPerInstanceHour = 1.5 });
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "od", MaxvCpus = 16, AllocationStrategy = "BEST_FIT_PROGRESSIVE" });
        b.CreateJobQueue(new() { JobQueueName = "q", Priority = 5, ComputeEnvironmentOrder = [new(1, "spot"), new(2, "od")] });
        b.CreateJobQueue(new() { JobQueueName = "q2", Priority = 1, ComputeEnvironmentOrder = [new(1, "od")] });
        BatchJobOutcome Flaky(BatchAttemptContext c) => new(TimeSpan.FromSeconds(30 + c.Random.Next(1800)), c.Random.NextDouble() < 0.2 ? 1 + c.Random.Next(3) : 0);
        b.RegisterJobDefinition(new() { JobDefinitionName = "flaky", Image = "i", Vcpus = 1, Memory = 1024, Behavior = Flaky });
        b.RegisterJobDefinition(new() { JobDefinitionName = "big", Image = "i", Vcpus = 2, Memory = 3072, Behavior = Flaky, AttemptDurationSeconds = 1500 });
        var rnd = new Random(seed);
        var submitted = new List<BatchJob>();
        var arr = b.Submit("arr", arraySize: 1000, definition: "flaky", retry: 3);
        var seq = b.Submit("seq", arraySize: 200, dependsOn: [JobDependency.Sequential], definition: "flaky", retry: 2);
        var n2n = b.Submit("n2n", arraySize: 1000, dependsOn: [new(arr.JobId, "N_TO_N")], definition: "big", retry: 2, queue: "q2");
        submitted.AddRange([arr, seq, n2n]);
        for (var i = 0; i < 800; i++)
        {
            var deps = submitted.Count > 3 && rnd.Next(3) == 0 ? new List<JobDependency> { new(submitted[rnd.Next(submitted.Count)].JobId) } : null;
            submitted.Add(b.Submit($"single{i}", definition: rnd.Next(4) == 0 ? "big" : "flaky", retry: 1 + rnd.Next(3), dependsOn: deps, queue: rnd.Next(2) == 0 ? "q" : "q2"));
            if (i % 100 == 0) aws.Clock.Advance(TimeSpan.FromMinutes(7));
        }
        b.RunToCompletion(TimeSpan.FromDays(20));

        var all = b.Jobs;
        Assert.Equal(3 + 800 + 1000 + 200 + 1000, all.Count);          // none lost
        Assert.All(all, j => Assert.True(j.IsDone, $"{j} is stuck"));  // none stuck
        Assert.All(all.Where(j => j.Status == BatchJobStatus.Failed), j => Assert.False(string.IsNullOrEmpty(j.StatusReason)));
        Assert.All(all.Where(j => j.ArraySize is null && j.Attempts.Count > 0), j => Assert.True(j.Attempts.Count <= j.RetryAttempts));
        Assert.Contains(all.SelectMany(j => j.Attempts), a => a.StatusReason.StartsWith("Host EC2", StringComparison.Ordinal));
        Assert.Contains(all, j => j.Status == BatchJobStatus.Succeeded && j.Attempts.Count > 1);   // some retries rescued a job
        Assert.Contains(all, j => j.StatusReason == "Dependent Job failed");
        Assert.All(b.ComputeEnvironments.SelectMany(e => e.Instances), i => Assert.NotNull(i.TerminatedAt));
        Assert.True(b.IsQuiet());
        // a bill line per instance, and nothing else
        Assert.Equal(b.ComputeEnvironments.Sum(e => e.Instances.Count), aws.Bill.Items.Count);
    }
}
