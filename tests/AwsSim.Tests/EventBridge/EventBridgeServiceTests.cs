using System.Globalization;
using System.Text.Json.Nodes;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class EventBridgeServiceTests
{
    private const string Fn = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static (SimulatedAws Aws, FakeLambdaInvoker Lambda) Account(string start = "2026-01-01T00:00:00Z", int eventLog = 0)
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions
        {
            Start = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Events = new() { EventLogCapacity = eventLog },
        });
        var lambda = new FakeLambdaInvoker();
        aws.Events.LambdaInvoker = lambda;
        return (aws, lambda);
    }

    [Fact]
    public void A_nightly_rule_fires_exactly_once_per_night_in_time_order_over_a_month()
    {
        var (aws, lambda) = Account();
        aws.Events.PutRule("nightly-cleanup", "cron(0 3 * * ? *)");
        aws.Events.PutTargets("nightly-cleanup", new EventTarget("cleanup", Fn + "cleanup"));
        aws.Events.PutRule("every-six-hours", "rate(6 hours)");
        aws.Events.PutTargets("every-six-hours", new EventTarget("report", Fn + "report"));

        aws.Clock.Advance(TimeSpan.FromDays(31));

        var cleanup = aws.Events.Deliveries.Where(d => d.RuleName == "nightly-cleanup").ToList();
        Assert.Equal(31, cleanup.Count);
        Assert.Equal(Enumerable.Range(0, 31).Select(d => new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero).AddDays(d)), cleanup.Select(d => d.Time));
        // rate(6 hours) starts when created: 06:00, 12:00, 18:00, 00:00 … up to and including Feb 1 00:00.
        var report = aws.Events.Deliveries.Where(d => d.RuleName == "every-six-hours").ToList();
        Assert.Equal(31 * 4, report.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero), report[0].Time);
        // the whole log is in time order and every fire reached Lambda once
        Assert.Equal(aws.Events.Deliveries.Select(d => d.Time).Order(), aws.Events.Deliveries.Select(d => d.Time));
        Assert.Equal(31 + 124, lambda.Calls.Count);
        Assert.All(lambda.Calls, c => Assert.Equal("aws:events", c.Source));
        Assert.Equal(aws.Events.Deliveries.Select(d => d.Event.Id).Distinct().Count(), aws.Events.Deliveries.Count);
    }

    [Fact]
    public void Advancing_in_small_steps_or_one_big_step_gives_the_same_fires()
    {
        var (a, _) = Account();
        var (b, _) = Account();
        foreach (var aws in new[] { a, b })
        {
            aws.Events.PutRule("r", "cron(0/20 9-10 ? * MON-FRI *)");
            aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        }
        a.Clock.Advance(TimeSpan.FromDays(14));
        for (var i = 0; i < 14 * 24 * 6; i++) b.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(a.Events.Deliveries.Select(d => d.Time), b.Events.Deliveries.Select(d => d.Time));
        Assert.Equal(10 * 6, a.Events.Deliveries.Count); // 10 weekdays × (9:00, 9:20, 9:40, 10:00, 10:20, 10:40)
    }

    [Fact]
    public void The_scheduled_event_has_the_shape_AWS_sends()
    {
        var (aws, lambda) = Account();
        var arn = aws.Events.PutRule("my-schedule", "cron(15 10 * * ? *)");
        aws.Events.PutTargets("my-schedule", new EventTarget("fn", Fn + "handler"));
        aws.Clock.Advance(TimeSpan.FromHours(11));

        var (function, payload, _) = Assert.Single(lambda.Calls);
        Assert.Equal("handler", function);
        var json = JsonNode.Parse(payload)!.AsObject();
        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/my-schedule", arn);
        Assert.Equal("0", (string?)json["version"]);
        Assert.Equal("Scheduled Event", (string?)json["detail-type"]);
        Assert.Equal("aws.events", (string?)json["source"]);
        Assert.Equal("123456789012", (string?)json["account"]);
        Assert.Equal("2026-01-01T10:15:00Z", (string?)json["time"]);
        Assert.Equal("us-east-1", (string?)json["region"]);
        Assert.Equal(arn, (string?)json["resources"]![0]);
        Assert.Empty(json["detail"]!.AsObject());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", (string?)json["id"]);
        Assert.Equal(("scheduled", 0), (AwsEventCatalog.RoundTrip(payload).Kind, AwsEventCatalog.RoundTrip(payload).Differences.Count));
    }

    [Fact]
    public void Event_ids_are_deterministic_for_the_same_seed()
    {
        string[] Ids()
        {
            var (aws, _) = Account();
            aws.Events.PutRule("r", "rate(1 hour)");
            aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
            aws.Clock.Advance(TimeSpan.FromHours(3));
            return aws.Events.Deliveries.Select(d => d.Event.Id).ToArray();
        }
        Assert.Equal(Ids(), Ids());
        Assert.Equal(3, Ids().Distinct().Count());
    }

    [Fact]
    public void A_disabled_rule_does_not_fire_and_re_enabling_does_not_make_up_missed_runs()
    {
        var (aws, _) = Account();
        aws.Events.PutRule("r", "cron(0 * * * ? *)");
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        aws.Clock.Advance(TimeSpan.FromHours(2));      // 01:00, 02:00
        aws.Events.DisableRule("r");
        Assert.Equal("DISABLED", aws.Events.DescribeRule("r").StateName);
        aws.Clock.Advance(TimeSpan.FromHours(3));      // nothing
        aws.Events.EnableRule("r");
        aws.Clock.Advance(TimeSpan.FromHours(2));      // 06:00, 07:00
        Assert.Equal(new[] { 1, 2, 6, 7 }, aws.Events.Deliveries.Select(d => d.Time.Hour));
    }

    [Fact]
    public void A_rate_rule_keeps_its_creation_grid_after_being_re_enabled()
    {
        var (aws, _) = Account("2026-01-01T00:00:00Z");
        aws.Clock.Advance(TimeSpan.FromMinutes(7));
        aws.Events.PutRule("r", "rate(10 minutes)");   // created 00:07 -> 00:17, 00:27, …
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        aws.Clock.Advance(TimeSpan.FromMinutes(15));   // 00:17
        aws.Events.DisableRule("r");
        aws.Clock.Advance(TimeSpan.FromMinutes(20));   // 00:42
        aws.Events.EnableRule("r");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));   // 00:47
        Assert.Equal(new[] { 17, 47 }, aws.Events.Deliveries.Select(d => d.Time.Minute));
    }

    [Fact]
    public void Changing_the_schedule_replaces_the_pending_fire()
    {
        var (aws, _) = Account();
        aws.Events.PutRule("r", "cron(0 12 * * ? *)");
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        aws.Events.PutRule("r", "cron(0 6 * * ? *)");
        aws.Clock.Advance(TimeSpan.FromDays(1));
        var d = Assert.Single(aws.Events.Deliveries);
        Assert.Equal(6, d.Time.Hour);
    }

    [Fact]
    public void Delete_needs_the_targets_removed_first_and_then_stops_the_schedule()
    {
        var (aws, _) = Account();
        aws.Events.PutRule("r", "rate(1 minute)");
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        var ex = Assert.Throws<AwsException>(() => aws.Events.DeleteRule("r"));
        Assert.Equal("ValidationException", ex.ErrorCode);
        aws.Events.RemoveTargets("r", ["t"]);
        aws.Events.DeleteRule("r");
        aws.Events.DeleteRule("r"); // deleting again succeeds, as in AWS
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(aws.Events.Deliveries);
        Assert.Equal("ResourceNotFoundException", Assert.Throws<AwsException>(() => aws.Events.DescribeRule("r")).ErrorCode);
    }

    [Fact]
    public void Constant_input_replaces_the_event_and_non_Lambda_targets_are_only_logged()
    {
        var (aws, lambda) = Account();
        aws.Events.PutRule("r", "rate(1 day)");
        aws.Events.PutTargets("r", new EventTarget("fn", Fn + "f", Input: "{\"mode\":\"full\"}"), new EventTarget("q", "arn:aws:sqs:us-east-1:123456789012:queue"));
        aws.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("{\"mode\":\"full\"}", Assert.Single(lambda.Calls).Payload);
        Assert.Equal(new[] { "invoked", "recorded" }, aws.Events.Deliveries.Select(d => d.Outcome));
    }

    [Fact]
    public void Failed_deliveries_are_logged_not_thrown()
    {
        var aws = new SimulatedAws();
        aws.Events.LambdaInvoker = null; // the account wires aws.Lambda; a bare bus has none
        aws.Events.PutRule("r", "rate(1 hour)");
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "f"));
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.StartsWith("failed: no Lambda invoker", Assert.Single(aws.Events.Deliveries).Outcome);

        aws.Events.LambdaInvoker = new FakeLambdaInvoker();
        aws.Events.PutTargets("r", new EventTarget("t", Fn + "missing"));
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("ResourceNotFoundException", aws.Events.Deliveries[^1].Outcome);
    }

    [Theory]
    [InlineData("cron(0 9 * * 1-5)", null, "ValidationException", "has 5")]
    [InlineData("rate(1 hours)", null, "ValidationException", "rate(1 hour)")]
    [InlineData("at(2026-03-01T09:00:00)", null, "ValidationException", "EventBridge Scheduler")]
    [InlineData(null, null, "ValidationException", "ScheduleExpression or an EventPattern")]
    [InlineData(null, "{\"source\": \"aws.ecs\"}", "InvalidEventPatternException", "must be an array")]
    [InlineData(null, "{\"source\": [", "InvalidEventPatternException", "not valid JSON")]
    [InlineData(null, "{\"detail\": {\"n\": [{\"numeric\": [\"~\", 1]}]}}", "InvalidEventPatternException", "numeric operators")]
    [InlineData(null, "{\"source\": [{\"begins\": \"x\"}]}", "InvalidEventPatternException", "unknown operator")]
    public void PutRule_refuses_bad_input(string? schedule, string? pattern, string code, string part)
    {
        var (aws, _) = Account();
        var ex = Assert.ThrowsAny<AwsException>(() => aws.Events.PutRule("r", schedule, pattern));
        Assert.Equal(code, ex.ErrorCode);
        Assert.Contains(part, ex.Message);
    }

    [Fact]
    public void Scheduled_rules_only_on_the_default_bus_and_at_most_five_targets()
    {
        var (aws, _) = Account();
        aws.Events.CreateEventBus("orders");
        var ex = Assert.Throws<AwsValidationException>(() => aws.Events.PutRule("r", "rate(5 minutes)", eventBusName: "orders"));
        Assert.Equal("EventBusName", ex.Field);
        aws.Events.PutRule("p", eventPattern: "{\"source\": [\"shop\"]}", eventBusName: "orders");

        aws.Events.PutRule("r", "rate(5 minutes)");
        aws.Events.PutTargets("r", Enumerable.Range(1, 5).Select(i => new EventTarget($"t{i}", Fn + "f")));
        Assert.Equal("LimitExceededException", Assert.Throws<AwsException>(() => aws.Events.PutTargets("r", new EventTarget("t6", Fn + "f"))).ErrorCode);
        aws.Events.PutTargets("r", new EventTarget("t1", Fn + "g")); // replacing by id is fine
        Assert.Equal(Fn + "g", aws.Events.ListTargetsByRule("r")[0].Arn);
        Assert.Equal("Name", Assert.Throws<AwsValidationException>(() => aws.Events.PutRule("bad name", "rate(5 minutes)")).Field);
    }

    [Fact]
    public void Published_ECS_and_Batch_state_changes_reach_rules_whose_patterns_match()
    {
        var (aws, lambda) = Account(eventLog: 10);
        aws.Events.PutRule("ecs-running", eventPattern: """
            {"source": ["aws.ecs"], "detail-type": ["ECS Task State Change"],
             "detail": {"lastStatus": ["RUNNING"], "clusterArn": [{"suffix": "/FargateCluster"}], "launchType": [{"anything-but": "EC2"}]}}
            """);
        aws.Events.PutTargets("ecs-running", new EventTarget("t", Fn + "on-ecs"));
        aws.Events.PutRule("batch-big", eventPattern: """
            {"source": ["aws.batch"], "detail": {"container": {"vcpus": [{"numeric": [">=", 2, "<", 8]}]}, "status": ["RUNNABLE", "FAILED"]}}
            """);
        aws.Events.PutTargets("batch-big", new EventTarget("t", Fn + "on-batch"));
        aws.Events.PutRule("batch-failed", eventPattern: """{"source": ["aws.batch"], "detail": {"status": ["FAILED"]}}""");
        aws.Events.PutTargets("batch-failed", new EventTarget("t", Fn + "on-failure"));

        foreach (var file in new[] { "ecs-task-state-change.aws-lambda-dotnet.ecs-task-state-change-event.json", "batch-job-state-change.aws-lambda-dotnet.batch-job-state-change-event.json" })
        {
            var e = AwsJson.Deserialize<EventBridgeEvent>(File.ReadAllText(Path.Combine(Paths.Oracles, "events", file)));
            aws.Events.Publish(e);
        }
        Assert.Equal(new[] { "on-ecs", "on-batch" }, lambda.Calls.Select(c => c.Function));
        Assert.Equal(2, aws.Events.Events.Count);
    }

    [Fact]
    public void PutEvents_routes_custom_events_on_their_bus()
    {
        var (aws, lambda) = Account();
        aws.Events.CreateEventBus("shop");
        aws.Events.PutRule("orders", eventPattern: """{"source": [{"prefix": "com.shop"}], "detail": {"total": [{"numeric": [">", 100]}]}}""", eventBusName: "shop");
        aws.Events.PutTargets("orders", [new EventTarget("t", Fn + "big-order")], "shop");
        var result = aws.Events.PutEvents(
        [
            new PutEventsRequestEntry("com.shop.orders", "Order Placed", """{"total": 250}""", EventBusName: "shop"),
            new PutEventsRequestEntry("com.shop.orders", "Order Placed", """{"total": 50}""", EventBusName: "shop"),
            new PutEventsRequestEntry("com.shop.orders", "Order Placed", """{"total": 500}"""), // default bus: no rule
            new PutEventsRequestEntry("com.shop.orders", "Order Placed", "[1]", EventBusName: "shop"),
            new PutEventsRequestEntry("x", "y", "{}", EventBusName: "nope"),
        ]);
        Assert.Equal(2, result.FailedEntryCount);
        Assert.Equal("MalformedDetail", result.Entries[3].ErrorCode);
        Assert.Equal("ResourceNotFoundException", result.Entries[4].ErrorCode);
        var call = Assert.Single(lambda.Calls);
        Assert.Equal(250, (int)JsonNode.Parse(call.Payload)!["detail"]!["total"]!);
    }

    [Fact]
    public void A_target_that_disables_its_own_rule_stops_further_fires()
    {
        var (aws, lambda) = Account();
        aws.Events.PutRule("once", "rate(1 minute)");
        aws.Events.PutTargets("once", new EventTarget("t", Fn + "f"));
        lambda.OnInvoke = (_, _) => aws.Events.DisableRule("once");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(lambda.Calls);
    }

    [Fact]
    public void ScheduledTimes_previews_without_firing()
    {
        var (aws, _) = Account();
        aws.Events.PutRule("r", "cron(0 8 ? * MON *)");
        var times = aws.Events.ScheduledTimes("r", aws.Clock.Now, aws.Clock.Now.AddDays(31));
        Assert.Equal(new[] { 5, 12, 19, 26 }, times.Select(t => t.Day)); // Mondays in January 2026
        Assert.Empty(aws.Events.Deliveries);
    }

    [Fact]
    public void The_event_log_is_off_by_default_and_keeps_only_the_latest_events_when_on()
    {
        var (off, _) = Account();
        off.Events.PutEvents([new PutEventsRequestEntry("app", "t")]);
        Assert.Empty(off.Events.Events);
        Assert.False(off.Events.Wants("aws.batch"));

        var (on, _) = Account(eventLog: 2);
        for (var i = 0; i < 3; i++) on.Events.PutEvents([new PutEventsRequestEntry("app", "t" + i)]);
        Assert.Equal(["t1", "t2"], on.Events.Events.Select(e => e.DetailType));
        Assert.True(on.Events.Wants("aws.batch"));
    }
}
