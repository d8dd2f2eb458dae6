using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class GatewayBehaviourTests
{
    [Theory]
    [InlineData("GET", "/prod/nowhere")]
    [InlineData("POST", "/prod/a")] // resource exists, method does not
    [InlineData("GET", "/staging/a")] // unknown stage
    [InlineData("GET", "/")]
    public void Rest_unknown_route_is_403_missing_authentication_token(string method, string path)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("GET /a");
        var r = kit.Aws.ApiGateway.Send(api.Id, new ApiRequest(method, path));
        Assert.Equal(403, r.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", r.BodyText);
        Assert.Null(kit.LastEvent);
    }

    [Theory]
    [InlineData("GET", "/nowhere")]
    [InlineData("DELETE", "/a")]
    public void Http_api_unknown_route_is_404_not_found(string method, string path)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        var r = kit.Aws.ApiGateway.Send(api.Id, new ApiRequest(method, path));
        Assert.Equal(404, r.StatusCode);
        Assert.Equal("""{"message":"Not Found"}""", r.BodyText);
    }

    [Fact]
    public void Http_api_named_stage_is_chosen_by_path_and_anything_else_goes_to_default()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        api.CreateStage("beta", new Dictionary<string, string> { ["v"] = "beta" });
        kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/beta/a"));
        Assert.Equal("beta", (string?)kit.LastEventNode["requestContext"]!["stage"]);
        Assert.Equal("beta", (string?)kit.LastEventNode["stageVariables"]!["v"]);
        kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a"));
        Assert.Equal("$default", (string?)kit.LastEventNode["requestContext"]!["stage"]);
    }

    [Fact]
    public void Http_api_without_default_stage_answers_404_for_unstaged_paths()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Aws.ApiGateway.CreateApi("nostage");
        api.CreateRoute("GET /a", "echo");
        api.CreateStage("v1");
        Assert.Equal(404, kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a")).StatusCode);
        Assert.Equal(200, kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/v1/a")).StatusCode);
    }

    [Theory]
    [InlineData(10L * 1024 * 1024, 200)]
    [InlineData(10L * 1024 * 1024 + 1, 413)]
    public void Payloads_above_10_MB_are_413(long size, int status)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("POST /up");
        var r = kit.Aws.ApiGateway.Send(api.Id, new ApiRequest("POST", "/prod/up", [new("Content-Type", "text/plain")], new byte[size]));
        Assert.Equal(status, r.StatusCode);
    }

    [Fact]
    public void Api_key_required_methods_refuse_missing_wrong_disabled_and_planless_keys()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Aws.ApiGateway.CreateRestApi("keys");
        api.PutMethod("GET", "/secret", "echo", apiKeyRequired: true);
        api.CreateStage("prod");
        var gw = kit.Aws.ApiGateway;
        var good = gw.CreateApiKey("good");
        var disabled = gw.CreateApiKey("off", enabled: false);
        var planless = gw.CreateApiKey("lonely");
        var plan = gw.CreateUsagePlan("basic", [(api.Id, "prod")]);
        gw.CreateUsagePlanKey(plan.Id, good.Id);
        gw.CreateUsagePlanKey(plan.Id, disabled.Id);

        int Status(string? key) => gw.Send(api.Id, key is null ? ApiRequest.Get("/prod/secret") : ApiRequest.Get("/prod/secret", ("x-api-key", key))).StatusCode;

        Assert.Equal(403, Status(null));
        Assert.Equal(403, Status("wrong-key-wrong-key-wrong"));
        Assert.Equal(403, Status(disabled.Value));
        Assert.Equal(403, Status(planless.Value));
        Assert.Equal(200, Status(good.Value));
        Assert.Equal(good.Id, (string?)kit.LastEventNode["requestContext"]!["identity"]!["apiKeyId"]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has-dashes-which-are-not-allowed")]
    public void Api_key_values_must_be_20_to_128_letters_and_digits(string value)
        => Assert.Throws<AwsValidationException>(() => new SimulatedAws().ApiGateway.CreateApiKey("k", value));

    [Fact]
    public void Usage_plans_are_for_rest_apis_only()
    {
        var kit = new ApiGatewayTestKit();
        var http = kit.Http("GET /a");
        var ex = Assert.Throws<AwsException>(() => kit.Aws.ApiGateway.CreateUsagePlan("p", [(http.Id, "$default")]));
        Assert.Contains("REST APIs only", ex.Message);
    }

    [Fact]
    public void Stage_throttle_is_a_token_bucket_on_simulated_time()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Aws.ApiGateway.CreateRestApi("t");
        api.PutMethod("GET", "/a", "echo");
        api.CreateStage("prod", throttle: new ThrottleSettings(RateLimit: 10, BurstLimit: 5));
        int Send() => kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a")).StatusCode;

        // A burst of 8 at one instant: the bucket holds 5.
        var burst = Enumerable.Range(0, 8).Select(_ => Send()).ToList();
        Assert.Equal(5, burst.Count(s => s == 200));
        Assert.Equal(3, burst.Count(s => s == 429));
        // 10 rps refills one token every 100 ms.
        kit.Aws.Clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(429, Send());
        kit.Aws.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(200, Send());
        // After a long pause the bucket is full again, but never more than the burst.
        kit.Aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, Enumerable.Range(0, 8).Select(_ => Send()).Count(s => s == 200));
    }

    [Fact]
    public void Method_throttle_applies_to_its_method_only()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Aws.ApiGateway.CreateRestApi("t");
        api.PutMethod("GET", "/limited", "echo");
        api.PutMethod("GET", "/free", "echo");
        api.CreateStage("prod").SetMethodThrottle("/limited/GET", new ThrottleSettings(1, 2));
        var gw = kit.Aws.ApiGateway;
        Assert.Equal([200, 200, 429], Enumerable.Range(0, 3).Select(_ => gw.Send(api.Id, ApiRequest.Get("/prod/limited")).StatusCode));
        Assert.All(Enumerable.Range(0, 10).Select(_ => gw.Send(api.Id, ApiRequest.Get("/prod/free")).StatusCode), s => Assert.Equal(200, s));
    }

    [Fact]
    public void Account_throttle_is_10000_rps_with_a_5000_burst()
    {
        var kit = new ApiGatewayTestKit(new ApiGatewayOptions { ChargeRequests = false });
        var api = kit.Http("GET /a");
        var statuses = Enumerable.Range(0, 5_001).Select(_ => kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a")).StatusCode).ToList();
        Assert.Equal(5_000, statuses.Count(s => s == 200));
        Assert.Equal(429, statuses[^1]);
        kit.Aws.Clock.Advance(TimeSpan.FromMilliseconds(1)); // 10,000 rps = 10 tokens per ms
        Assert.Equal(10, Enumerable.Range(0, 11).Count(_ => kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a")).StatusCode == 200));
    }

    [Fact]
    public void Usage_plan_throttles_per_key_and_counts_a_daily_quota()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Aws.ApiGateway.CreateRestApi("q");
        api.PutMethod("GET", "/a", "echo", apiKeyRequired: true);
        api.CreateStage("prod");
        var gw = kit.Aws.ApiGateway;
        var k1 = gw.CreateApiKey("one");
        var k2 = gw.CreateApiKey("two");
        var plan = gw.CreateUsagePlan("small", [(api.Id, "prod")], new ThrottleSettings(1000, 2), new QuotaSettings(3, QuotaPeriod.Day));
        gw.CreateUsagePlanKey(plan.Id, k1.Id);
        gw.CreateUsagePlanKey(plan.Id, k2.Id);
        ApiResponse Send(ApiKey k) => gw.Send(api.Id, ApiRequest.Get("/prod/a", ("x-api-key", k.Value)));

        // Per-key bucket of 2: the third at the same instant is throttled; the other key has its own bucket.
        Assert.Equal([200, 200, 429], new[] { Send(k1), Send(k1), Send(k1) }.Select(r => r.StatusCode));
        Assert.Equal(200, Send(k2).StatusCode);
        kit.Aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, Send(k1).StatusCode); // third of the quota of 3
        var over = Send(k1);
        Assert.Equal(429, over.StatusCode);
        Assert.Equal("QUOTA_EXCEEDED", over.GatewayResponseType);
        Assert.Equal(0, plan.RemainingFor(k1.Id, kit.Aws.Clock.Now));
        kit.Aws.Clock.AdvanceTo(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)); // a new UTC day
        Assert.Equal(200, Send(k1).StatusCode);
        Assert.Equal(2, plan.RemainingFor(k1.Id, kit.Aws.Clock.Now));
    }

    [Theory]
    [InlineData("2026-01-07T13:00:00Z", QuotaPeriod.Day, "2026-01-07T00:00:00Z")]
    [InlineData("2026-01-07T13:00:00Z", QuotaPeriod.Week, "2026-01-05T00:00:00Z")] // a Wednesday → Monday
    [InlineData("2026-01-04T23:59:59Z", QuotaPeriod.Week, "2025-12-29T00:00:00Z")] // a Sunday
    [InlineData("2026-02-28T23:59:59Z", QuotaPeriod.Month, "2026-02-01T00:00:00Z")]
    public void Quota_periods_start_at_utc_boundaries(string now, QuotaPeriod period, string start)
        => Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), UsagePlan.PeriodStart(period, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Requests_that_reach_the_integration_are_billed_with_the_free_tier_then_the_tier_price()
    {
        var kit = new ApiGatewayTestKit(new ApiGatewayOptions { FreeTier = false });
        var api = kit.Rest("GET /a");
        for (var i = 0; i < 3; i++) kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a"));
        kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/missing")); // 403: not billed
        Assert.Equal(3 * 0.0000035m, kit.Aws.Bill.Total);
        Assert.Equal(3, kit.Aws.ApiGateway.BilledRequests(ApiProtocol.Rest, 2026, 1));

        var free = new ApiGatewayTestKit();
        var freeApi = free.Rest("GET /a");
        free.Aws.ApiGateway.Send(freeApi.Id, ApiRequest.Get("/prod/a"));
        Assert.Equal(0m, free.Aws.Bill.Total);
        Assert.Contains("free tier", free.Aws.Bill.Items.Single().UsageType);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(512 * 1024, 1)]
    [InlineData(512 * 1024 + 1, 2)]
    [InlineData(10 * 1024 * 1024, 20)]
    public void Http_api_requests_are_metered_in_512_KB_steps(long bytes, long billed)
        => Assert.Equal(billed, ApiGatewayPricing.HttpBilledRequests(bytes));

    [Fact]
    public void Metrics_count_requests_errors_and_latency_per_api_and_stage()
    {
        var kit = new ApiGatewayTestKit { Duration = TimeSpan.FromMilliseconds(40) };
        var api = kit.Rest("GET /a");
        var gw = kit.Aws.ApiGateway;
        gw.Send(api.Id, ApiRequest.Get("/prod/a"));
        gw.Send(api.Id, ApiRequest.Get("/prod/a"));
        gw.Send(api.Id, ApiRequest.Get("/prod/nope"));
        kit.Reply = "{}";
        gw.Send(api.Id, ApiRequest.Get("/prod/a")); // 502

        Assert.Equal(4, gw.Metrics.Sum("Count", api.Name, "prod"));
        Assert.Equal(1, gw.Metrics.Sum("4XXError", api.Name, "prod"));
        Assert.Equal(1, gw.Metrics.Sum("5XXError", api.Name, "prod"));
        var latency = gw.Metrics.GetMetricStatistics("IntegrationLatency", api.Name, "prod").Single();
        Assert.Equal(3, latency.SampleCount);
        Assert.Equal(40, latency.Average);
        Assert.Equal(4, gw.Metrics.AccessLog.Count);
        Assert.Contains("\"status\":403", gw.Metrics.AccessLog[2]);
    }

    [Fact]
    public void Http_api_metrics_use_the_api_id_and_lower_case_names()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/b"));
        Assert.Equal(1, kit.Aws.ApiGateway.Metrics.Sum("4xx", api.Id, "$default"));
    }

    [Fact]
    public void Without_a_lambda_invoker_the_error_says_how_to_wire_one()
    {
        var aws = new SimulatedAws();
        aws.ApiGateway.LambdaInvoker = null; // the account wires aws.Lambda; a bare gateway has none
        var api = aws.ApiGateway.CreateApi("x");
        api.CreateRoute("GET /a", "fn");
        api.CreateStage("$default");
        var ex = Assert.Throws<InvalidOperationException>(() => aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a")));
        Assert.Contains("LambdaInvoker", ex.Message);
    }

    [Fact]
    public void Bad_configuration_names_the_field()
    {
        var api = new SimulatedAws().ApiGateway.CreateRestApi("v");
        Assert.Equal("httpMethod", Assert.Throws<AwsValidationException>(() => api.PutMethod("FETCH", "/a", "fn")).Field);
        Assert.Equal("stageName", Assert.Throws<AwsValidationException>(() => api.CreateStage("$default")).Field);
        Assert.Throws<AwsException>(() => api.CreateRoute("GET /a", "fn"));
        api.PutMethod("GET", "/a", "fn");
        Assert.Equal(409, Assert.Throws<AwsException>(() => api.PutMethod("get", "/a", "fn")).StatusCode);
    }
}

public class SimulatedLoadTests
{
    [Fact]
    public void A_steady_load_above_the_stage_limit_passes_the_burst_then_the_rate()
    {
        var kit = new ApiGatewayTestKit(new ApiGatewayOptions { ChargeRequests = false });
        var api = kit.Aws.ApiGateway.CreateRestApi("load");
        api.PutMethod("GET", "/a", "echo");
        api.CreateStage("prod", throttle: new ThrottleSettings(RateLimit: 50, BurstLimit: 20));

        // 200 rps for 2 s = 400 requests, every 5 ms. The bucket starts with 20 and refills 0.25 per request.
        var results = SimulatedLoad.Steady(kit.Aws, api.Id, ApiRequest.Get("/prod/a"), 200, TimeSpan.FromSeconds(2));

        Assert.Equal(400, results.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1995), results[^1].At);
        // Passed = burst + refills while running: 20 + 50 rps × 1.995 s ≈ 119 (the last refill may fall just short).
        var ok = results.Count(r => r.StatusCode == 200);
        Assert.InRange(ok, 118, 120);
        Assert.Equal(400 - ok, results.Count(r => r.StatusCode == 429));
        Assert.All(results.Take(20), r => Assert.Equal(200, r.StatusCode));
        var perSecond = SimulatedLoad.Histogram(results, TimeSpan.FromSeconds(1), 200);
        Assert.Equal(2, perSecond.Count);
        Assert.Equal(ok, perSecond.Sum(b => b.Count));
    }
}
