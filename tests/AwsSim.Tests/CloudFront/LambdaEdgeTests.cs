using AwsSim.CloudFront;
using AwsSim.Lambda;
using AwsSim.Samples;
using AwsSim.Tests.S3;

namespace AwsSim.Tests.CloudFront;

public class LambdaEdgeTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static (SimulatedAws Aws, LocalInvoker Lambda) Account()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.CloudFront.LambdaInvoker = lambda;
        return (aws, lambda);
    }

    private static readonly Dictionary<string, string> s_files = new()
    {
        ["/index.html"] = "home",
        ["/control-pixel.jpg"] = "control",
        ["/treatment-pixel.jpg"] = "treatment",
    };

    private static CacheBehavior AllFour(TimeSpan? ttl = null) => new("*",
    [
        new LambdaFunctionAssociation(LambdaEdge.ViewerRequest, Arn + "vreq:1"),
        new LambdaFunctionAssociation(LambdaEdge.OriginRequest, Arn + "oreq:1"),
        new LambdaFunctionAssociation(LambdaEdge.OriginResponse, Arn + "ores:1"),
        new LambdaFunctionAssociation(LambdaEdge.ViewerResponse, Arn + "vres:1"),
    ], ttl);

    private static LocalInvoker PassThrough(LocalInvoker lambda)
    {
        string Req(string json) => AwsJson.Serialize(AwsJson.Deserialize<CloudFrontEvent>(json).Cf!.Request);
        string Res(string json) => AwsJson.Serialize(AwsJson.Deserialize<CloudFrontEvent>(json).Cf!.Response);
        return lambda.Register("vreq", Req).Register("oreq", Req).Register("ores", Res).Register("vres", Res);
    }

    [Fact]
    public void A_miss_runs_all_four_triggers_and_a_hit_only_the_viewer_ones()
    {
        var (aws, lambda) = Account();
        PassThrough(lambda);
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), AllFour());

        var miss = d.Get("/index.html");
        var hit = d.Get("/index.html");

        Assert.Equal((200, "home", EdgeResultType.Miss), (miss.Status, miss.Body, miss.ResultType));
        Assert.Equal(LambdaEdge.EventTypes, miss.TriggersRun);
        Assert.Equal((200, "home", EdgeResultType.Hit), (hit.Status, hit.Body, hit.ResultType));
        Assert.Equal([LambdaEdge.ViewerRequest, LambdaEdge.ViewerResponse], hit.TriggersRun);
        Assert.Equal(1, d.OriginRequests);
    }

    [Fact]
    public void The_cache_expires_after_the_ttl_on_the_simulated_clock()
    {
        var (aws, lambda) = Account();
        PassThrough(lambda);
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), AllFour(TimeSpan.FromMinutes(10)));
        d.Get("/index.html");
        aws.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(EdgeResultType.Hit, d.Get("/index.html").ResultType);
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EdgeResultType.Miss, d.Get("/index.html").ResultType);
        Assert.Equal(2, d.OriginRequests);
    }

    [Fact]
    public void Origin_errors_run_origin_response_but_not_viewer_response()
    {
        var (aws, lambda) = Account();
        PassThrough(lambda);
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), AllFour());
        var r = d.Get("/missing");
        Assert.Equal(404, r.Status);
        Assert.Equal([LambdaEdge.ViewerRequest, LambdaEdge.OriginRequest, LambdaEdge.OriginResponse], r.TriggersRun);
        Assert.Equal(EdgeResultType.Miss, d.Get("/missing").ResultType); // errors are not cached here
    }

    [Fact]
    public void A_response_generated_at_viewer_request_skips_everything_else()
    {
        var (aws, lambda) = Account();
        PassThrough(lambda);
        lambda.Register("vreq", _ => """{"status":"302","statusDescription":"Found","headers":{"location":[{"key":"Location","value":"/index.html"}]}}""");
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), AllFour());
        var r = d.Get("/old");
        Assert.Equal((302, EdgeResultType.LambdaGeneratedResponse), (r.Status, r.ResultType));
        Assert.Equal("/index.html", r.Headers["location"]);
        Assert.Equal([LambdaEdge.ViewerRequest], r.TriggersRun);
        Assert.Equal(0, d.OriginRequests);
    }

    [Fact]
    public void The_ab_test_function_rewrites_the_uri_and_each_viewer_keeps_its_group()
    {
        var (aws, lambda) = Account();
        lambda.Register("ab-test", AbTestFunction.Handle).Register("headers", SecurityHeadersFunction.Handle);
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), new CacheBehavior("*",
        [
            new LambdaFunctionAssociation(LambdaEdge.ViewerRequest, Arn + "ab-test:3", new EdgeFunctionSettings(MemoryMb: 128, TimeoutSetting: TimeSpan.FromSeconds(5))),
            new LambdaFunctionAssociation(LambdaEdge.ViewerResponse, Arn + "headers:1"),
        ]));

        var a = d.Get("/experiment-pixel.jpg", new Dictionary<string, string> { ["Cookie"] = "X-Experiment-Name=A" });
        var b = d.Get("/experiment-pixel.jpg", new Dictionary<string, string> { ["Cookie"] = "SomeCookie=1; X-Experiment-Name=B" });
        Assert.Equal("control", a.Body);
        Assert.Equal("treatment", b.Body);
        Assert.Equal("/control-pixel.jpg", a.OriginRequest!.Uri);
        Assert.Equal("A", a.OriginRequest.Header("x-experiment-group"));
        Assert.StartsWith("max-age=", b.Headers["strict-transport-security"]);
        var ips = Enumerable.Range(1, 20).Select(i => $"198.51.100.{i}").ToList();
        var groups = ips.Select(ip => AbTestFunction.GroupOf(null, ip)).ToList();
        Assert.Equal(groups, ips.Select(ip => AbTestFunction.GroupOf(null, ip)));
        Assert.Contains("A", groups);
        Assert.Contains("B", groups);
    }

    [Fact]
    public void Events_have_AWS_shape_with_one_request_id_across_triggers()
    {
        var (aws, lambda) = Account();
        PassThrough(lambda);
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), AllFour());
        var r = d.Get("/index.html", new Dictionary<string, string> { ["User-Agent"] = "curl/7.66.0" }, querystring: "size=large");
        var events = r.Events.ToDictionary(kv => kv.Key, kv => AwsJson.Deserialize<CloudFrontEvent>(kv.Value));
        Assert.Single(events.Select(e => e.Value.Cf!.Config!.RequestId).Distinct());
        foreach (var (type, e) in events)
        {
            Assert.Equal(type, e.Cf!.Config!.EventType);
            Assert.Equal(d.Id, e.Cf.Config.DistributionId);
            Assert.Equal(d.DomainName, e.Cf.Config.DistributionDomainName);
            Assert.Equal("size=large", e.Cf.Request!.Querystring);
            Assert.Equal("User-Agent", e.Cf.Request.Headers!["user-agent"][0].Key);
            Assert.Equal(type.EndsWith("response", StringComparison.Ordinal), e.Cf.Response is not null);
            Assert.Equal("cloudfront", AwsEventCatalog.RoundTrip(r.Events[type]).Kind);
            Assert.Empty(AwsEventCatalog.RoundTrip(r.Events[type]).Differences);
        }
    }

    [Fact]
    public void Errors_map_to_502_and_503_like_CloudFront()
    {
        var (aws, lambda) = Account();
        var fake = new RecordingInvoker();
        aws.CloudFront.LambdaInvoker = fake;
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files),
            new CacheBehavior("*", [new LambdaFunctionAssociation(LambdaEdge.ViewerRequest, Arn + "f:1")]));

        fake.OnInvoke = (_, _) => new LambdaInvokeResult(200, """{"errorMessage":"boom"}""", "Unhandled", TimeSpan.FromMilliseconds(5));
        Assert.Equal((503, EdgeResultType.LambdaExecutionError), (d.Get("/index.html").Status, d.Get("/index.html").ResultType));
        fake.OnInvoke = (_, _) => new LambdaInvokeResult(429, null, null, TimeSpan.Zero, "TooManyRequestsException");
        Assert.Equal(EdgeResultType.LambdaLimitExceeded, d.Get("/index.html").ResultType);
        fake.OnInvoke = (_, _) => new LambdaInvokeResult(200, "\"not an object\"", null, TimeSpan.FromMilliseconds(5));
        Assert.Equal((502, EdgeResultType.LambdaValidationError), (d.Get("/index.html").Status, d.Get("/index.html").ResultType));
        fake.OnInvoke = (_, _) => new LambdaInvokeResult(200, "{}", null, TimeSpan.FromSeconds(6)); // over the 5 s viewer limit
        Assert.Equal(EdgeResultType.LambdaExecutionError, d.Get("/index.html").ResultType);
    }

    [Theory]
    [InlineData("viewer-request", 40 * 1024, true)]
    [InlineData("viewer-request", 40 * 1024 + 1, false)]
    [InlineData("origin-request", 1024 * 1024, true)]
    [InlineData("origin-request", 1024 * 1024 + 1, false)]
    public void Generated_responses_must_fit_the_trigger_limit(string eventType, int bytes, bool fits)
    {
        var (aws, lambda) = Account();
        lambda.Register("gen", _ => AwsJson.Serialize(new CloudFrontResponse { Status = "200", Body = new string('x', bytes) }));
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), new CacheBehavior("*", [new LambdaFunctionAssociation(eventType, Arn + "gen:1")]));
        var r = d.Get("/index.html");
        Assert.Equal(fits ? EdgeResultType.LambdaGeneratedResponse : EdgeResultType.LambdaValidationError, r.ResultType);
        Assert.Equal(fits ? 200 : 502, r.Status);
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f:1", null, true)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:f:1", "us-east-1", false)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", "numbered version", false)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f:live", "numbered version", false)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f", "numbered version", false)]
    [InlineData("f", "function ARN", false)]
    public void Associations_need_us_east_1_and_a_numbered_version(string arn, string? problem, bool ok)
    {
        var a = new LambdaFunctionAssociation(LambdaEdge.ViewerRequest, arn);
        if (ok) { LambdaEdge.ValidateAssociation(a); return; }
        var ex = Assert.Throws<AwsValidationException>(() => LambdaEdge.ValidateAssociation(a));
        Assert.Equal("InvalidLambdaFunctionAssociation", ex.ErrorCode);
        Assert.Contains(problem!, ex.Message);
    }

    public static TheoryData<string, EdgeFunctionSettings, string?> Settings() => new()
    {
        { "viewer-request", new EdgeFunctionSettings(MemoryMb: 128, TimeoutSetting: TimeSpan.FromSeconds(5)), null },
        { "viewer-request", new EdgeFunctionSettings(MemoryMb: 256), "MemorySize" },
        { "viewer-response", new EdgeFunctionSettings(TimeoutSetting: TimeSpan.FromSeconds(6)), "Timeout" },
        { "origin-request", new EdgeFunctionSettings(MemoryMb: 3008, TimeoutSetting: TimeSpan.FromSeconds(30)), null },
        { "origin-response", new EdgeFunctionSettings(TimeoutSetting: TimeSpan.FromSeconds(31)), "Timeout" },
        { "origin-request", new EdgeFunctionSettings(EnvironmentVariables: 1), "Environment" },
        { "origin-request", new EdgeFunctionSettings(Runtime: "dotnet8"), "Runtime" },
        { "origin-request", new EdgeFunctionSettings(Runtime: "python3.12", Architecture: "arm64"), "Architectures" },
        { "origin-request", new EdgeFunctionSettings(VpcConfigured: true), "VpcConfig" },
        { "origin-request", new EdgeFunctionSettings(Layers: 1), "Layers" },
        { "origin-request", new EdgeFunctionSettings(DeadLetterQueue: true), "DeadLetterConfig" },
        { "origin-request", new EdgeFunctionSettings(ContainerImage: true), "PackageType" },
        { "origin-request", new EdgeFunctionSettings(EphemeralStorageMb: 1024), "EphemeralStorage.Size" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Function_settings_are_checked_against_the_trigger_limits(string eventType, EdgeFunctionSettings settings, string? badField)
    {
        var a = new LambdaFunctionAssociation(eventType, Arn + "f:1", settings);
        if (badField is null) { LambdaEdge.ValidateAssociation(a); return; }
        Assert.Equal(badField, Assert.Throws<AwsValidationException>(() => LambdaEdge.ValidateAssociation(a)).Field);
    }

    [Fact]
    public void Limits_per_trigger_point()
    {
        Assert.Equal(new EdgeLimits(128, TimeSpan.FromSeconds(5), 40 * 1024), LambdaEdge.LimitsFor("viewer-request"));
        Assert.Equal(new EdgeLimits(128, TimeSpan.FromSeconds(5), 40 * 1024), LambdaEdge.LimitsFor("viewer-response"));
        Assert.Equal(TimeSpan.FromSeconds(30), LambdaEdge.LimitsFor("origin-request").MaxTimeout);
        Assert.Equal(1024 * 1024, LambdaEdge.LimitsFor("origin-response").MaxGeneratedResponseBytes);
    }

    [Fact]
    public void A_viewer_response_function_cannot_change_the_status()
    {
        var (aws, lambda) = Account();
        lambda.Register("vres", _ => """{"status":"500","statusDescription":"Nope","headers":{}}""");
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(s_files), new CacheBehavior("*", [new LambdaFunctionAssociation(LambdaEdge.ViewerResponse, Arn + "vres:1")]));
        Assert.Equal(200, d.Get("/index.html").Status);
    }
}

public class GeneratedResponseCachingTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:";

    [Fact]
    public void A_response_generated_at_origin_request_is_cached_and_the_function_not_run_again()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.CloudFront.LambdaInvoker = lambda;
        lambda.Register("gen", _ => """{"status":"200","statusDescription":"OK","body":"made at the edge"}""");
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(new Dictionary<string, string>()),
            new CacheBehavior("*", [new LambdaFunctionAssociation(LambdaEdge.OriginRequest, Arn + "gen:1")]));
        var first = d.Get("/x");
        var second = d.Get("/x");
        Assert.Equal((EdgeResultType.LambdaGeneratedResponse, "made at the edge"), (first.ResultType, first.Body));
        Assert.Equal((EdgeResultType.Hit, "made at the edge"), (second.ResultType, second.Body));
        Assert.Equal([LambdaEdge.OriginRequest], first.TriggersRun);
        Assert.Empty(second.TriggersRun);
        Assert.Equal(0, d.OriginRequests);
    }

    [Fact]
    public void A_response_generated_at_viewer_request_is_not_cached()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.CloudFront.LambdaInvoker = lambda;
        lambda.Register("gen", _ => """{"status":"200","body":"aGk=","bodyEncoding":"base64"}""");
        var d = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(new Dictionary<string, string>()),
            new CacheBehavior("*", [new LambdaFunctionAssociation(LambdaEdge.ViewerRequest, Arn + "gen:1")]));
        Assert.Equal("hi", d.Get("/x").Body);
        Assert.Equal([LambdaEdge.ViewerRequest], d.Get("/x").TriggersRun);
        lambda.Register("gen", _ => """{"status":"200","body":"not base64!","bodyEncoding":"base64"}""");
        Assert.Equal(EdgeResultType.LambdaValidationError, d.Get("/x").ResultType);
    }
}

public class DistributionIdTests
{
    [Fact]
    public void Ids_and_domains_look_like_CloudFront_and_are_deterministic()
    {
        static Distribution Make() => new SimulatedAws().CloudFront.CreateDistribution(Distribution.StaticOrigin(new Dictionary<string, string>()));
        var (a, b) = (Make(), Make());
        Assert.Matches("^E[A-Z0-9]{13}$", a.Id);
        Assert.Matches(@"^d[a-z0-9]{13}\.cloudfront\.net$", a.DomainName);
        Assert.Equal((a.Id, a.DomainName), (b.Id, b.DomainName));
        var aws = new SimulatedAws();
        var one = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(new Dictionary<string, string>()));
        var two = aws.CloudFront.CreateDistribution(Distribution.StaticOrigin(new Dictionary<string, string>()));
        Assert.NotEqual(one.Id, two.Id);
    }

    [Fact]
    public void The_committed_diagram_matches_the_library()
    {
        var committed = File.ReadAllText(Path.Combine(Paths.Root, "notebooks", "images", "lambda-edge-triggers.svg"));
        Assert.Equal(EdgeDiagram.Svg() + "\n", committed);
    }
}
