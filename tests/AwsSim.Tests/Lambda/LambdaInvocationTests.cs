using System.Text.Json.Nodes;
using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaInvocationTests
{
    private static SimulatedAws WithFunction(LambdaCode code, int memory = 128, int timeout = 3, string name = "fn", LambdaOptions? options = null)
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = options ?? new() });
        aws.Lambda.CreateFunction(name, code, memory, timeout);
        return aws;
    }

    private static LambdaCode Sleeper(int ms, int initMs = 200)
        => LambdaCode.From((e, c) => { c.Spend(TimeSpan.FromMilliseconds(ms)); return e; }) with { InitDuration = TimeSpan.FromMilliseconds(initMs) };

    [Fact]
    public void First_invocation_is_cold_with_init_then_warm_without()
    {
        var aws = WithFunction(Sleeper(100));
        var first = aws.Lambda.Invoke("fn", """{"a":1}""");
        Assert.Equal(200, first.StatusCode);
        Assert.Equal("""{"a":1}""", first.Payload);
        Assert.True(first.ColdStart);
        Assert.Equal(TimeSpan.FromMilliseconds(200), first.InitDuration);
        Assert.Equal(300, first.BilledDurationMs); // init is billed too
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = aws.Lambda.Invoke("fn", "{}");
        Assert.False(second.ColdStart);
        Assert.Null(second.InitDuration);
        Assert.Equal(100, second.BilledDurationMs);
        Assert.Single(aws.Lambda.GetEnvironments("fn"));
    }

    [Fact]
    public void A_busy_environment_is_not_shared_so_overlapping_calls_start_a_second_one()
    {
        var aws = WithFunction(Sleeper(500));
        aws.Lambda.Invoke("fn");
        aws.Clock.Advance(TimeSpan.FromMilliseconds(100)); // the first is still running (200 ms init + 500 ms)
        Assert.True(aws.Lambda.Invoke("fn").ColdStart);
        Assert.Equal(2, aws.Lambda.ConcurrentExecutions("fn"));
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, aws.Lambda.ConcurrentExecutions("fn"));
        Assert.False(aws.Lambda.Invoke("fn").ColdStart);
    }

    [Fact]
    public void Idle_environments_are_reclaimed_after_their_seeded_lifetime()
    {
        var aws = WithFunction(Sleeper(10), options: new LambdaOptions { IdleLifetimeRange = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)) });
        aws.Lambda.Invoke("fn");
        aws.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(aws.Lambda.Invoke("fn").ColdStart);
        aws.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Empty(aws.Lambda.GetEnvironments("fn"));
        Assert.True(aws.Lambda.Invoke("fn").ColdStart);
    }

    [Fact]
    public void Idle_lifetimes_are_drawn_from_the_seed_so_runs_repeat()
    {
        static TimeSpan Lifetime(int seed)
        {
            var aws = new SimulatedAws(seed: seed);
            aws.Lambda.CreateFunction("fn", LambdaCode.From((e, _) => e));
            aws.Lambda.Invoke("fn");
            return aws.Lambda.GetEnvironments("fn")[0].IdleLifetime;
        }
        Assert.Equal(Lifetime(7), Lifetime(7));
        Assert.InRange(Lifetime(7), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void Request_ids_are_deterministic_uuids()
    {
        static string Id() => WithFunction(Sleeper(1)).Lambda.Invoke("fn").RequestId;
        Assert.Equal(Id(), Id());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", Id());
    }

    [Theory]
    [InlineData(3, 5_000, 3_000)]
    [InlineData(1, 1_500, 1_000)]
    [InlineData(10, 10_001, 10_000)]
    public void A_timeout_ends_with_AWS_message_and_bills_the_whole_timeout(int timeoutSeconds, int workMs, long billedMs)
    {
        var aws = WithFunction(Sleeper(workMs, initMs: 0), timeout: timeoutSeconds);
        var r = aws.Lambda.Invoke("fn");
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("Unhandled", r.FunctionError);
        Assert.True(r.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(timeoutSeconds), r.Duration);
        Assert.Equal(billedMs, r.BilledDurationMs);
        var message = JsonNode.Parse(r.Payload!)!["errorMessage"]!.GetValue<string>();
        Assert.EndsWith($"{r.RequestId} Task timed out after {timeoutSeconds}.00 seconds", message);
        Assert.EndsWith("\tStatus: timeout", r.ReportLine);
    }

    [Fact]
    public void A_handler_that_swallows_the_timeout_still_times_out()
    {
        var aws = WithFunction(LambdaCode.From((e, c) =>
        {
            try { c.Spend(TimeSpan.FromSeconds(10)); } catch (Exception) { /* a handler cannot escape a timeout */ }
            return "late";
        }));
        var r = aws.Lambda.Invoke("fn");
        Assert.True(r.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(3), r.Duration);
    }

    [Fact]
    public void After_a_timeout_the_environment_is_reset_so_the_next_call_is_cold()
    {
        var calls = 0;
        var aws = WithFunction(LambdaCode.From((e, c) => { if (calls++ == 0) c.Spend(TimeSpan.FromSeconds(5)); return e; }));
        Assert.True(aws.Lambda.Invoke("fn").TimedOut);
        aws.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(aws.Lambda.Invoke("fn").ColdStart);
    }

    [Fact]
    public void An_exception_is_a_function_error_with_AWS_error_object_and_status_200()
    {
        var aws = WithFunction(LambdaCode.From((_, _) => throw new InvalidOperationException("boom")));
        var r = aws.Lambda.Invoke("fn");
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("Unhandled", r.FunctionError);
        var error = JsonNode.Parse(r.Payload!)!;
        Assert.Equal("InvalidOperationException", error["errorType"]!.GetValue<string>());
        Assert.Equal("boom", error["errorMessage"]!.GetValue<string>());
        Assert.NotNull(error["stackTrace"]);
    }

    [Fact]
    public void Init_over_10_seconds_is_retried_inside_the_invocation_under_the_timeout()
    {
        var slowInit = Sleeper(100, initMs: 12_000);
        var aws = WithFunction(slowInit, timeout: 30);
        var r = aws.Lambda.Invoke("fn");
        Assert.True(r.SuppressedInit);
        Assert.Null(r.InitDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(12_100), r.Duration);
        Assert.Contains(r.LogLines, l => l.StartsWith("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout", StringComparison.Ordinal));
        var tooShort = WithFunction(slowInit, timeout: 5).Lambda.Invoke("fn");
        Assert.True(tooShort.TimedOut);
    }

    [Fact]
    public void Using_more_memory_than_configured_kills_the_runtime()
    {
        var aws = WithFunction(LambdaCode.From((e, c) => { c.UseMemory(100); return e; }));
        var r = aws.Lambda.Invoke("fn");
        Assert.Equal("Unhandled", r.FunctionError);
        Assert.Contains("Runtime.ExitError", r.Payload);
        Assert.Equal(128, r.MaxMemoryUsedMb);
        var roomy = WithFunction(LambdaCode.From((e, c) => { c.UseMemory(100); return e; }), memory: 256).Lambda.Invoke("fn");
        Assert.Null(roomy.FunctionError);
        Assert.Equal(164, roomy.MaxMemoryUsedMb); // 64 MB runtime + 100 MB
    }

    [Theory]
    [InlineData(1769, 1000)]
    [InlineData(3538, 1000)] // one thread cannot use a second vCPU
    [InlineData(885, 1999)]  // half a vCPU: twice as long (885/1769 of a vCPU)
    public void Cpu_work_scales_with_memory_up_to_one_vcpu_per_thread(int memory, int expectedMs)
    {
        var r = LambdaService.CpuTime(TimeSpan.FromSeconds(1), memory);
        Assert.Equal(expectedMs, (int)Math.Round(r.TotalMilliseconds));
    }

    [Fact]
    public void Parallel_cpu_work_uses_up_to_6_vcpus()
    {
        var at4Gb = LambdaService.CpuTime(TimeSpan.FromSeconds(12), 1769 * 4, threads: 8);
        Assert.Equal(3_000, at4Gb.TotalMilliseconds, 0);
        Assert.True(LambdaService.VcpusFor(10_240) <= 6);
    }

    [Fact]
    public void Logs_are_in_AWS_format_START_handler_lines_END_REPORT()
    {
        var aws = WithFunction(LambdaCode.From((e, c) => { c.Logger.LogLine("hello"); c.Spend(TimeSpan.FromMilliseconds(12.345)); return e; }) with { InitDuration = TimeSpan.FromMilliseconds(180) });
        var r = aws.Lambda.Invoke("fn");
        var lines = aws.Lambda.GetLogText("fn").Split('\n');
        Assert.Equal($"START RequestId: {r.RequestId} Version: $LATEST", lines[0]);
        Assert.Equal("hello", lines[1]);
        Assert.Equal($"END RequestId: {r.RequestId}", lines[2]);
        Assert.Equal($"REPORT RequestId: {r.RequestId}\tDuration: 12.35 ms\tBilled Duration: 193 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 180.00 ms", lines[3]);
        Assert.Equal(lines[3], r.ReportLine);
    }

    [Fact]
    public void Without_log_permissions_nothing_reaches_CloudWatch()
    {
        var aws = new SimulatedAws();
        var role = aws.Lambda.CreateRole("no-logs");
        aws.Lambda.CreateFunction("fn", LambdaCode.From((e, _) => e), roleArn: role.Arn);
        aws.Lambda.Invoke("fn");
        Assert.Empty(aws.Lambda.GetLogEvents("fn"));
        role.PutPolicy("logs", IamPolicy.BasicExecution);
        aws.Lambda.Invoke("fn");
        Assert.Equal(3, aws.Lambda.GetLogEvents("fn").Count);
    }

    [Fact]
    public void Metrics_count_invocations_errors_and_duration_per_minute()
    {
        var n = 0;
        var aws = WithFunction(LambdaCode.From((e, c) => { c.Spend(TimeSpan.FromMilliseconds(100)); if (++n % 2 == 0) throw new InvalidOperationException(); return e; }));
        for (var i = 0; i < 4; i++) { aws.Lambda.Invoke("fn"); aws.Clock.Advance(TimeSpan.FromSeconds(1)); }
        var m = aws.Lambda.GetMetrics("fn");
        Assert.Equal(4, m.Invocations);
        Assert.Equal(2, m.Errors);
        Assert.Equal(100, m.AverageDurationMs, 6);
        Assert.Equal(1, m.MaxConcurrentExecutions);
    }

    [Fact]
    public void Async_handlers_run_on_simulated_time()
    {
        var aws = WithFunction(LambdaCode.FromAsync(async (e, c) => { await c.SpendAsync(TimeSpan.FromMilliseconds(40)); return c.RemainingTime.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture); }));
        var r = aws.Lambda.Invoke("fn");
        Assert.Equal("2960", r.Payload);
        Assert.Equal(TimeSpan.FromMilliseconds(40), r.Duration);
    }

    [Fact]
    public void Typed_handlers_read_and_write_json()
    {
        var aws = WithFunction(LambdaCode.Typed<Dictionary<string, int>, int>((d, _) => d.Values.Sum()));
        Assert.Equal("6", aws.Lambda.Invoke("fn", """{"a":1,"b":2,"c":3}""").Payload);
    }

    [Fact]
    public void Payloads_over_6_MB_are_refused_with_413()
    {
        var aws = WithFunction(Sleeper(1));
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.Invoke("fn", new string('x', 6 * 1024 * 1024 + 1)));
        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("RequestTooLargeException", ex.ErrorCode);
    }

    [Fact]
    public void Environment_variables_reach_the_handler_with_lambdas_own()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "fn", Role = aws.Lambda.CreateDefaultRole("fn").Arn, Environment = new Dictionary<string, string> { ["TABLE"] = "orders" },
            Code = LambdaCode.From((_, c) => $"\"{c.GetEnvironmentVariable("TABLE")} {c.GetEnvironmentVariable("AWS_REGION")} {c.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")}\""),
        });
        Assert.Equal("\"orders us-east-1 128\"", aws.Lambda.Invoke("fn").Payload);
    }

    [Fact]
    public void A_function_calling_another_synchronously_waits_for_it()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("inner", Sleeper(250, initMs: 0));
        aws.Lambda.CreateFunction("outer", LambdaCode.From((e, c) => { c.Aws.Lambda.Invoke("inner", e); return e; }), timeout: 10);
        Assert.Equal(TimeSpan.FromMilliseconds(250), aws.Lambda.Invoke("outer").Duration);
    }
}
