using AwsSim.Batch;

namespace AwsSim.Tests.Batch;

public class BatchJobLifecycleTests
{
    [Fact]
    public void A_job_goes_submitted_runnable_starting_running_succeeded_at_the_simulated_times()
    {
        var (aws, b) = BatchTestKit.Ec2();
        var t0 = aws.Clock.Now;
        var job = b.Submit(duration: TimeSpan.FromMinutes(7));
        Assert.Equal(BatchJobStatus.Submitted, job.Status);
        b.RunToCompletion();
        Assert.Equal(["SUBMITTED", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"], job.Statuses());
        var at = job.History.ToDictionary(h => h.Status, h => h.At);
        Assert.Equal(t0 + b.Options.InstanceStartup, at["STARTING"]);
        Assert.Equal(at["STARTING"] + b.Options.ContainerStart, at["RUNNING"]);
        Assert.Equal(at["RUNNING"] + TimeSpan.FromMinutes(7), at["SUCCEEDED"]);
        Assert.Equal(at["RUNNING"], job.StartedAt);
        Assert.Equal(at["SUCCEEDED"], job.StoppedAt);
        Assert.Equal(0, job.ExitCode);
        Assert.Single(job.Attempts);
    }

    [Fact]
    public void A_job_waiting_for_a_dependency_is_pending_until_it_succeeds()
    {
        var (_, b) = BatchTestKit.Ec2();
        var first = b.Submit("first");
        var second = b.Submit("second", dependsOn: [new(first.JobId)]);
        b.RunToCompletion();
        Assert.Equal(["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"], second.Statuses());
        Assert.True(second.History.First(h => h.Status == "RUNNABLE").At >= first.StoppedAt);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void A_failing_container_is_retried_until_its_attempts_run_out(int attempts)
    {
        var (_, b) = BatchTestKit.Ec2();
        var job = b.Submit(exitCode: 2, retry: attempts);
        b.RunToCompletion();
        Assert.Equal(BatchJobStatus.Failed, job.Status);
        Assert.Equal("Essential container in task exited", job.StatusReason);
        Assert.Equal(attempts, job.Attempts.Count);
        Assert.All(job.Attempts, a => Assert.Equal(2, a.ExitCode));
        Assert.Equal(attempts, job.History.Count(h => h.Status == "RUNNING"));
        // every failed attempt but the last goes back to RUNNABLE with the reason
        Assert.Equal(attempts - 1, job.History.Count(h => h.Status == "RUNNABLE" && h.Reason == "Essential container in task exited"));
    }

    [Fact]
    public void A_behaviour_can_fail_the_first_attempt_and_succeed_the_retry()
    {
        var (_, b) = BatchTestKit.Ec2();
        var job = b.Submit(retry: 2, behavior: c => new BatchJobOutcome(TimeSpan.FromMinutes(1), c.Attempt == 1 ? 1 : 0));
        b.RunToCompletion();
        Assert.Equal(BatchJobStatus.Succeeded, job.Status);
        Assert.Equal([1, 0], job.Attempts.Select(a => a.ExitCode!.Value));
    }

    [Fact]
    public void A_job_stopped_by_its_timeout_fails_and_is_not_retried()
    {
        var (_, b) = BatchTestKit.Ec2();
        var job = b.Submit(duration: TimeSpan.FromMinutes(5), timeout: 60, retry: 5);
        b.RunToCompletion();
        Assert.Equal(BatchJobStatus.Failed, job.Status);
        Assert.Equal("Job attempt duration exceeded timeout", job.StatusReason);
        var a = Assert.Single(job.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(60), a.StoppedAt - a.StartedAt);
    }

    [Fact]
    public void Array_children_have_ids_with_their_index_and_the_parent_only_shows_parent_states()
    {
        var (_, b) = BatchTestKit.Ec2();
        var parent = b.Submit(arraySize: 5);
        b.RunToCompletion();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{parent.JobId}:{i}"), parent.Children.Select(c => c.JobId));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i.ToString()), parent.Children.Select(c => c.Environment["AWS_BATCH_JOB_ARRAY_INDEX"]));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (int?)i), parent.Children.Select(c => c.ArrayIndex));
        Assert.Equal(["SUBMITTED", "PENDING", "SUCCEEDED"], parent.Statuses());
        Assert.Equal(5, parent.ArrayStatusSummary["SUCCEEDED"]);
        Assert.Same(parent.Children[3], b.DescribeJob(parent.JobId + ":3"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    public void Sequential_children_run_one_after_another_in_index_order(int size)
    {
        var (_, b) = BatchTestKit.Ec2(max: 64);
        var parent = b.Submit(arraySize: size, dependsOn: [JobDependency.Sequential], duration: TimeSpan.FromMinutes(2));
        b.RunToCompletion();
        var c = parent.Children;
        Assert.All(c, x => Assert.Equal(BatchJobStatus.Succeeded, x.Status));
        Assert.Equal(Enumerable.Range(0, size), c.OrderBy(x => x.StartedAt).Select(x => x.ArrayIndex!.Value));
        for (var i = 1; i < size; i++) Assert.True(c[i].StartedAt >= c[i - 1].StoppedAt, $"child {i} started before child {i - 1} stopped");
    }

    [Fact]
    public void N_to_n_child_i_waits_only_for_child_i_of_the_other_array()
    {
        var (_, b) = BatchTestKit.Ec2(max: 64);
        // A's children get slower with their index, so B's children can only start in step with A's.
        b.RegisterJobDefinition(new() { JobDefinitionName = "slow", Image = "i", Behavior = c => new BatchJobOutcome(TimeSpan.FromMinutes(1 + 3 * c.ArrayIndex!.Value)) });
        var a = b.Submit("a", arraySize: 4, definition: "slow");
        var bb = b.Submit("b", arraySize: 4, dependsOn: [new(a.JobId, "N_TO_N")]);
        b.RunToCompletion();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(bb.Children[i].StartedAt >= a.Children[i].StoppedAt);
        }
        // b:0 did not wait for the whole of a
        Assert.True(bb.Children[0].StartedAt < a.Children[3].StoppedAt);
    }

    [Fact]
    public void A_failed_dependency_fails_its_dependants_and_theirs_without_running_them()
    {
        var (_, b) = BatchTestKit.Ec2();
        var a = b.Submit("a", exitCode: 1);
        var bJob = b.Submit("b", dependsOn: [new(a.JobId)]);
        var c = b.Submit("c", dependsOn: [new(bJob.JobId)]);
        var independent = b.Submit("d");
        b.RunToCompletion();
        Assert.Equal(BatchJobStatus.Failed, a.Status);
        foreach (var j in new[] { bJob, c })
        {
            Assert.Equal(BatchJobStatus.Failed, j.Status);
            Assert.Equal("Dependent Job failed", j.StatusReason);
            Assert.Empty(j.Attempts);
            Assert.DoesNotContain("RUNNING", j.Statuses());
        }
        Assert.Equal(BatchJobStatus.Succeeded, independent.Status);
        // depending on a job that has already failed fails at once
        var late = b.Submit("late", dependsOn: [new(a.JobId)]);
        b.RunToCompletion();
        Assert.Equal(BatchJobStatus.Failed, late.Status);
    }

    [Fact]
    public void A_failing_sequential_child_fails_the_rest_of_the_chain_and_the_parent()
    {
        var (_, b) = BatchTestKit.Ec2();
        var parent = b.Submit(arraySize: 6, dependsOn: [JobDependency.Sequential],
            behavior: c => new BatchJobOutcome(TimeSpan.FromMinutes(1), c.ArrayIndex == 2 ? 9 : 0));
        b.RunToCompletion();
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "FAILED", "FAILED", "FAILED", "FAILED"], parent.Children.Select(c => c.Status));
        Assert.All(parent.Children.Skip(3), c => Assert.Empty(c.Attempts));
        Assert.Equal(BatchJobStatus.Failed, parent.Status);
    }

    [Fact]
    public void A_job_depending_on_an_array_waits_for_every_child()
    {
        var (_, b) = BatchTestKit.Ec2(max: 64);
        var arr = b.Submit("arr", arraySize: 5, behavior: c => new BatchJobOutcome(TimeSpan.FromMinutes(1 + c.ArrayIndex!.Value)));
        var after = b.Submit("after", dependsOn: [new(arr.JobId)]);
        b.RunToCompletion();
        Assert.True(after.StartedAt >= arr.Children.Max(c => c.StoppedAt));
        Assert.Equal(arr.StoppedAt, arr.Children.Max(c => c.StoppedAt));
    }

    [Fact]
    public void Higher_priority_queues_get_shared_capacity_first()
    {
        var aws = new SimulatedAws();
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "ce", MaxvCpus = 2, InstanceTypes = ["c5.large"] });
        b.CreateJobQueue(new() { JobQueueName = "low", Priority = 1, ComputeEnvironmentOrder = [new(1, "ce")] });
        b.CreateJobQueue(new() { JobQueueName = "high", Priority = 10, ComputeEnvironmentOrder = [new(1, "ce")] });
        b.RegisterJobDefinition(new() { JobDefinitionName = "work", Image = "i" });
        var low = Enumerable.Range(0, 4).Select(i => b.Submit($"low{i}", queue: "low")).ToList();
        var high = Enumerable.Range(0, 4).Select(i => b.Submit($"high{i}", queue: "high")).ToList();
        b.RunToCompletion();
        Assert.True(high.Max(j => j.StartedAt) <= low.Min(j => j.StartedAt));
    }

    [Fact]
    public void Work_overflows_into_the_next_compute_environment_in_order()
    {
        var aws = new SimulatedAws();
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "first", MaxvCpus = 2, InstanceTypes = ["c5.large"] });
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "second", MaxvCpus = 8, InstanceTypes = ["m5.large"] });
        b.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(2, "second"), new(1, "first")] });
        b.RegisterJobDefinition(new() { JobDefinitionName = "work", Image = "i" });
        var jobs = Enumerable.Range(0, 6).Select(i => b.Submit($"j{i}")).ToList();
        b.RunToCompletion();
        Assert.Equal(2, jobs.Count(j => j.Attempts[0].ComputeEnvironment == "first"));
        Assert.Equal(4, jobs.Count(j => j.Attempts[0].ComputeEnvironment == "second"));
        Assert.Equal(["first", "second"], b.DescribeJob(jobs[0].JobId).Queue.ComputeEnvironments.Select(e => e.ComputeEnvironmentName));
    }
}
