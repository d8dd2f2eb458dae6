
namespace AwsSim.ApiGateway;

/// <summary>
/// Amazon API Gateway in one account: creates REST and HTTP APIs, API keys and usage plans, and handles requests
/// (<see cref="Send"/>) the way API Gateway does: stage and route matching, API keys, throttling and quotas, the
/// Lambda proxy integration with its exact event, timeouts and malformed responses, metrics, access logs and the bill.
/// </summary>
/// <remarks>
/// Thread-safe: requests are handled one at a time (the local HTTP endpoint calls it from many threads).
/// Time comes from <c>aws.Clock</c>; nothing here advances it.
/// </remarks>
public sealed class ApiGatewayService
{
    private readonly AccountContext _aws;
    private readonly object _gate = new();
    private readonly Dictionary<string, Api> _apis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsagePlan> _plans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Year, int Month, ApiProtocol Protocol), long> _monthly = new();
    private readonly Random _random;
    private TokenBucket? _account;

    internal ApiGatewayService(AccountContext aws, ILambdaInvoker? lambda, ApiGatewayOptions? options = null)
    {
        _aws = aws;
        Options = options ?? new();
        AccountThrottle = Options.AccountThrottle;
        LambdaInvoker = lambda;
        _random = new Random(unchecked(aws.Seed * 31 + 0x0A91));
    }

    /// <summary>
    /// How integrations call Lambda: the account's <c>aws.Lambda</c>; tests and samples can put a small in-process
    /// invoker here.
    /// </summary>
    public ILambdaInvoker? LambdaInvoker { get; set; }

    /// <summary>This service's options (fixed when the account is built; see <see cref="ApiGatewayOptions"/>).</summary>
    public ApiGatewayOptions Options { get; }

    /// <summary>The account-level throttle in force (<see cref="ApiGatewayOptions.AccountThrottle"/> until <see cref="SetAccountThrottle"/>).</summary>
    public ThrottleSettings AccountThrottle { get; private set; }

    /// <summary>CloudWatch-style metrics and access logs.</summary>
    public ApiGatewayMetrics Metrics { get; } = new();

    /// <summary>Every API.</summary>
    public IReadOnlyCollection<Api> Apis { get { lock (_gate) { return _apis.Values.ToList(); } } }

    /// <summary>Requests billed so far in a month, per kind (HTTP after 512 KB metering).</summary>
    public long BilledRequests(ApiProtocol protocol, int year, int month) { lock (_gate) { return _monthly.GetValueOrDefault((year, month, protocol)); } }

    /// <summary>Changes the account-level throttle (AWS raises it on request; lessons lower it to see 429s sooner).</summary>
    public void SetAccountThrottle(ThrottleSettings throttle)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        throttle.Validate("accountThrottle");
        lock (_gate) { AccountThrottle = throttle; _account = null; }
    }

    /// <summary>Creates a REST API (payload format 1.0).</summary>
    public Api CreateRestApi(string name) => Create(name, ApiProtocol.Rest);

    /// <summary>Creates an HTTP API (payload format 2.0). Add a <c>$default</c> stage to serve it at the root URL.</summary>
    public Api CreateApi(string name) => Create(name, ApiProtocol.Http);

    /// <summary>The API with this id; throws NotFoundException otherwise.</summary>
    public Api GetApi(string apiId)
    {
        lock (_gate)
        {
            return _apis.TryGetValue(apiId, out var a) ? a : throw new AwsException("NotFoundException", $"Invalid API identifier specified {_aws.AccountId}:{apiId}", 404);
        }
    }

    /// <summary>Creates an API key; a value of 20–128 letters and digits is generated when none is given.</summary>
    public ApiKey CreateApiKey(string name, string? value = null, bool enabled = true)
    {
        lock (_gate)
        {
            value ??= RandomString(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
            if (value.Length is < ApiGatewayLimits.MinApiKeyLength or > ApiGatewayLimits.MaxApiKeyLength || !value.All(char.IsAsciiLetterOrDigit))
                throw new AwsValidationException("value", value, "an API key must be 20 to 128 letters and digits", "BadRequestException");
            if (_keys.Values.Any(k => k.Value == value)) throw new AwsException("ConflictException", "An API key with this value already exists.", 409);
            var key = new ApiKey(RandomString(10, "abcdefghijklmnopqrstuvwxyz0123456789"), name, value, enabled);
            _keys[key.Id] = key;
            return key;
        }
    }

    /// <summary>Creates a usage plan for REST API stages, with an optional per-key throttle and quota.</summary>
    public UsagePlan CreateUsagePlan(string name, IEnumerable<(string ApiId, string Stage)> apiStages, ThrottleSettings? throttle = null, QuotaSettings? quota = null)
    {
        lock (_gate)
        {
            var stages = apiStages.ToList();
            foreach (var (apiId, stage) in stages)
            {
                var api = _apis.GetValueOrDefault(apiId) ?? throw new AwsException("NotFoundException", $"Invalid API identifier specified {_aws.AccountId}:{apiId}", 404);
                if (api.Protocol != ApiProtocol.Rest) throw new AwsException("BadRequestException", "Usage plans and API keys are for REST APIs only; HTTP APIs do not support them.");
                if (!api.Stages.ContainsKey(stage)) throw new AwsException("NotFoundException", $"Invalid stage identifier specified: {stage}", 404);
            }
            throttle?.Validate("throttle");
            if (quota is not null) Validate.Range("quota.limit", quota.Limit, 0, long.MaxValue, "requests", "BadRequestException");
            var plan = new UsagePlan(RandomString(6, "abcdefghijklmnopqrstuvwxyz0123456789"), name, stages, throttle, quota);
            _plans[plan.Id] = plan;
            return plan;
        }
    }

    /// <summary>Attaches an API key to a usage plan (a key may be in one plan per API stage).</summary>
    public void CreateUsagePlanKey(string usagePlanId, string keyId)
    {
        lock (_gate)
        {
            var plan = _plans.GetValueOrDefault(usagePlanId) ?? throw new AwsException("NotFoundException", $"Invalid Usage Plan ID specified: {usagePlanId}", 404);
            if (!_keys.ContainsKey(keyId)) throw new AwsException("NotFoundException", $"Invalid API Key identifier specified: {keyId}", 404);
            var clash = _plans.Values.FirstOrDefault(p => p != plan && p.KeyIds.Contains(keyId) && p.ApiStages.Intersect(plan.ApiStages).Any());
            if (clash is not null) throw new AwsException("ConflictException", $"API key {keyId} is already in usage plan {clash.Id} for the same API stage.", 409);
            plan.KeyIds.Add(keyId);
        }
    }

    /// <summary>
    /// Handles one request to an API the way API Gateway does, in order: payload size (413), stage and route (REST 403
    /// "Missing Authentication Token", HTTP 404 "Not Found"), API key (403), quota and throttling (429), the Lambda
    /// proxy integration (REST 502 on a malformed response, HTTP 500; timeouts REST 504, HTTP 503), then metrics, the
    /// access log and the bill.
    /// </summary>
    public ApiResponse Send(string apiId, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var api = _apis.GetValueOrDefault(apiId) ?? throw new AwsException("NotFoundException", $"Invalid API identifier specified {_aws.AccountId}:{apiId}", 404);
            var now = _aws.Clock.Now;
            var (stage, path) = ResolveStage(api, request.Path);
            if (stage is null) return NoRoute(api);
            var response = Handle(api, stage, path, request, now);
            Metrics.Record(api, stage.Name, now, response);
            return response;
        }
    }

    /// <summary>
    /// Moves the clock by <paramref name="step"/> and sends the request, as one step of the simulation: concurrent
    /// callers (the local HTTP endpoint's connections) are served one after another here, so every response and the
    /// bill are those of some one-at-a-time order, while everything around the model (HTTP parsing and writing) runs in
    /// parallel.
    /// </summary>
    internal ApiResponse SendAfter(TimeSpan step, string apiId, ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (step > TimeSpan.Zero)
            {
                try { _aws.Clock.Advance(step); }
                catch (InvalidOperationException) { /* a lesson is advancing the clock right now: serve at its time */ }
            }
            return Send(apiId, request);
        }
    }

    private ApiResponse Handle(Api api, ApiStage stage, string path, ApiRequest request, DateTimeOffset now)
    {
        var requestId = NewRequestId();
        var extended = NewExtendedId();
        if (request.Body is not null && request.Body.LongLength > ApiGatewayLimits.MaxPayloadBytes) return GatewayResponses.RequestTooLarge() with { RequestId = requestId };

        var match = api.Match(request.Method.ToUpperInvariant(), RoutePattern.SplitPath(path));
        if (match is null) return NoRoute(api) with { RequestId = requestId };
        var (route, pathParams) = match.Value;

        ApiKey? key = null;
        UsagePlan? plan = null;
        if (api.Protocol == ApiProtocol.Rest && route.ApiKeyRequired)
        {
            var sent = request.Header("x-api-key");
            key = sent is null ? null : _keys.Values.FirstOrDefault(k => k.Value == sent && k.Enabled);
            plan = key is null ? null : _plans.Values.FirstOrDefault(p => p.KeyIds.Contains(key.Id) && p.ApiStages.Contains((api.Id, stage.Name)));
            // A key that exists but is in no usage plan for this stage is refused too.
            if (key is null || plan is null) return GatewayResponses.InvalidApiKey() with { RequestId = requestId, Route = route };
        }

        // Throttling order (aws-facts §4): usage plan per client → per-method stage limit → stage → account.
        if (plan?.Quota is { } quota && plan.UsedBy(key!.Id, now) >= quota.Limit)
            return GatewayResponses.QuotaExceeded() with { RequestId = requestId, Route = route };
        var buckets = new List<TokenBucket>();
        if (plan?.Throttle is { } pt) buckets.Add(Bucket($"plan:{plan.Id}:{key!.Id}", pt, now));
        if (stage.MethodThrottles.TryGetValue(route.MethodSettingsKey, out var mt)) buckets.Add(Bucket($"method:{api.Id}:{stage.Name}:{route.MethodSettingsKey}", mt, now));
        if (stage.Throttle is { } st) buckets.Add(Bucket($"stage:{api.Id}:{stage.Name}", st, now));
        buckets.Add(_account ??= new TokenBucket(AccountThrottle, now));
        if (!buckets.All(b => b.CanTake(now))) return GatewayResponses.Throttled() with { RequestId = requestId, Route = route };
        foreach (var b in buckets) b.TryTake(now);
        if (plan?.Quota is { } q)
        {
            var start = UsagePlan.PeriodStart(q.Period, now);
            var used = plan.UsedBy(key!.Id, now);
            plan.Usage[key.Id] = (start, used + 1);
        }

        Charge(api, request, now);

        var context = new ProxyEvents.Context(api, stage, route, pathParams, _aws.AccountId, requestId, extended, now, key);
        var eventJson = api.Protocol == ApiProtocol.Rest
            ? AwsJson.Serialize(ProxyEvents.V1(request, context, path))
            : AwsJson.Serialize(ProxyEvents.V2(request, context));
        var invoker = LambdaInvoker ?? throw new InvalidOperationException(
            "API Gateway has no Lambda service to call: set aws.ApiGateway.LambdaInvoker (e.g. to aws.Lambda or a small in-process invoker).");

        LambdaInvokeResult result;
        try
        {
            result = invoker.Invoke(route.FunctionName, eventJson);
        }
        catch (AwsException ex)
        {
            var failed = api.Protocol == ApiProtocol.Rest
                ? GatewayResponses.Json(500, "API_CONFIGURATION_ERROR", "Internal server error") with { Problem = ex.Message }
                : GatewayResponses.HttpInternalServerError(ex.Message);
            return failed with { RequestId = requestId, Route = route, IntegrationEvent = eventJson, IntegrationLatency = TimeSpan.Zero };
        }

        if (result.Duration > route.IntegrationTimeout)
        {
            var timeout = api.Protocol == ApiProtocol.Rest ? GatewayResponses.RestTimeout() : GatewayResponses.HttpTimeout();
            return timeout with { RequestId = requestId, Route = route, IntegrationEvent = eventJson, IntegrationLatency = route.IntegrationTimeout, Problem = $"the function ran {result.Duration.TotalMilliseconds:0} ms; the integration timeout is {route.IntegrationTimeout.TotalMilliseconds:0} ms" };
        }

        ApiResponse answer;
        if (result.StatusCode != 200 || result.FunctionError is not null)
        {
            var problem = result.FunctionError is not null ? $"the function failed ({result.FunctionError}): {result.Payload}" : $"Lambda answered {result.StatusCode} {result.ErrorCode}";
            answer = api.Protocol == ApiProtocol.Rest ? GatewayResponses.MalformedProxyResponse(problem) : GatewayResponses.HttpInternalServerError(problem);
        }
        else
        {
            var (mapped, problem) = api.Protocol == ApiProtocol.Rest
                ? ProxyResponses.MapV1(result.Payload, api.BinaryMediaTypes, request.Header("Accept"))
                : ProxyResponses.MapV2(result.Payload);
            answer = mapped is null
                ? (api.Protocol == ApiProtocol.Rest ? GatewayResponses.MalformedProxyResponse(problem!) : GatewayResponses.HttpInternalServerError(problem!))
                : new ApiResponse { StatusCode = mapped.StatusCode, Headers = mapped.Headers, Body = mapped.Body };
        }
        return answer with
        {
            RequestId = requestId,
            Route = route,
            IntegrationEvent = eventJson,
            IntegrationResponse = result.Payload,
            IntegrationLatency = result.Duration,
        };
    }

    private (ApiStage? Stage, string Path) ResolveStage(Api api, string rawPath)
    {
        var trimmed = rawPath.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        var first = slash < 0 ? trimmed : trimmed[..slash];
        var rest = slash < 0 ? "/" : trimmed[slash..];
        if (first.Length > 0 && first != "$default" && api.Stages.TryGetValue(Uri.UnescapeDataString(first), out var named)) return (named, rest);
        // HTTP APIs send requests that name no stage to $default; REST APIs always need the stage in the path.
        if (api.Protocol == ApiProtocol.Http && api.Stages.TryGetValue("$default", out var def)) return (def, "/" + trimmed);
        return (null, rawPath);
    }

    private static ApiResponse NoRoute(Api api)
        => api.Protocol == ApiProtocol.Rest ? GatewayResponses.MissingAuthenticationToken() : GatewayResponses.NotFound();

    private void Charge(Api api, ApiRequest request, DateTimeOffset now)
    {
        // Assumption (not in the fact sheet): requests refused before the integration (unknown route, bad key,
        // throttled) are not billed; everything that reaches the integration is.
        var units = api.Protocol == ApiProtocol.Http ? ApiGatewayPricing.HttpBilledRequests(request.Body?.LongLength ?? 0) : 1;
        var k = (now.Year, now.Month, api.Protocol);
        var before = _monthly.GetValueOrDefault(k);
        _monthly[k] = before + units;
        if (!Options.ChargeRequests) return;
        var tier = ApiGatewayPricing.TierFor(api.Protocol, before, _aws.Prices);
        var usage = ApiGatewayPricing.UsageName(api.Protocol);
        var free = Options.FreeTier ? _aws.Prices.GetAllowance("apigateway.free.requests").Quantity : 0;
        if (before + units <= free)
            _aws.Bill.Add(new LineItem(ApiGatewayPricing.Service, usage + ", free tier", units, tier.Unit, 0m, 0m, tier.Key, "first 1,000,000 calls a month free (new accounts, 12 months)"));
        else
            _aws.Bill.Add(LineItem.From(tier, usage, units, api.Name));
    }

    private Api Create(string name, ApiProtocol protocol)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
            throw new AwsValidationException("name", name, "must be 1 to 128 characters", "BadRequestException");
        lock (_gate)
        {
            string id;
            do { id = RandomString(10, "abcdefghijklmnopqrstuvwxyz0123456789"); } while (_apis.ContainsKey(id));
            var api = new Api(id, name, protocol, _aws.Region);
            _apis[id] = api;
            return api;
        }
    }

    private TokenBucket Bucket(string key, ThrottleSettings settings, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(key, out var b) || b.Settings != settings) _buckets[key] = b = new TokenBucket(settings, now);
        return b;
    }

    private string NewRequestId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, as AWS's UUIDs look
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private string NewExtendedId()
    {
        Span<byte> bytes = stackalloc byte[11];
        _random.NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_'); // e.g. "TWegAcC4EowCHnA="
    }

    private string RandomString(int length, string alphabet)
        => string.Create(length, (this, alphabet), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = s.alphabet[s.Item1._random.Next(s.alphabet.Length)];
        });
}
