using AwsSim.Ecs;
using static AwsSim.Tests.Ecs.EcsTestKit;

namespace AwsSim.Tests.Ecs;

public class PlacementTests
{
    [Fact]
    public void Binpack_on_memory_fills_the_fewest_instances()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large", "m5.large"); // 2 vCPU, 8 GiB each
        Register(aws, "web", 256, 2048);
        var r = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 8, PlacementStrategy = [PlacementStrategy.Binpack("memory")] });
        Assert.Empty(r.Failures);
        Assert.Equal([4, 4, 0, 0], PerInstance(aws));
    }

    [Fact]
    public void Binpack_prefers_the_instance_with_least_left_after_placing()
    {
        var aws = Cluster("m5.large", "t3.small"); // 8 GiB and 2 GiB
        Register(aws, "small", 128, 1024);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "small", PlacementStrategy = [PlacementStrategy.Binpack("memory")] });
        Assert.Equal([0, 1], PerInstance(aws));
    }

    [Fact]
    public void Spread_on_availability_zone_balances_the_zones()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large", "m5.large", "m5.large", "m5.large"); // a b c a b c
        Register(aws, "web", 256, 512);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 9, PlacementStrategy = [PlacementStrategy.Spread()] });
        var perAz = aws.Ecs.ListTasks("c").GroupBy(t => t.AvailabilityZone).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(3, perAz.Count);
        Assert.All(perAz.Values, n => Assert.Equal(3, n));
    }

    [Fact]
    public void Spread_on_instance_id_puts_one_on_each_before_doubling()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 5, PlacementStrategy = [PlacementStrategy.Spread("instanceId")] });
        Assert.Equal([2, 2, 1], PerInstance(aws));
    }

    [Fact]
    public void Spread_then_binpack_balances_zones_and_packs_inside_each()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large", "m5.large"); // a b c a
        Register(aws, "web", 256, 512);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 6, PlacementStrategy = [PlacementStrategy.Spread(), PlacementStrategy.Binpack("memory")] });
        var zoneA = aws.Ecs.DescribeCluster("c").ContainerInstances.Where(i => i.AvailabilityZone == "us-east-1a").Select(i => i.Tasks.Count).ToArray();
        Assert.Equal(2, zoneA.Sum());
        Assert.Contains(0, zoneA); // both zone-a tasks packed on one instance
    }

    [Fact]
    public void Random_is_deterministic_for_a_seed()
    {
        int[] Run(int seed)
        {
            var aws = new SimulatedAws(seed: seed);
            aws.Ecs.CreateCluster("c");
            for (var i = 0; i < 10; i++) aws.Ecs.RegisterContainerInstance("c", "m5.large");
            Register(aws, "web", 128, 256);
            for (var i = 0; i < 4; i++) aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 5, PlacementStrategy = [PlacementStrategy.Random()] });
            return PerInstance(aws);
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
        Assert.Equal(20, Run(3).Sum());
    }

    [Fact]
    public void Distinct_instance_places_each_task_of_the_group_on_its_own_instance()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large");
        Register(aws, "web", 128, 256);
        var r = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 4, PlacementStrategy = [PlacementStrategy.Binpack("memory")], PlacementConstraints = [PlacementConstraint.DistinctInstance()] });
        Assert.Equal([1, 1, 1], PerInstance(aws));
        Assert.Equal("DistinctInstance placement constraint unsatisfied.", Assert.Single(r.Failures).Reason);
    }

    [Theory]
    [InlineData("attribute:ecs.instance-type =~ t3.*", new[] { 0, 2, 2 })]
    [InlineData("attribute:ecs.instance-type == t3.small", new[] { 0, 0, 4 })]
    [InlineData("attribute:ecs.availability-zone != us-east-1c", new[] { 2, 2, 0 })]
    [InlineData("attribute:ecs.instance-type in [m5.large, t3.small]", new[] { 2, 0, 2 })]
    public void MemberOf_keeps_tasks_on_matching_instances(string expression, int[] expected)
    {
        var aws = Cluster("m5.large", "t3.micro", "t3.small"); // zones a, b, c
        Register(aws, "tiny", 128, 128);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "tiny", Count = 4, PlacementStrategy = [PlacementStrategy.Spread("instanceId")], PlacementConstraints = [PlacementConstraint.MemberOf(expression)] });
        if (expected.Count(e => e > 0) == 1) Assert.Equal(expected, PerInstance(aws));
        else Assert.Equal(expected.Select(e => e > 0), PerInstance(aws).Select(n => n > 0));
    }

    [Theory]
    [InlineData(4096, 1024, "RESOURCE:CPU")]          // 4 vCPU on a 2-vCPU instance
    [InlineData(256, 16384, "RESOURCE:MEMORY")]       // 16 GiB on an 8-GiB instance
    public void A_task_that_fits_nowhere_fails_with_AWS_reason(int cpu, int memory, string reason)
    {
        var aws = Cluster("m5.large", "m5.large");
        Register(aws, "big", cpu, memory);
        var r = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "big" });
        Assert.Empty(r.Tasks);
        Assert.Equal(reason, Assert.Single(r.Failures).Reason);
        Assert.StartsWith("arn:aws:ecs:us-east-1:123456789012:container-instance/c/", r.Failures[0].Arn);
    }

    [Fact]
    public void A_fixed_host_port_can_be_used_once_per_instance()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 128, 256, hostPort: 80);
        Assert.Single(aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web" }).Tasks);
        Assert.Equal("RESOURCE:PORTS", Assert.Single(aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web" }).Failures).Reason);
    }

    [Fact]
    public void MemberOf_with_no_match_reports_the_constraint()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 128, 256);
        var r = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", PlacementConstraints = [PlacementConstraint.MemberOf("attribute:ecs.instance-type =~ c5.*")] });
        Assert.Equal("MemberOf placement constraint unsatisfied.", Assert.Single(r.Failures).Reason);
    }

    [Fact]
    public void Bad_strategy_fields_are_rejected_with_the_field_named()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 128, 256);
        var ex = Assert.Throws<AwsValidationException>(() => aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", PlacementStrategy = [new PlacementStrategy("binpack", "disk")] }));
        Assert.Equal("placementStrategy[0].field", ex.Field);
    }

    [Fact]
    public void Tasks_go_PENDING_then_RUNNING_as_the_clock_moves()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 128, 256);
        var t = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web" }).Tasks[0];
        Assert.Equal("PENDING", t.LastStatus);
        aws.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("RUNNING", t.LastStatus);
        Assert.Equal(2048 - 128, t.ContainerInstance!.RemainingCpu);
        Assert.Equal(8192 - 256, t.ContainerInstance.RemainingMemory);
    }
}

public class PlacementInputTests
{
    [Theory]
    [InlineData("attribute:ecs.instance-type")]
    [InlineData("instance-type == t3.micro")]
    [InlineData("")]
    public void Bad_memberOf_expressions_name_the_field(string expression)
    {
        var aws = EcsTestKit.Cluster("m5.large");
        EcsTestKit.Register(aws, "web", 128, 256);
        var ex = Assert.Throws<AwsValidationException>(() => aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", PlacementConstraints = [PlacementConstraint.MemberOf(expression)] }));
        Assert.Equal("placementConstraints[0].expression", ex.Field);
    }

    [Fact]
    public void RunTask_with_a_capacity_provider_strategy_splits_by_base_then_weight()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
        var r = aws.Ecs.RunTask(new RunTaskRequest
        {
            Cluster = "c", TaskDefinition = "f", Count = 10,
            CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE", Weight: 1, Base: 1), new CapacityProviderStrategyItem("FARGATE_SPOT", Weight: 4)],
        });
        Assert.Equal(10, r.Tasks.Count);
        Assert.Equal(1 + 2, r.Tasks.Count(t => t.CapacityProviderName == "FARGATE"));   // base 1, then 9 split 1:4 → about 2
        Assert.All(r.Tasks, t => Assert.Equal("FARGATE", t.LaunchType));
    }

    [Fact]
    public void Launch_type_and_capacity_providers_are_exclusive()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
        var ex = Assert.Throws<AwsException>(() => aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "f", LaunchType = "FARGATE", CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE")] }));
        Assert.Equal("InvalidParameterException", ex.ErrorCode);
    }
}
