using AwsSim.Ecs;
using static AwsSim.Tests.Ecs.EcsTestKit;

namespace AwsSim.Tests.Ecs;

public class ServiceTests
{
    private static Service Web(SimulatedAws aws, int desired, int min = 100, int max = 200, IReadOnlyList<PlacementStrategy>? strategy = null)
        => aws.Ecs.CreateService(new CreateServiceRequest
        {
            Cluster = "c", ServiceName = "web", TaskDefinition = "web", DesiredCount = desired,
            MinimumHealthyPercent = min, MaximumPercent = max, PlacementStrategy = strategy,
        });

    [Fact]
    public void Service_starts_desired_count_and_reaches_steady_state()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 3);
        Assert.Equal(3, s.PendingCount);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, s.RunningCount);
        Assert.Equal([1, 1, 1], PerInstance(aws)); // default: spread over the zones
        Assert.EndsWith("has reached a steady state.", s.Events[^1]);
    }

    [Fact]
    public void A_stopped_task_is_replaced()
    {
        var aws = Cluster("m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 2);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        var victim = s.Tasks[0];
        aws.Ecs.StopTask("c", victim.TaskArn);
        Assert.Equal("STOPPED", victim.LastStatus);
        Assert.Equal("UserInitiated", victim.StopCode);
        Assert.Equal(2, s.Tasks.Count);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, s.RunningCount);
    }

    [Fact]
    public void Tasks_that_fit_nowhere_stay_PENDING_with_the_reason_until_capacity_arrives()
    {
        var aws = Cluster("t3.small"); // 2 GiB
        Register(aws, "web", 256, 1024);
        var s = Web(aws, 3);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, s.RunningCount);
        var pending = s.Tasks.Single(t => t.LastStatus == "PENDING");
        Assert.Null(pending.ContainerInstance);
        Assert.Equal("RESOURCE:MEMORY", pending.PendingReason);
        Assert.Contains(s.Events, e => e.Contains("was unable to place a task", StringComparison.Ordinal) && e.Contains("RESOURCE:MEMORY", StringComparison.Ordinal));
        aws.Ecs.RegisterContainerInstance("c", "t3.small");
        Assert.NotNull(pending.ContainerInstance);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, s.RunningCount);
    }

    [Fact]
    public void Draining_an_instance_moves_its_service_tasks_elsewhere()
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 3);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        var drained = aws.Ecs.DescribeCluster("c").ContainerInstances[0];
        var standalone = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web", PlacementConstraints = [PlacementConstraint.MemberOf("ec2InstanceId == " + drained.Ec2InstanceId)] }).Tasks.Single();
        aws.Ecs.UpdateContainerInstancesState("c", drained.Ec2InstanceId, "DRAINING");
        // A replacement starts first (min 100 %), the old task stops once it is healthy.
        Assert.Equal(4, s.Tasks.Count);
        aws.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(3, s.RunningCount);
        Assert.DoesNotContain(s.Tasks, t => t.ContainerInstance == drained);
        Assert.Equal("RUNNING", standalone.LastStatus); // standalone tasks are not touched by draining
    }

    [Fact]
    public void A_failed_instance_has_its_tasks_rescheduled_and_its_billing_ends()
    {
        var aws = Cluster("m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 4);
        aws.Clock.Advance(TimeSpan.FromMinutes(5));
        var failed = aws.Ecs.DescribeCluster("c").ContainerInstances[0];
        var lost = failed.Tasks.ToList();
        aws.Ecs.FailContainerInstance("c", failed.Ec2InstanceId);
        Assert.All(lost, t => Assert.Equal("STOPPED", t.LastStatus));
        Assert.All(lost, t => Assert.Contains("terminated", t.StoppedReason!, StringComparison.Ordinal));
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, s.RunningCount);
        Assert.Single(aws.Ecs.DescribeCluster("c").ContainerInstances);
        var line = Assert.Single(aws.Bill.Items);
        Assert.Equal(300m / 3600m, line.Quantity); // 5 minutes of m5.large
    }

    [Theory]
    [InlineData(100, 200, 4, 8)]  // defaults: never below 4 healthy, up to 8 at once
    [InlineData(50, 100, 2, 4)]   // stop half first, never above 4
    [InlineData(0, 100, 0, 4)]
    public void Rolling_deployment_respects_minimum_healthy_and_maximum_percent(int min, int max, int minHealthy, int maxTotal)
    {
        var aws = Cluster("m5.large", "m5.large", "m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 4, min, max);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        var v2 = aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple("web", "nginx:2", 256, 512));
        var lowestHealthy = int.MaxValue;
        var highestTotal = 0;
        void Observe()
        {
            var now = aws.Clock.Now;
            lowestHealthy = Math.Min(lowestHealthy, s.Tasks.Count(t => t.IsHealthy(now, TimeSpan.FromSeconds(40))));
            highestTotal = Math.Max(highestTotal, s.Tasks.Count(t => t.DesiredStatus == "RUNNING"));
        }
        aws.Ecs.UpdateService("c", "web", taskDefinition: v2.FamilyRevision);
        Observe();
        for (var i = 0; i < 60; i++) { aws.Clock.Advance(TimeSpan.FromSeconds(5)); Observe(); }
        Assert.All(s.Tasks, t => Assert.Equal(v2.TaskDefinitionArn, t.TaskDefinitionArn));
        Assert.Equal(4, s.RunningCount);
        Assert.True(lowestHealthy >= minHealthy, $"healthy fell to {lowestHealthy}");
        Assert.True(highestTotal <= maxTotal, $"{highestTotal} tasks at once");
        Assert.Equal(maxTotal, highestTotal);
    }

    [Fact]
    public void Scaling_in_stops_extra_tasks()
    {
        var aws = Cluster("m5.large", "m5.large");
        Register(aws, "web", 256, 512);
        var s = Web(aws, 4);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        aws.Ecs.UpdateService("c", "web", desiredCount: 1);
        Assert.Single(s.Tasks);
    }

    [Fact]
    public void Deployment_percent_limits_are_validated()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 256, 512);
        Assert.Equal("deploymentConfiguration.minimumHealthyPercent", Assert.Throws<AwsValidationException>(() => Web(aws, 1, min: 120)).Field);
    }
}
