using System.Text.Json;
using AwsSim.Batch;

namespace AwsSim.Tests.Batch;

public class BatchEventTests
{
    private static string Oracle => Directory.GetFiles(Path.Combine(Paths.Oracles, "events"), "batch-job-state-change.*.json").Single();

    [Fact]
    public void The_aws_sample_round_trips_with_no_differences()
    {
        var (kind, type, diffs) = AwsEventCatalog.RoundTrip(File.ReadAllText(Oracle));
        Assert.Equal("batch-job-state-change", kind);
        Assert.Equal(typeof(BatchJobStateChangeEvent), type);
        Assert.Empty(diffs);
    }

    [Fact]
    public void The_sample_loads_into_the_typed_fields()
    {
        var e = AwsJson.Deserialize<BatchJobStateChangeEvent>(File.ReadAllText(Oracle));
        Assert.Equal("RUNNABLE", e.Detail!.Status);
        Assert.Equal(1508781340401, e.Detail.CreatedAt);
        Assert.Equal(2, e.Detail.Container!.Vcpus);
        Assert.Equal(90, e.Detail.Timeout!.AttemptDurationSeconds);
        Assert.True(e.Detail.Extra!.ContainsKey("nodeProperties"));
    }

    [Fact]
    public void Every_status_change_is_published_in_aws_shape()
    {
        var (aws, b) = BatchTestKit.Ec2();
        var bus = new RecordingPublisher();
        b.EventPublisher = bus;
        var job = b.Submit("evt");
        b.RunToCompletion();
        Assert.All(bus.Events, e =>
        {
            Assert.Equal("Batch Job State Change", e.DetailType);
            Assert.Equal("aws.batch", e.Source);
            Assert.Equal(aws.AccountId, e.Account);
            Assert.Equal([job.JobArn], e.Resources);
        });
        Assert.Equal(job.Statuses(), bus.Events.Select(e => e.Detail.GetProperty("status").GetString()));
        var last = bus.Events[^1];
        Assert.Equal(job.JobId, last.Detail.GetProperty("jobId").GetString());
        Assert.Equal(0, last.Detail.GetProperty("container").GetProperty("exitCode").GetInt32());
        Assert.Equal(job.Queue.JobQueueArn, last.Detail.GetProperty("jobQueue").GetString());
        // and the whole envelope is recognised as the same kind as AWS's sample
        var (kind, _, diffs) = AwsEventCatalog.RoundTrip(JsonSerializer.Serialize(last, AwsJson.Options));
        Assert.Equal("batch-job-state-change", kind);
        Assert.Empty(diffs);
    }

    [Fact]
    public void Array_children_events_carry_their_index()
    {
        var (_, b) = BatchTestKit.Ec2();
        var bus = new RecordingPublisher();
        b.EventPublisher = bus;
        var parent = b.Submit(arraySize: 3);
        b.RunToCompletion();
        var child2 = bus.Events.Where(e => e.Detail.GetProperty("jobId").GetString() == parent.JobId + ":2").ToList();
        Assert.NotEmpty(child2);
        Assert.All(child2, e => Assert.Equal(2, e.Detail.GetProperty("arrayProperties").GetProperty("index").GetInt32()));
        var parentDone = bus.Events.Last(e => e.Detail.GetProperty("jobId").GetString() == parent.JobId);
        Assert.Equal(3, parentDone.Detail.GetProperty("arrayProperties").GetProperty("size").GetInt32());
        Assert.Equal("SUCCEEDED", parentDone.Detail.GetProperty("status").GetString());
    }

    [Fact]
    public void A_rule_on_the_event_bus_matches_failed_batch_jobs()
    {
        var (aws, b) = BatchTestKit.Ec2(eventLog: 1_000);
        aws.Events.PutRule("batch-failures", eventPattern: """{"source":["aws.batch"],"detail-type":["Batch Job State Change"],"detail":{"status":["FAILED"]}}""");
        aws.Events.PutTargets("batch-failures", new AwsSim.EventBridge.EventTarget("log", "arn:aws:sqs:us-east-1:123456789012:batch-failures"));
        var bad = b.Submit("bad", exitCode: 3);
        var good = b.Submit("good");
        b.RunToCompletion();
        var delivered = Assert.Single(aws.Events.Deliveries);
        Assert.Equal("batch-failures", delivered.RuleName);
        Assert.Equal(bad.JobId, delivered.Event.Detail.GetProperty("jobId").GetString());
        Assert.Equal(good.Statuses().Count + bad.Statuses().Count, aws.Events.Events.Count(e => e.Source == "aws.batch"));
    }
}
