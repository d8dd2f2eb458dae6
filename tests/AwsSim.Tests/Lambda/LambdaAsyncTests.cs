using System.Text.Json.Nodes;
using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaAsyncTests
{
    private const string Dlq = "arn:aws:sqs:us-east-1:123456789012:fn-dlq";
    private const string FailureQueue = "arn:aws:sqs:us-east-1:123456789012:fn-failures";

    private static (SimulatedAws Aws, List<DateTimeOffset> Attempts) Failing(int failFirst = int.MaxValue, int workMs = 100, double duplicates = 0)
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = new() { DuplicateDeliveryRate = duplicates } });
        var attempts = new List<DateTimeOffset>();
        var role = aws.Lambda.CreateRole("fn-role", IamPolicy.BasicExecution, IamPolicy.Allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:*"));
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "fn", Role = role.Arn,
            Code = LambdaCode.From((e, c) =>
            {
                attempts.Add(c.Now);
                c.Spend(TimeSpan.FromMilliseconds(workMs));
                if (attempts.Count <= failFirst) throw new InvalidOperationException("attempt " + attempts.Count);
                return e;
            }),
        });
        return (aws, attempts);
    }

    [Fact]
    public void Event_invocations_return_202_and_run_on_the_clock()
    {
        var (aws, attempts) = Failing(failFirst: 0);
        var r = aws.Lambda.Invoke("fn", "{}", InvocationType.Event);
        Assert.Equal(202, r.StatusCode);
        Assert.Empty(attempts);
        aws.Clock.RunDue();
        Assert.Single(attempts);
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, aws.Lambda.GetAsyncAccounting("fn").Succeeded);
    }

    [Fact]
    public void A_failing_event_is_retried_twice_1_minute_then_2_minutes_after_each_failure()
    {
        var (aws, attempts) = Failing();
        var t0 = aws.Clock.Now;
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        // Attempt 1 at t0 (100 ms, cold start without init); retry 1 one minute after it failed; retry 2 two minutes after that.
        Assert.Equal([t0, t0.AddMilliseconds(100).AddMinutes(1), t0.AddMilliseconds(200).AddMinutes(3)], attempts);
        var acc = aws.Lambda.GetAsyncAccounting("fn");
        Assert.Equal(1, acc.Dropped);
        Assert.Equal("RetriesExhausted: no dead-letter queue or on-failure destination", acc.DroppedEvents[0].Reason);
        Assert.True(acc.Balanced);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void MaximumRetryAttempts_sets_how_many_times_it_runs(int retries, int runs)
    {
        var (aws, attempts) = Failing();
        aws.Lambda.PutFunctionEventInvokeConfig("fn", maximumRetryAttempts: retries);
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(runs, attempts.Count);
    }

    [Fact]
    public void A_retry_that_succeeds_counts_as_succeeded()
    {
        var (aws, attempts) = Failing(failFirst: 1);
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, attempts.Count);
        var acc = aws.Lambda.GetAsyncAccounting("fn");
        Assert.Equal((1L, 0L, 0L, 1L), (acc.Succeeded, acc.DeadLettered, acc.Dropped, acc.Retries));
    }

    [Fact]
    public void Exhausted_events_go_to_the_DLQ_with_AWS_attributes()
    {
        var (aws, _) = Failing();
        aws.Lambda.UpdateFunctionConfiguration(new UpdateFunctionConfigurationRequest { FunctionName = "fn", DeadLetterConfig = new DeadLetterConfig(Dlq) });
        var id = aws.Lambda.InvokeAsync("fn", """{"order":7}""");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        var m = Assert.Single(aws.Lambda.ReceiveMessages(Dlq));
        Assert.Equal("""{"order":7}""", m.Body);
        Assert.Equal(id, m.Attributes["RequestID"]);
        Assert.Equal("attempt 3", m.Attributes["ErrorMessage"]);
        Assert.Equal(1, aws.Lambda.GetAsyncAccounting("fn").DeadLettered);
    }

    [Fact]
    public void The_on_failure_destination_gets_AWS_invocation_record()
    {
        var (aws, _) = Failing();
        aws.Lambda.PutFunctionEventInvokeConfig("fn", destinationConfig: new DestinationConfig(OnFailure: FailureQueue));
        var id = aws.Lambda.InvokeAsync("fn", """{"order":7}""");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        var record = JsonNode.Parse(Assert.Single(aws.Lambda.ReceiveMessages(FailureQueue)).Body)!;
        Assert.Equal("1.0", record["version"]!.GetValue<string>());
        Assert.Equal(id, record["requestContext"]!["requestId"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST", record["requestContext"]!["functionArn"]!.GetValue<string>());
        Assert.Equal("RetriesExhausted", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Equal(3, record["requestContext"]!["approximateInvokeCount"]!.GetValue<int>());
        Assert.Equal(7, record["requestPayload"]!["order"]!.GetValue<int>());
        Assert.Equal("Unhandled", record["responseContext"]!["functionError"]!.GetValue<string>());
        Assert.Equal(200, record["responseContext"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("attempt 3", record["responsePayload"]!["errorMessage"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", record["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void An_event_older_than_the_maximum_age_is_not_retried()
    {
        var (aws, attempts) = Failing();
        aws.Lambda.PutFunctionEventInvokeConfig("fn", maximumEventAgeInSeconds: 60, destinationConfig: new DestinationConfig(OnFailure: FailureQueue));
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(attempts); // the retry would come 1 min after a 100 ms attempt: past 60 s
        var record = JsonNode.Parse(aws.Lambda.ReceiveMessages(FailureQueue)[0].Body)!;
        Assert.Equal("EventAgeExceeded", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Equal(aws.Lambda.ReceiveMessages(FailureQueue)[0].At, SimulatedClock.DefaultStart.AddSeconds(60));
    }

    [Fact]
    public void Throttled_events_wait_with_backoff_from_1_s_doubling_to_5_minutes()
    {
        var aws = new SimulatedAws();
        var starts = new List<DateTimeOffset>();
        aws.Lambda.CreateFunction("fn", LambdaCode.From((e, c) => { starts.Add(c.Now); c.Spend(TimeSpan.FromMinutes(14)); return e; }), timeout: 900);
        aws.Lambda.PutFunctionConcurrency("fn", 1);
        var t0 = aws.Clock.Now;
        aws.Lambda.InvokeAsync("fn", "1");
        aws.Lambda.InvokeAsync("fn", "2");
        aws.Clock.Advance(TimeSpan.FromHours(1));
        // Event 2 is throttled at 0, 1, 3, 7, 15, 31, 63, 127, 255, 511 and 811 s (waits 1, 2, 4 … 256 s, then the
        // 300 s cap). Event 1 ends at 840 s and frees the concurrency: the queue hands event 2 over at once, before
        // its next backoff (1,111 s) is due.
        Assert.Equal([t0, t0.AddSeconds(840)], starts);
        Assert.Equal(11, aws.Lambda.GetAsyncAccounting("fn").ThrottledAttempts);
        Assert.Equal(11, aws.Lambda.GetMetrics("fn").Throttles);
    }

    [Fact]
    public void A_throttled_backlog_drains_at_the_functions_concurrency()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("fn", LambdaCode.Work(TimeSpan.FromMilliseconds(200)));
        aws.Lambda.PutFunctionConcurrency("fn", 20);
        for (var i = 0; i < 1_000; i++) aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.True(aws.Lambda.GetAsyncAccounting("fn").Succeeded < 1_000); // 20 at a time × 5 per second = 100 per second
        aws.Clock.Advance(TimeSpan.FromSeconds(0.2));
        var acc = aws.Lambda.GetAsyncAccounting("fn");
        Assert.Equal(1_000, acc.Succeeded);
        Assert.True(acc.ThrottledAttempts >= 980);
        Assert.Equal(20, aws.Lambda.GetMetrics("fn").MaxConcurrentExecutions);
    }

    [Fact]
    public void With_reserved_concurrency_zero_events_go_straight_to_the_DLQ()
    {
        var (aws, attempts) = Failing(failFirst: 0);
        aws.Lambda.UpdateFunctionConfiguration(new UpdateFunctionConfigurationRequest { FunctionName = "fn", DeadLetterConfig = new DeadLetterConfig(Dlq) });
        aws.Lambda.PutFunctionConcurrency("fn", 0);
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(attempts);
        Assert.Single(aws.Lambda.ReceiveMessages(Dlq));
    }

    [Fact]
    public void Without_permission_to_send_to_the_DLQ_the_event_is_dropped_with_the_reason()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "fn", Role = aws.Lambda.CreateDefaultRole("fn").Arn, DeadLetterConfig = new DeadLetterConfig(Dlq),
            Code = LambdaCode.From((_, _) => throw new InvalidOperationException("no")),
        });
        aws.Lambda.PutFunctionEventInvokeConfig("fn", maximumRetryAttempts: 0);
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        var acc = aws.Lambda.GetAsyncAccounting("fn");
        Assert.Equal(1, acc.Dropped);
        Assert.Contains("sqs:SendMessage", acc.DroppedEvents[0].Reason);
        Assert.Equal(1, aws.Lambda.GetMetrics("fn").DeadLetterErrors);
    }

    [Fact]
    public void On_success_destinations_get_a_Success_record()
    {
        var (aws, _) = Failing(failFirst: 0);
        const string ok = "arn:aws:sqs:us-east-1:123456789012:ok";
        aws.Lambda.PutFunctionEventInvokeConfig("fn", destinationConfig: new DestinationConfig(OnSuccess: ok));
        aws.Lambda.InvokeAsync("fn", """{"x":1}""");
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        var record = JsonNode.Parse(Assert.Single(aws.Lambda.ReceiveMessages(ok)).Body)!;
        Assert.Equal("Success", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Equal(1, record["responsePayload"]!["x"]!.GetValue<int>());
        Assert.Null(record["responseContext"]!["functionError"]);
    }

    [Fact]
    public void A_Lambda_destination_receives_the_record_as_an_async_event()
    {
        var (aws, _) = Failing();
        var received = new List<string>();
        var role = aws.Lambda.CreateRole("handler-role", IamPolicy.BasicExecution);
        aws.Lambda.CreateFunction("on-failure", LambdaCode.From((e, _) => { received.Add(e); return null; }), roleArn: role.Arn);
        aws.Lambda.GetFunctionRole("fn").PutPolicy("invoke", IamPolicy.Allow("lambda:InvokeFunction", "*"));
        aws.Lambda.PutFunctionEventInvokeConfig("fn", maximumRetryAttempts: 0, destinationConfig: new DestinationConfig(OnFailure: "arn:aws:lambda:us-east-1:123456789012:function:on-failure"));
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Contains("RetriesExhausted", Assert.Single(received));
    }

    [Fact]
    public void Duplicate_deliveries_can_be_switched_on_and_are_counted()
    {
        var (aws, attempts) = Failing(failFirst: 0, duplicates: 1.0);
        aws.Lambda.InvokeAsync("fn", "{}");
        aws.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, attempts.Count);
        var acc = aws.Lambda.GetAsyncAccounting("fn");
        Assert.Equal((1L, 1L, 1L), (acc.Received, acc.Succeeded, acc.DuplicateDeliveries));
    }

    [Fact]
    public void A_function_that_invokes_itself_is_stopped_by_recursive_loop_detection()
    {
        var aws = new SimulatedAws();
        var runs = 0;
        aws.Lambda.CreateFunction("loop", LambdaCode.From((e, c) => { runs++; c.Aws.Lambda.InvokeAsync("loop", e); return null; }));
        aws.Lambda.InvokeAsync("loop", "{}");
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(16, runs); // Lambda stops the 17th invocation in the chain
        var acc = aws.Lambda.GetAsyncAccounting("loop");
        Assert.Equal(1, acc.Dropped);
        Assert.StartsWith("RecursiveInvocationException", acc.DroppedEvents[0].Reason);
        Assert.True(acc.Balanced);
    }
}
