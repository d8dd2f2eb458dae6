using AwsSim.Batch;
using AwsSim.Ecs;

using AwsSim.Tests.Batch;

namespace AwsSim.Tests.Compute;

/// <summary>One billing for EC2 and Fargate: a task costs the same whichever service runs it.</summary>
public class ComputeBillingTests
{
    [Theory]
    [InlineData("ARM64", 50)]
    [InlineData("X86_64", 20)]
    [InlineData("ARM64", 200)]
    public void The_same_Fargate_task_costs_the_same_under_ECS_and_under_Batch(string architecture, int ephemeralGiB)
    {
        var runFor = TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(3);

        // Batch: a Fargate job of 1 vCPU / 2 GB, billed from STARTING until it stops.
        var batchAccount = new SimulatedAws();
        var b = batchAccount.Batch;
        b.CreateComputeEnvironment(new() { ComputeEnvironmentName = "fg", Type = "FARGATE", MaxvCpus = 4 });
        b.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "fg")] });
        b.RegisterJobDefinition(new()
        {
            JobDefinitionName = "work", Image = "i", PlatformCapability = "FARGATE", Vcpus = 1, Memory = 2048,
            CpuArchitecture = architecture, EphemeralStorageGiB = ephemeralGiB, Duration = runFor - b.Options.FargateTaskStart,
        });
        b.SubmitJob(new SubmitJobRequest { JobName = "one", JobQueue = "q", JobDefinition = "work" });
        b.RunToCompletion();

        // ECS: the same size, architecture and storage, billed from the image pull until it stops.
        var ecsAccount = new SimulatedAws();
        var ecs = ecsAccount.Ecs;
        ecs.CreateCluster("c");
        ecs.RegisterTaskDefinition(TaskDefinition.Fargate("work", "i", cpu: 1024, memory: 2048, cpuArchitecture: architecture, ephemeralStorageGiB: ephemeralGiB));
        var task = ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "work", LaunchType = "FARGATE" }).Tasks.Single();
        ecsAccount.Clock.Advance(runFor);
        ecs.StopTask("c", task.TaskArn);

        Assert.True(batchAccount.Bill.Total > 0);
        Assert.Equal(ecsAccount.Bill.Total, batchAccount.Bill.Total);
        Assert.Equal(ecsAccount.Bill.Items.Select(i => (i.PriceKey, i.Quantity)), batchAccount.Bill.Items.Select(i => (i.PriceKey, i.Quantity)));
        Assert.Equal(ephemeralGiB > 20 ? 3 : 2, batchAccount.Bill.Items.Count);
        Assert.All(batchAccount.Bill.Items.Take(2), i => Assert.Contains(architecture == "ARM64" ? "arm64" : "x86_64", i.PriceKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Batch_refuses_Fargate_settings_on_an_EC2_job_definition()
    {
        var (_, b) = BatchTestKit.Ec2();
        var e = Assert.Throws<AwsValidationException>(() => b.RegisterJobDefinition(new() { JobDefinitionName = "x", Image = "i", CpuArchitecture = "ARM64" }));
        Assert.Contains("Fargate", e.Message, StringComparison.Ordinal);
        Assert.Throws<AwsValidationException>(() => b.RegisterJobDefinition(new() { JobDefinitionName = "x", Image = "i", PlatformCapability = "FARGATE", Vcpus = 1, Memory = 2048, EphemeralStorageGiB = 201 }));
    }
}
