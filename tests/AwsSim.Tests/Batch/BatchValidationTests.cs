using AwsSim.Batch;

namespace AwsSim.Tests.Batch;

public class BatchValidationTests
{
    public static TheoryData<string, ComputeEnvironmentRequest, string, string?, string> BadEnvironments => new()
    {
        { "max 0", new() { ComputeEnvironmentName = "a", MaxvCpus = 0 }, "computeResources.maxvCpus", "0", "1 to" },
        { "min above max", new() { ComputeEnvironmentName = "a", MinvCpus = 9, MaxvCpus = 8 }, "computeResources.minvCpus", "9", "0 to 8" },
        { "desired below min", new() { ComputeEnvironmentName = "a", MinvCpus = 4, DesiredvCpus = 2, MaxvCpus = 8 }, "computeResources.desiredvCpus", "2", "4 to 8" },
        { "unknown type", new() { ComputeEnvironmentName = "a", Type = "GPU", MaxvCpus = 8 }, "computeResources.type", "GPU", "EC2, SPOT, FARGATE" },
        { "fargate spot", new() { ComputeEnvironmentName = "a", Type = "FARGATE_SPOT", MaxvCpus = 8 }, "computeResources.type", "FARGATE_SPOT", "no FARGATE_SPOT price" },
        { "spot strategy on EC2", new() { ComputeEnvironmentName = "a", Type = "EC2", AllocationStrategy = "SPOT_CAPACITY_OPTIMIZED", MaxvCpus = 8 }, "computeResources.allocationStrategy", "SPOT_CAPACITY_OPTIMIZED", "only with type SPOT" },
        { "spot price strategy on EC2", new() { ComputeEnvironmentName = "a", AllocationStrategy = "SPOT_PRICE_CAPACITY_OPTIMIZED", MaxvCpus = 8 }, "computeResources.allocationStrategy", "SPOT_PRICE_CAPACITY_OPTIMIZED", "only with type SPOT" },
        { "unknown strategy", new() { ComputeEnvironmentName = "a", AllocationStrategy = "CHEAPEST", MaxvCpus = 8 }, "computeResources.allocationStrategy", "CHEAPEST", "BEST_FIT_PROGRESSIVE" },
        { "unpriced type", new() { ComputeEnvironmentName = "a", InstanceTypes = ["p3.2xlarge"], MaxvCpus = 8 }, "computeResources.instanceTypes", "p3.2xlarge", "c5.large" },
        { "mixed architectures", new() { ComputeEnvironmentName = "a", InstanceTypes = ["t4g.small", "t3.small"], MaxvCpus = 8 }, "computeResources.instanceTypes", "t4g.small,t3.small", "one architecture" },
        { "fargate min", new() { ComputeEnvironmentName = "a", Type = "FARGATE", MinvCpus = 2, MaxvCpus = 8 }, "computeResources.minvCpus", "2", "not applicable to Fargate" },
        { "fargate strategy", new() { ComputeEnvironmentName = "a", Type = "FARGATE", AllocationStrategy = "BEST_FIT", MaxvCpus = 8 }, "computeResources.allocationStrategy", "BEST_FIT", "not applicable to Fargate" },
        { "bad name", new() { ComputeEnvironmentName = "my env", MaxvCpus = 8 }, "computeEnvironmentName", "my env", "letters, numbers" },
    };

    [Theory]
    [MemberData(nameof(BadEnvironments))]
    public void Bad_compute_environments_name_the_field_the_value_and_what_is_allowed(string _, ComputeEnvironmentRequest request, string field, string? value, string allowed)
    {
        var aws = new SimulatedAws();
        var ex = Assert.Throws<AwsValidationException>(() => aws.Batch.CreateComputeEnvironment(request));
        Assert.Equal(field, ex.Field);
        Assert.Equal(value, ex.Value);
        Assert.Contains(allowed, ex.Allowed);
        Assert.Equal("ClientException", ex.ErrorCode);
    }

    [Theory]
    [InlineData("SPOT", "SPOT_CAPACITY_OPTIMIZED")]
    [InlineData("SPOT", "SPOT_PRICE_CAPACITY_OPTIMIZED")]
    [InlineData("SPOT", "BEST_FIT")]
    [InlineData("EC2", "BEST_FIT_PROGRESSIVE")]
    [InlineData("EC2", null)]
    public void Allowed_strategies_are_accepted(string type, string? strategy)
    {
        var aws = new SimulatedAws();
        var ce = aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "a", Type = type, AllocationStrategy = strategy, MaxvCpus = 8 });
        Assert.Equal(strategy ?? "BEST_FIT", ce.AllocationStrategy);
    }

    [Fact]
    public void Optimal_resolves_to_the_c5_m5_r5_types_the_price_list_has()
    {
        var aws = new SimulatedAws();
        var ce = aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "a", MaxvCpus = 8 });
        var expected = aws.Prices.WithPrefix("ec2.").Where(p => p.Key.StartsWith("ec2.c5.") || p.Key.StartsWith("ec2.m5.") || p.Key.StartsWith("ec2.r5.")).Select(p => p.Key).OrderBy(k => k);
        Assert.Equal(expected, ce.InstanceTypes.Select(t => t.Key).OrderBy(k => k));
        Assert.NotEmpty(ce.InstanceTypes);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(4, "4")]
    public void A_queue_takes_one_to_three_environments(int count, string value)
    {
        var aws = new SimulatedAws();
        for (var i = 0; i < 4; i++) aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = $"ce{i}", MaxvCpus = 4 });
        var ex = Assert.Throws<AwsValidationException>(() => aws.Batch.CreateJobQueue(new()
        {
            JobQueueName = "q", ComputeEnvironmentOrder = Enumerable.Range(0, count).Select(i => new ComputeEnvironmentOrder(i, $"ce{i}")).ToList(),
        }));
        Assert.Equal("computeEnvironmentOrder", ex.Field);
        Assert.Equal(value, ex.Value);
        Assert.Contains("1 to 3", ex.Allowed);
    }

    [Fact]
    public void A_queue_cannot_mix_fargate_and_ec2()
    {
        var aws = new SimulatedAws();
        aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "ec2", MaxvCpus = 4 });
        aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "fg", Type = "FARGATE", MaxvCpus = 4 });
        var ex = Assert.Throws<AwsValidationException>(() => aws.Batch.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "ec2"), new(2, "fg")] }));
        Assert.Equal("computeEnvironmentOrder", ex.Field);
        Assert.Contains("never mixed", ex.Allowed);
    }

    public static TheoryData<string, JobDefinitionRequest, string, string> BadDefinitions => new()
    {
        { "retry 0", new() { JobDefinitionName = "d", Image = "i", RetryAttempts = 0 }, "retryStrategy.attempts", "0" },
        { "retry 11", new() { JobDefinitionName = "d", Image = "i", RetryAttempts = 11 }, "retryStrategy.attempts", "11" },
        { "timeout 59", new() { JobDefinitionName = "d", Image = "i", AttemptDurationSeconds = 59 }, "timeout.attemptDurationSeconds", "59" },
        { "fractional EC2 vCPU", new() { JobDefinitionName = "d", Image = "i", Vcpus = 1.5 }, "resourceRequirements.VCPU", "1.5" },
        { "bad Fargate size", new() { JobDefinitionName = "d", Image = "i", PlatformCapability = "FARGATE", Vcpus = 0.25, Memory = 4096 }, "resourceRequirements", "VCPU=0.25, MEMORY=4096" },
        { "bad platform", new() { JobDefinitionName = "d", Image = "i", PlatformCapability = "EKS" }, "platformCapabilities", "EKS" },
        { "no image", new() { JobDefinitionName = "d", Image = "" }, "containerProperties.image", "" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void Bad_job_definitions_name_the_field_and_value(string _, JobDefinitionRequest request, string field, string value)
    {
        var aws = new SimulatedAws();
        var ex = Assert.Throws<AwsValidationException>(() => aws.Batch.RegisterJobDefinition(request));
        Assert.Equal(field, ex.Field);
        Assert.Equal(value, ex.Value);
        Assert.False(string.IsNullOrWhiteSpace(ex.Allowed));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    public void Retry_limits_are_inclusive(int attempts, int expected)
        => Assert.Equal(expected, new SimulatedAws().Batch.RegisterJobDefinition(new() { JobDefinitionName = "d", Image = "i", RetryAttempts = attempts, AttemptDurationSeconds = 60 }).Request.RetryAttempts);

    [Theory]
    [InlineData(1, "arrayProperties.size", "1")]
    [InlineData(10_001, "arrayProperties.size", "10001")]
    public void Array_sizes_are_2_to_10000(int size, string field, string value)
    {
        var (_, b) = BatchTestKit.Ec2();
        var ex = Assert.Throws<AwsValidationException>(() => b.Submit(arraySize: size));
        Assert.Equal(field, ex.Field);
        Assert.Equal(value, ex.Value);
        Assert.Contains("2 to 10,000", ex.Allowed);
    }

    [Fact]
    public void At_most_twenty_dependencies()
    {
        var (_, b) = BatchTestKit.Ec2();
        var deps = Enumerable.Range(0, 21).Select(i => new JobDependency(b.Submit($"d{i}").JobId)).ToList();
        var ex = Assert.Throws<AwsValidationException>(() => b.Submit(dependsOn: deps));
        Assert.Equal("dependsOn", ex.Field);
        Assert.Equal("21", ex.Value);
        Assert.Contains("0 to 20", ex.Allowed);
        b.Submit(dependsOn: deps.Take(20).ToList()); // 20 is fine
    }

    [Fact]
    public void Sequential_needs_an_array_and_n_to_n_needs_arrays_of_the_same_size()
    {
        var (_, b) = BatchTestKit.Ec2();
        var seq = Assert.Throws<AwsValidationException>(() => b.Submit(dependsOn: [JobDependency.Sequential]));
        Assert.Equal("dependsOn.type", seq.Field);
        var a = b.Submit("a", arraySize: 3);
        var n2n = Assert.Throws<AwsValidationException>(() => b.Submit(arraySize: 4, dependsOn: [new(a.JobId, "N_TO_N")]));
        Assert.Equal("N_TO_N", n2n.Value);
        Assert.Contains("same size", n2n.Allowed);
    }

    [Fact]
    public void Unknown_queue_definition_or_dependency_is_a_client_exception()
    {
        var (_, b) = BatchTestKit.Ec2();
        Assert.Equal("ClientException", Assert.Throws<AwsException>(() => b.Submit(queue: "nope")).ErrorCode);
        Assert.Equal("ClientException", Assert.Throws<AwsException>(() => b.Submit(definition: "nope")).ErrorCode);
        Assert.Equal("ClientException", Assert.Throws<AwsException>(() => b.Submit(dependsOn: [new("no-such-job")])).ErrorCode);
    }

    [Fact]
    public void Job_definitions_get_revisions_and_resolve_by_name_revision_or_arn()
    {
        var aws = new SimulatedAws();
        var r1 = aws.Batch.RegisterJobDefinition(new() { JobDefinitionName = "d", Image = "a" });
        var r2 = aws.Batch.RegisterJobDefinition(new() { JobDefinitionName = "d", Image = "b" });
        Assert.Equal((1, 2), (r1.Revision, r2.Revision));
        Assert.EndsWith(":job-definition/d:2", r2.JobDefinitionArn);
        aws.Batch.CreateComputeEnvironment(new() { ComputeEnvironmentName = "ce", MaxvCpus = 4 });
        aws.Batch.CreateJobQueue(new() { JobQueueName = "q", ComputeEnvironmentOrder = [new(1, "ce")] });
        Assert.Same(r2, aws.Batch.Submit(definition: "d").Definition);
        Assert.Same(r1, aws.Batch.Submit(definition: "d:1").Definition);
        Assert.Same(r1, aws.Batch.Submit(definition: r1.JobDefinitionArn).Definition);
    }

    [Fact]
    public void A_fargate_job_definition_cannot_go_to_an_ec2_queue()
    {
        var (_, b) = BatchTestKit.Ec2();
        b.RegisterJobDefinition(new() { JobDefinitionName = "fg", Image = "i", PlatformCapability = "FARGATE", Vcpus = 0.5, Memory = 1024 });
        var ex = Assert.Throws<AwsException>(() => b.Submit(definition: "fg"));
        Assert.Equal("ClientException", ex.ErrorCode);
        Assert.Contains("FARGATE", ex.Message);
    }

    [Fact]
    public void Deleting_a_compute_environment_terminates_and_bills_its_instances_but_not_while_jobs_run()
    {
        var (aws, b) = BatchTestKit.Ec2(min: 4);
        b.Submit(duration: TimeSpan.FromHours(1));
        aws.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("ClientException", Assert.Throws<AwsException>(() => b.DeleteComputeEnvironment("ce")).ErrorCode);
        b.RunToCompletion();
        Assert.Equal(4, b.DescribeComputeEnvironment("ce").CurrentvCpus);
        Assert.Empty(aws.Bill.Items);                       // min instances are still running: nothing billed yet
        b.DeleteComputeEnvironment("ce");
        var ce = b.DescribeComputeEnvironment("ce");
        Assert.All(ce.Instances, i => Assert.Equal("compute environment deleted", i.TerminationReason));
        Assert.Equal(ce.Instances.Count, aws.Bill.Items.Count);
        Assert.Equal(ce.Instances.Sum(i => i.Cost), aws.Bill.Total);
    }
}
