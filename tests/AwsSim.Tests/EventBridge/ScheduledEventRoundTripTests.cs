using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class ScheduledEventRoundTripTests
{
    [Theory]
    [InlineData("scheduled.aws-lambda-dotnet.scheduled-event.json")]
    [InlineData("scheduled.aws-lambda-java-libs.cloudwatch_event.json")]
    public void AWS_sample_scheduled_events_round_trip_without_differences(string file)
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", file));
        var (kind, type, differences) = AwsEventCatalog.RoundTrip(json);
        Assert.Equal("scheduled", kind);
        Assert.Equal(typeof(EventBridgeEvent), type);
        Assert.Empty(differences);
        var e = AwsJson.Deserialize<EventBridgeEvent>(json);
        Assert.Equal("Scheduled Event", e.DetailType);
        Assert.Equal("aws.events", e.Source);
        Assert.StartsWith("arn:aws:events:", Assert.Single(e.Resources));
    }

    [Fact]
    public void ECS_and_Batch_state_changes_are_not_taken_for_scheduled_events()
    {
        foreach (var file in new[] { "ecs-task-state-change.aws-lambda-dotnet.ecs-task-state-change-event.json", "batch-job-state-change.aws-lambda-dotnet.batch-job-state-change-event.json" })
        {
            var (kind, _, _) = AwsEventCatalog.RoundTrip(File.ReadAllText(Path.Combine(Paths.Oracles, "events", file)));
            Assert.NotEqual("scheduled", kind);
        }
    }
}
