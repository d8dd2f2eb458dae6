using System.Xml.Linq;
using AwsSim.Batch;

namespace AwsSim.Tests.Batch;

public class BatchScalingAndBillingTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 4)]
    [InlineData(9, 5)]
    public void Best_fit_scales_out_to_the_cheapest_type_for_queued_work_and_back_in_when_idle(int jobs, int instances)
    {
        var (aws, b) = BatchTestKit.Ec2(max: 64);
        for (var i = 0; i < jobs; i++) b.Submit($"j{i}");
        b.RunToCompletion();
        var ce = b.DescribeComputeEnvironment("ce");
        var cheapest = ce.InstanceTypes.MinBy(t => t.Price)!;
        Assert.Equal(instances, ce.Instances.Count);
        Assert.All(ce.Instances, i => Assert.Equal(cheapest.Key, i.Price.Key));
        Assert.Equal(instances * 2, ce.PeakvCpus);
        Assert.All(ce.Instances, i => Assert.Equal("scaled in", i.TerminationReason));
        Assert.Equal(0, ce.CurrentvCpus);
        Assert.True(b.IsQuiet());
    }

    [Theory]
    [InlineData("BEST_FIT", 2)]           // never above maxvCpus: a second 2-vCPU instance would make 4 > 3
    [InlineData("BEST_FIT_PROGRESSIVE", 4)] // may exceed maxvCpus by at most one instance
    public void Max_vcpus_is_exceeded_by_at_most_one_instance_and_never_by_best_fit(string strategy, int peak)
    {
        var (_, b) = BatchTestKit.Ec2(max: 3, strategy: strategy);
        for (var i = 0; i < 10; i++) b.Submit($"j{i}");
        b.RunToCompletion();
        var ce = b.DescribeComputeEnvironment("ce");
        Assert.Equal(peak, ce.PeakvCpus);
        Assert.True(ce.PeakvCpus < ce.Request.MaxvCpus + ce.InstanceTypes.Max(t => int.Parse(t.Attributes!["vcpu"])));
        Assert.All(b.Jobs, j => Assert.Equal(BatchJobStatus.Succeeded, j.Status));
    }

    [Fact]
    public void Min_vcpus_stay_running_when_idle_and_desired_vcpus_are_launched_at_creation()
    {
        var (_, b) = BatchTestKit.Ec2(max: 16, min: 4);
        var ce = b.DescribeComputeEnvironment("ce");
        Assert.Equal(4, ce.CurrentvCpus);
        for (var i = 0; i < 12; i++) b.Submit($"j{i}");
        b.RunToCompletion();
        Assert.Equal(4, ce.CurrentvCpus);
        Assert.True(ce.PeakvCpus > 4);
        var aws2 = new SimulatedAws();
        var ce2 = aws2.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "d", MinvCpus = 0, DesiredvCpus = 6, MaxvCpus = 16 });
        Assert.Equal(6, ce2.CurrentvCpus);
    }

    [Theory]
    [InlineData(0.1, 60)]
    [InlineData(59.9, 60)]
    [InlineData(60, 60)]
    [InlineData(60.2, 61)]
    [InlineData(3600, 3600)]
    public void Instances_are_billed_per_second_with_a_60_second_minimum(double seconds, long billed)
        => Assert.Equal(billed, BatchService.BilledSeconds(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("EC2")]
    [InlineData("SPOT")]
    public void One_job_bills_its_instance_from_launch_to_scale_in(string type)
    {
        var (aws, b) = BatchTestKit.Ec2(type: type, instanceTypes: ["c5.large"]);
        b.Submit(duration: TimeSpan.FromMinutes(10));
        b.RunToCompletion();
        var o = b.Options;
        var seconds = (decimal)(o.InstanceStartup + o.ContainerStart + TimeSpan.FromMinutes(10) + o.ScaleInAfterIdle).TotalSeconds;
        var onDemand = aws.Prices.Get("ec2.c5.large").Price;
        var unit = type == "SPOT" ? onDemand * aws.Prices.Get("ec2.spot.fraction").Price : onDemand;
        var line = Assert.Single(aws.Bill.Items);
        Assert.Equal("Amazon EC2", line.Service);
        Assert.Equal(seconds / 3600m, line.Quantity);
        Assert.Equal(unit, line.UnitPrice);
        Assert.Equal(seconds / 3600m * unit, aws.Bill.Total);
        Assert.DoesNotContain(aws.Bill.Items, i => i.Service == "AWS Batch");
    }

    [Fact]
    public void Fargate_jobs_bill_vcpu_and_memory_per_task_from_starting_to_stop()
    {
        var aws = new SimulatedAws();
        var b = aws.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "fg", Type = "FARGATE", MaxvCpus = 4 });
        b.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "fg")] });
        b.RegisterJobDefinition(new() { JobDefinitionName = "work", Image = "i", PlatformCapability = "FARGATE", Vcpus = 1, Memory = 2048 });
        var jobs = Enumerable.Range(0, 6).Select(i => b.Submit($"j{i}", duration: TimeSpan.FromMinutes(5))).ToList();
        b.RunToCompletion();
        Assert.All(jobs, j => Assert.Equal(BatchJobStatus.Succeeded, j.Status));
        Assert.Equal(4, b.DescribeComputeEnvironment("fg").PeakvCpus); // maxvCpus caps running tasks
        var seconds = (decimal)(b.Options.FargateTaskStart + TimeSpan.FromMinutes(5)).TotalSeconds;
        var perTask = 1m * seconds / 3600m * aws.Prices.Get("fargate.linux.x86_64.vcpu").Price
                      + 2m * seconds / 3600m * aws.Prices.Get("fargate.linux.x86_64.memory").Price;
        Assert.Equal(6 * perTask, aws.Bill.Total);
        Assert.Equal(12, aws.Bill.Items.Count);
    }

    [Fact]
    public void Spot_interruptions_are_retried_and_recorded_with_the_host_reason()
    {
        var (aws, b) = BatchTestKit.Ec2(type: "SPOT", strategy: "SPOT_CAPACITY_OPTIMIZED", spotRate: 3, max: 32);
        var jobs = Enumerable.Range(0, 40).Select(i => b.Submit($"j{i}", duration: TimeSpan.FromMinutes(20), retry: 10)).ToList();
        b.RunToCompletion();
        var interrupted = jobs.SelectMany(j => j.Attempts).Where(a => a.StatusReason.StartsWith("Host EC2 (instance i-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(interrupted);
        Assert.All(interrupted, a => Assert.Null(a.ExitCode));
        Assert.Contains(b.DescribeComputeEnvironment("ce").Instances, i => i.TerminationReason == "Spot interruption");
        Assert.All(jobs, j => Assert.True(j.IsDone));
        Assert.All(jobs.Where(j => j.Status == BatchJobStatus.Failed), j => Assert.Equal(10, j.Attempts.Count));
        // the run ends at the last scale-in, not at a cancelled interruption timer of an instance already gone
        Assert.Equal(b.DescribeComputeEnvironment("ce").Instances.Max(i => i.TerminatedAt), aws.Clock.Now);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        string Run(int seed)
        {
            var (aws, b) = BatchTestKit.Ec2(type: "SPOT", spotRate: 2, seed: seed, max: 32);
            for (var i = 0; i < 30; i++) b.Submit($"j{i}", retry: 3, behavior: c => new BatchJobOutcome(TimeSpan.FromMinutes(5 + c.Random.Next(30)), c.Random.Next(5) == 0 ? 1 : 0));
            b.RunToCompletion();
            return string.Join(";", b.Jobs.Select(j => $"{j.JobId}{j.Status}{j.StoppedAt:O}")) + aws.Bill.Total;
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void The_gantt_chart_is_svg_with_a_bar_per_attempt()
    {
        var (_, b) = BatchTestKit.Ec2();
        var parent = b.Submit(arraySize: 6, exitCode: 0);
        b.Submit("bad", exitCode: 1, retry: 2);
        b.RunToCompletion();
        var svg = b.ToSvg();
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var bars = doc.Descendants().Where(e => e.Name.LocalName == "title" && e.Value.Contains(" attempt ")).ToList();
        Assert.Equal(6 + 2, bars.Count);
        Assert.Contains(bars, t => t.Value.StartsWith(parent.JobId + ":5 attempt 1"));
        Assert.Contains("SUCCEEDED", b.Summary());
    }
}
