using AwsSim.Ec2;
using AwsSim.Ecs;
using AwsSim.Fargate;
using static AwsSim.Tests.Ecs.EcsTestKit;

namespace AwsSim.Tests.Ecs;

public class EcsFargateAndBillingTests
{
    [Theory]
    [InlineData("t3.micro", 2, 1, 0.0104)]
    [InlineData("m5.large", 2, 8, 0.096)]
    [InlineData("t4g.small", 2, 2, 0.0168)]
    public void Instance_catalog_comes_from_the_price_list(string name, int vcpu, int gib, double price)
    {
        var t = InstanceCatalog.Get(name);
        Assert.Equal(vcpu * 1024, t.CpuUnits);
        Assert.Equal(gib * 1024, t.MemoryMiB);
        Assert.Equal((decimal)price, t.HourlyPrice);
        Assert.Contains(t, InstanceCatalog.All());
    }

    [Fact]
    public void Graviton_types_are_arm64()
    {
        Assert.Equal("arm64", InstanceCatalog.Get("t4g.small").Architecture);
        Assert.Equal("x86_64", InstanceCatalog.Get("m5.large").Architecture);
    }

    [Fact]
    public void Unknown_instance_type_lists_the_catalog()
    {
        var ex = Assert.Throws<AwsValidationException>(() => InstanceCatalog.Get("x9.huge"));
        Assert.Contains("m5.large", ex.Message);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(30, 60)]
    [InlineData(61.1, 62)]
    [InlineData(3600, 3600)]
    public void EC2_bills_per_second_with_a_60_second_minimum(double seconds, long billed)
        => Assert.Equal(billed, InstanceCatalog.BilledSeconds(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ECS_on_EC2_bills_only_the_instances()
    {
        var aws = Cluster("m5.large", "t3.micro");
        Register(aws, "web", 256, 512);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 3 });
        aws.Clock.Advance(TimeSpan.FromHours(10));
        aws.Ecs.SettleBilling();
        Assert.Equal(10 * 0.096m + 10 * 0.0104m, aws.Bill.Total);
        Assert.All(aws.Bill.Items, i => Assert.Equal("Amazon EC2", i.Service));
        // Settling again later adds only the new time.
        aws.Clock.Advance(TimeSpan.FromHours(1));
        aws.Ecs.SettleBilling();
        Assert.Equal(11 * 0.096m + 11 * 0.0104m, aws.Bill.Total);
    }

    [Fact]
    public void Fargate_task_sizes_are_validated_at_registration()
    {
        var aws = new SimulatedAws();
        var ex = Assert.Throws<AwsValidationException>(() => aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 512, 8192)));
        Assert.Equal("ClientException", ex.ErrorCode);
        Assert.Contains("1024, 2048, 3072, 4096 MiB", ex.Message);
    }

    [Fact]
    public void Fargate_task_bills_per_second_from_the_image_pull_with_a_minute_minimum()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 1024, 2048));
        var t = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "f", LaunchType = "FARGATE" }).Tasks[0];
        Assert.Null(t.ContainerInstance);
        Assert.StartsWith("us-east-1", t.AvailabilityZone);
        aws.Clock.Advance(TimeSpan.FromSeconds(30));
        aws.Ecs.StopTask("c", t.TaskId);
        Assert.Equal(FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromSeconds(60))), aws.Bill.Total);

        var t2 = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "f", LaunchType = "FARGATE" }).Tasks[0];
        aws.Clock.Advance(TimeSpan.FromSeconds(3600.5));
        aws.Ecs.StopTask("c", t2.TaskId);
        Assert.Equal(FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromSeconds(60))) + FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromSeconds(3601))), aws.Bill.Total);
    }

    [Fact]
    public void Fargate_rejects_placement_strategies_and_unsupported_task_definitions()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
        Register(aws, "ec2only", 256, 512);
        Assert.Throws<AwsException>(() => aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "f", LaunchType = "FARGATE", PlacementStrategy = [PlacementStrategy.Binpack()] }));
        Assert.Contains("does not support launch_type FARGATE", Assert.Throws<AwsException>(() => aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "ec2only", LaunchType = "FARGATE" })).Message);
    }

    [Fact]
    public void Fargate_Spot_task_gets_a_two_minute_warning_and_the_service_replaces_it()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
        var s = aws.Ecs.CreateService(new CreateServiceRequest
        {
            Cluster = "c", ServiceName = "batchy", TaskDefinition = "f", DesiredCount = 2,
            CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE_SPOT")],
        });
        aws.Clock.Advance(TimeSpan.FromMinutes(5));
        var victim = s.Tasks[0];
        aws.Ecs.InterruptSpotTask("c", victim.TaskId);
        Assert.Equal("STOPPED", victim.DesiredStatus);
        Assert.Equal("RUNNING", victim.LastStatus);
        Assert.Equal(3, s.Tasks.Count); // the replacement starts at the warning
        aws.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("STOPPED", victim.LastStatus);
        Assert.Equal("SpotInterruption", victim.StopCode);
        Assert.Equal(2, s.RunningCount);
        Assert.Contains(aws.Bill.Items, i => i.PriceKey == "fargate.spot.linux.x86_64.vcpu");
    }

    [Fact]
    public void Spot_interruptions_are_seeded()
    {
        string[] Run(int seed)
        {
            var aws = new SimulatedAws(new SimulatedAwsOptions { Seed = seed, Ecs = new EcsOptions { SpotInterruptionsPerTaskHour = 0.5 } });
            aws.Ecs.CreateCluster("c");
            aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
            aws.Ecs.CreateService(new CreateServiceRequest { Cluster = "c", ServiceName = "s", TaskDefinition = "f", DesiredCount = 3, CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE_SPOT")] });
            aws.Clock.Advance(TimeSpan.FromHours(6));
            return aws.Ecs.DescribeCluster("c").Tasks.Where(t => t.StopCode == "SpotInterruption").Select(t => t.StoppedAt!.Value.ToString("O")).ToArray();
        }
        var a = Run(7);
        Assert.NotEmpty(a);
        Assert.Equal(a, Run(7));
        Assert.NotEqual(a, Run(8));
    }

    [Fact]
    public void Capacity_provider_base_and_weight_split_tasks()
    {
        var aws = new SimulatedAws();
        aws.Ecs.CreateCluster("c");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Fargate("f", "nginx", 256, 512));
        var s = aws.Ecs.CreateService(new CreateServiceRequest
        {
            Cluster = "c", ServiceName = "mix", TaskDefinition = "f", DesiredCount = 10,
            CapacityProviderStrategy = [new CapacityProviderStrategyItem("FARGATE", Weight: 1, Base: 2), new CapacityProviderStrategyItem("FARGATE_SPOT", Weight: 3)],
        });
        Assert.Equal(4, s.Tasks.Count(t => t.CapacityProviderName == "FARGATE"));   // 2 base + 2 of the 8 others
        Assert.Equal(6, s.Tasks.Count(t => t.CapacityProviderName == "FARGATE_SPOT"));
    }

    [Fact]
    public void Task_definitions_get_revisions()
    {
        var aws = new SimulatedAws();
        var a = Register(aws, "web", 256, 512);
        var b = Register(aws, "web", 512, 512);
        Assert.Equal("web:1", a.FamilyRevision);
        Assert.Equal("web:2", b.FamilyRevision);
        Assert.Equal(b, aws.Ecs.DescribeTaskDefinition("web"));
        Assert.Equal(a, aws.Ecs.DescribeTaskDefinition("web:1"));
        Assert.Equal(a, aws.Ecs.DescribeTaskDefinition(a.TaskDefinitionArn!));
    }

    [Fact]
    public void Cluster_picture_shows_instances_tasks_and_free_capacity()
    {
        var aws = Cluster("m5.large", "t3.small");
        Register(aws, "web", 512, 1024);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", Count = 3, PlacementStrategy = [PlacementStrategy.Binpack("memory")] });
        var svg = aws.Ecs.RenderCluster("c");
        Assert.StartsWith("<svg", svg);
        Assert.EndsWith("</svg>", svg);
        Assert.Equal(2 + 3 + 1, System.Text.RegularExpressions.Regex.Matches(svg, "<rect").Count); // 2 instances, 3 tasks, 1 legend swatch
        Assert.Contains("free 1.5 vCPU, 7 GiB", svg); // m5.large after 1 task
        Assert.Contains("free 1 vCPU, 0 GiB", svg);   // t3.small after 2
        System.Xml.Linq.XDocument.Parse(svg);          // well-formed
        var html = ClusterPicture.SideBySide(("binpack", svg), ("spread", svg));
        Assert.Contains("<figcaption", html);
    }
}
