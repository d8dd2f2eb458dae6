using System.Text.Json;
using AwsSim.Ecs;
using static AwsSim.Tests.Ecs.EcsTestKit;

namespace AwsSim.Tests.Ecs;

public class EcsEventTests
{
    private static string Sample => File.ReadAllText(Path.Combine(Paths.Oracles, "events", "ecs-task-state-change.aws-lambda-dotnet.ecs-task-state-change-event.json"));

    [Fact]
    public void AWS_sample_round_trips_with_no_differences()
    {
        var (kind, type, diffs) = AwsEventCatalog.RoundTrip(Sample);
        Assert.Equal("ecs-task-state-change", kind);
        Assert.Equal(typeof(EcsTaskStateChangeEvent), type);
        Assert.Empty(diffs);
    }

    [Fact]
    public void AWS_sample_loads_into_the_typed_detail()
    {
        var e = AwsJson.Deserialize<EcsTaskStateChangeEvent>(Sample);
        Assert.Equal("FARGATE", e.Detail.LaunchType);
        Assert.Equal("256", e.Detail.Cpu);
        Assert.Equal(4, e.Detail.Version);
        Assert.Equal("sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6", e.Detail.Containers![0].ImageDigest);
        Assert.Equal("testvalue", e.Detail.Overrides!.ContainerOverrides![0].Environment![0].Value);
    }

    [Fact]
    public void Task_changes_are_published_in_AWS_shape_with_rising_versions()
    {
        var aws = Cluster("m5.large");
        var bus = new FakeBus();
        aws.Ecs.EventPublisher = bus;
        Register(aws, "web", 256, 512);
        var task = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web" }).Tasks[0];
        aws.Clock.Advance(TimeSpan.FromSeconds(30));
        aws.Ecs.StopTask("c", task.TaskId);
        Assert.Equal(["PENDING", "RUNNING", "STOPPED"], bus.Events.Select(e => e.Detail.GetProperty("lastStatus").GetString()));
        Assert.All(bus.Events, e =>
        {
            Assert.Equal("ECS Task State Change", e.DetailType);
            Assert.Equal("aws.ecs", e.Source);
            Assert.Equal([task.TaskArn], e.Resources);
            Assert.Equal("family:web", e.Detail.GetProperty("group").GetString());
        });
        var versions = bus.Events.Select(e => e.Detail.GetProperty("version").GetInt64()).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(3, versions.Distinct().Count());
        // Each published event is itself recognised and round-trips.
        var json = AwsJson.Serialize(aws.Ecs.PublishedEvents[^1]);
        var (kind, _, diffs) = AwsEventCatalog.RoundTrip(json);
        Assert.Equal("ecs-task-state-change", kind);
        Assert.Empty(diffs);
        Assert.Equal("Task stopped by user", aws.Ecs.PublishedEvents[^1].Detail.StoppedReason);
    }

    [Fact]
    public void Image_digest_comes_from_ECR_and_a_missing_image_fails_to_start()
    {
        var aws = Cluster("m5.large");
        aws.Ecr.CreateRepository("web");
        var image = aws.Ecr.PushSampleImage("web", "1.0", "v1");
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple("ok", aws.Ecr.GetRepository("web").ImageUri("1.0"), 256, 512));
        aws.Ecs.RegisterTaskDefinition(TaskDefinition.Simple("bad", aws.Ecr.GetRepository("web").ImageUri("9.9"), 256, 512));
        var ok = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "ok" }).Tasks[0];
        var bad = aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "bad" }).Tasks[0];
        aws.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(image.ImageDigest, ok.ImageDigests["ok"]);
        Assert.Equal("RUNNING", ok.LastStatus);
        Assert.Equal("STOPPED", bad.LastStatus);
        Assert.Equal("TaskFailedToStart", bad.StopCode);
        Assert.StartsWith("CannotPullContainerError", bad.StoppedReason);
        var running = aws.Ecs.PublishedEvents.Single(e => e.Detail.TaskArn == ok.TaskArn && e.Detail.LastStatus == "RUNNING");
        Assert.Equal(image.ImageDigest, running.Detail.Containers![0].ImageDigest);
    }

    [Fact]
    public void Event_detail_serializes_with_AWS_names()
    {
        var aws = Cluster("m5.large");
        Register(aws, "web", 256, 512);
        aws.Ecs.RunTask(new RunTaskRequest { Cluster = "c", TaskDefinition = "web" });
        using var doc = JsonDocument.Parse(AwsJson.Serialize(aws.Ecs.PublishedEvents[0]));
        var detail = doc.RootElement.GetProperty("detail");
        Assert.Equal("ECS Task State Change", doc.RootElement.GetProperty("detail-type").GetString());
        Assert.Equal("EC2", detail.GetProperty("launchType").GetString());
        Assert.StartsWith("arn:aws:ecs:us-east-1:123456789012:container-instance/c/", detail.GetProperty("containerInstanceArn").GetString());
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1", detail.GetProperty("taskDefinitionArn").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", detail.GetProperty("createdAt").GetString()!);
    }
}
