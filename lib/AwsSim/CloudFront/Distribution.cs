using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwsSim.Lambda;

namespace AwsSim.CloudFront;

/// <summary>A cache behaviour: which paths it serves, how long it caches, and the Lambda@Edge functions on its four trigger points.</summary>
/// <param name="PathPattern">e.g. <c>*</c> (the default behaviour) or <c>/images/*</c>.</param>
/// <param name="LambdaFunctionAssociations">Up to four functions, at most one per trigger point.</param>
/// <param name="DefaultTtl">
/// How long a response is cached when the origin sends no <c>Cache-Control: max-age</c>; CloudFront's default is
/// 86,400 s, one day (CloudFront API, CachePolicyConfig.DefaultTTL).
/// </param>
public sealed record CacheBehavior(string PathPattern = "*", IReadOnlyList<LambdaFunctionAssociation>? LambdaFunctionAssociations = null, TimeSpan? DefaultTtl = null)
{
    /// <summary>The associations (empty when none).</summary>
    public IReadOnlyList<LambdaFunctionAssociation> Associations => LambdaFunctionAssociations ?? [];

    /// <summary>The TTL in force.</summary>
    public TimeSpan Ttl => DefaultTtl ?? TimeSpan.FromHours(24);

    /// <summary>True when this behaviour serves <paramref name="uri"/> (<c>*</c> matches any run of characters).</summary>
    public bool Serves(string uri)
    {
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(PathPattern.StartsWith('/') || PathPattern == "*" ? PathPattern : "/" + PathPattern)
            .Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(uri, pattern);
    }
}

/// <summary>What a viewer asks a distribution for.</summary>
/// <param name="Uri">The path, e.g. <c>/index.html</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Querystring">The query string without <c>?</c>.</param>
/// <param name="Headers">Request headers (name → value).</param>
/// <param name="ClientIp">The viewer's address.</param>
public sealed record ViewerRequest(string Uri, string Method = "GET", string Querystring = "", IReadOnlyDictionary<string, string>? Headers = null, string ClientIp = "203.0.113.178");

/// <summary>
/// How a request was served, in the words of CloudFront's logs (x-edge-result-type / x-edge-detailed-result-type).
/// The error statuses follow the CloudFront Developer Guide, "Troubleshooting error responses": 502 Lambda validation
/// error, 503 function execution error, 503 Lambda limit exceeded.
/// </summary>
public enum EdgeResultType
{
    /// <summary>Served from the cache.</summary>
    Hit,

    /// <summary>Fetched from the origin.</summary>
    Miss,

    /// <summary>A Lambda@Edge function generated the response.</summary>
    LambdaGeneratedResponse,

    /// <summary>The function failed (error or timeout): HTTP 503.</summary>
    LambdaExecutionError,

    /// <summary>The function returned something CloudFront cannot use (bad shape, too large): HTTP 502.</summary>
    LambdaValidationError,

    /// <summary>Lambda throttled the function: HTTP 503.</summary>
    LambdaLimitExceeded,
}

/// <summary>What the viewer gets back, and how.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Headers">Response headers (lower-case name → value).</param>
/// <param name="Body">The body as text.</param>
/// <param name="ResultType">Hit, miss, generated or an error.</param>
/// <param name="TriggersRun">The trigger points whose function ran, in order.</param>
/// <param name="Events">The event JSON each function was sent, by trigger point.</param>
/// <param name="OriginRequest">The request as it reached the origin (null when the origin was not asked).</param>
public sealed record EdgeResult(int Status, IReadOnlyDictionary<string, string> Headers, string Body, EdgeResultType ResultType,
    IReadOnlyList<string> TriggersRun, IReadOnlyDictionary<string, string> Events, CloudFrontRequest? OriginRequest);

/// <summary>
/// A CloudFront distribution with one origin, cache behaviours and a cache. <see cref="Get(ViewerRequest)"/> walks a request through
/// the four trigger points exactly as the table in <see cref="LambdaEdge"/> says: the viewer-request function always,
/// then the cache; on a miss the origin-request function, the origin, the origin-response function, and the cache; then
/// the viewer-response function unless the origin answered ≥ 400 or a viewer-request function generated the response.
/// A response generated at viewer request is not cached; one generated at origin request is cached (and the function
/// is not run again while it is).
/// Functions are called synchronously through <see cref="ILambdaInvoker.Invoke"/>.
/// </summary>
public sealed class Distribution
{
    private readonly CloudFrontService _service;
    private readonly Func<CloudFrontRequest, CloudFrontResponse> _origin;
    private readonly Dictionary<string, (CloudFrontResponse Response, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);
    private long _requests;

    internal Distribution(CloudFrontService service, string id, string domainName, IReadOnlyList<CacheBehavior> behaviors, Func<CloudFrontRequest, CloudFrontResponse> origin)
    {
        _service = service;
        Id = id;
        DomainName = domainName;
        Behaviors = behaviors;
        _origin = origin;
    }

    /// <summary>The distribution id, e.g. <c>E1A2B3C4D5E6F7</c>.</summary>
    public string Id { get; }

    /// <summary>The domain name, e.g. <c>d111111abcdef8.cloudfront.net</c>.</summary>
    public string DomainName { get; }

    /// <summary>Cache behaviours, most specific first; the last one is the default (<c>*</c>).</summary>
    public IReadOnlyList<CacheBehavior> Behaviors { get; }

    /// <summary>How many requests the origin has served.</summary>
    public int OriginRequests { get; private set; }

    /// <summary>Empties the cache (an invalidation of <c>/*</c>).</summary>
    public void Invalidate() => _cache.Clear();

    /// <summary>Serves one viewer request.</summary>
    public EdgeResult Get(ViewerRequest viewer)
    {
        var requestId = RequestId();
        var behavior = Behaviors.First(b => b.Serves(viewer.Uri));
        var triggers = new List<string>();
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new CloudFrontRequest
        {
            ClientIp = viewer.ClientIp,
            Method = viewer.Method,
            Uri = viewer.Uri,
            Querystring = viewer.Querystring,
            Headers = ToCf(new Dictionary<string, string>(viewer.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase) { ["Host"] = DomainName }),
        };

        // 1. viewer request: every request, before the cache.
        if (Run(behavior, LambdaEdge.ViewerRequest, requestId, request, null, triggers, events) is { } vr)
        {
            if (vr.Error is { } e1) return e1;
            if (vr.Generated is { } generated) return Result(generated, EdgeResultType.LambdaGeneratedResponse, triggers, events, null);
            request = vr.Request!;
        }

        // 2. the cache.
        var key = request.Uri + "?" + request.Querystring;
        var now = _service.Clock.Now;
        CloudFrontResponse response;
        EdgeResultType type;
        CloudFrontRequest? originRequest = null;
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            response = cached.Response;
            type = EdgeResultType.Hit;
        }
        else
        {
            type = EdgeResultType.Miss;
            // 3. origin request: only on a miss.
            CloudFrontResponse? generatedAtOrigin = null;
            if (Run(behavior, LambdaEdge.OriginRequest, requestId, request, null, triggers, events) is { } or)
            {
                if (or.Error is { } e2) return e2;
                generatedAtOrigin = or.Generated;
                request = or.Request ?? request;
            }
            if (generatedAtOrigin is not null)
            {
                // A response generated by an origin-request function is cached, and the function does not run again
                // while it is cached (CloudFront Developer Guide, "Generate HTTP responses in request triggers").
                response = generatedAtOrigin;
                type = EdgeResultType.LambdaGeneratedResponse;
                _cache[key] = (response, now + TtlOf(response, behavior));
            }
            else
            {
                originRequest = request;
                OriginRequests++;
                response = _origin(request);
                // 4. origin response: after the origin answers (errors too), before caching.
                if (Run(behavior, LambdaEdge.OriginResponse, requestId, request, response, triggers, events) is { } ors)
                {
                    if (ors.Error is { } e3) return e3;
                    response = ors.Response!;
                }
                if (response.StatusCode == 200) _cache[key] = (response, now + TtlOf(response, behavior));
            }
        }

        // 5. viewer response: hit or miss, but not for origin errors.
        if (response.StatusCode < 400 && Run(behavior, LambdaEdge.ViewerResponse, requestId, request, response, triggers, events) is { } vrs)
        {
            if (vrs.Error is { } e4) return e4;
            // A viewer-response function cannot change the status code: CloudFront keeps the original one.
            response = vrs.Response! with { Status = response.Status, StatusDescription = response.StatusDescription };
        }
        return Result(response, type, triggers, events, originRequest);
    }

    /// <summary>Serves a GET for <paramref name="uri"/> with optional headers.</summary>
    public EdgeResult Get(string uri, IReadOnlyDictionary<string, string>? headers = null, string querystring = "")
        => Get(new ViewerRequest(uri, Querystring: querystring, Headers: headers));

    private sealed record Step(CloudFrontRequest? Request, CloudFrontResponse? Response, CloudFrontResponse? Generated, EdgeResult? Error);

    private Step? Run(CacheBehavior behavior, string eventType, string requestId, CloudFrontRequest request, CloudFrontResponse? response,
        List<string> triggers, Dictionary<string, string> events)
    {
        var association = behavior.Associations.FirstOrDefault(a => a.EventType == eventType);
        if (association is null) return null;
        var invoker = _service.LambdaInvoker ?? throw new InvalidOperationException("No Lambda invoker: set aws.CloudFront.LambdaInvoker.");
        var e = new CloudFrontEvent
        {
            Records =
            [
                new CloudFrontRecord
                {
                    Cf = new CloudFrontPayload
                    {
                        Config = new CloudFrontConfig { DistributionDomainName = DomainName, DistributionId = Id, EventType = eventType, RequestId = requestId },
                        Request = request,
                        Response = response,
                    },
                },
            ],
        };
        var json = AwsJson.Serialize(e);
        triggers.Add(eventType);
        events[eventType] = json;
        var limits = LambdaEdge.LimitsFor(eventType);
        var result = invoker.Invoke(association.FunctionName, json);

        if (result.StatusCode == 429 || result.ErrorCode == "TooManyRequestsException")
            return new Step(null, null, null, Error(503, EdgeResultType.LambdaLimitExceeded, triggers, events));
        if (result.StatusCode != 200 || result.FunctionError is not null || result.Duration > limits.MaxTimeout)
            return new Step(null, null, null, Error(503, EdgeResultType.LambdaExecutionError, triggers, events));

        JsonObject? returned;
        try { returned = result.Payload is null ? null : JsonNode.Parse(result.Payload) as JsonObject; }
        catch (JsonException) { returned = null; }
        if (returned is null) return new Step(null, null, null, Error(502, EdgeResultType.LambdaValidationError, triggers, events));

        var isResponse = returned.ContainsKey("status");
        if (LambdaEdge.IsRequestEvent(eventType) && !isResponse)
        {
            var changed = returned.Deserialize<CloudFrontRequest>(AwsJson.Options);
            return changed?.Uri is null || changed.Method is null
                ? new Step(null, null, null, Error(502, EdgeResultType.LambdaValidationError, triggers, events))
                : new Step(changed, null, null, null);
        }
        var produced = returned.Deserialize<CloudFrontResponse>(AwsJson.Options);
        if (produced is null || produced.StatusCode is < 100 or > 599)
            return new Step(null, null, null, Error(502, EdgeResultType.LambdaValidationError, triggers, events));
        if (produced.BodyEncoding is not null and not "text" and not "base64"
            || (produced.BodyEncoding == "base64" && produced.Body is not null && !IsBase64(produced.Body)))
            return new Step(null, null, null, Error(502, EdgeResultType.LambdaValidationError, triggers, events));
        if (LambdaEdge.IsRequestEvent(eventType))
        {
            // A generated response must fit the trigger's size limit (headers + body).
            if (GeneratedSize(produced) > limits.MaxGeneratedResponseBytes)
                return new Step(null, null, null, Error(502, EdgeResultType.LambdaValidationError, triggers, events));
            return new Step(null, null, produced, null);
        }
        return new Step(null, produced, null, null);
    }

    private static bool IsBase64(string s) => Convert.TryFromBase64String(s, new byte[s.Length], out _);

    /// <summary>Bytes of a generated response as CloudFront counts them: header names and values plus the body.</summary>
    public static int GeneratedSize(CloudFrontResponse response)
    {
        var headers = response.Headers?.Sum(h => h.Value.Sum(v => Encoding.UTF8.GetByteCount(v.Key ?? h.Key) + Encoding.UTF8.GetByteCount(v.Value ?? ""))) ?? 0;
        return headers + Encoding.UTF8.GetByteCount(response.Body ?? "");
    }

    private static TimeSpan TtlOf(CloudFrontResponse response, CacheBehavior behavior)
    {
        var cc = response.Header("cache-control");
        if (cc is not null)
        {
            foreach (var part in cc.Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(part[8..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                    return TimeSpan.FromSeconds(s);
            }
        }
        return behavior.Ttl;
    }

    private static EdgeResult Result(CloudFrontResponse r, EdgeResultType type, List<string> triggers, Dictionary<string, string> events, CloudFrontRequest? originRequest)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in r.Headers ?? new()) headers[name] = string.Join(", ", values.Select(v => v.Value));
        var body = r.BodyEncoding == "base64" && r.Body is not null ? Encoding.UTF8.GetString(Convert.FromBase64String(r.Body)) : r.Body ?? "";
        return new EdgeResult(r.StatusCode, headers, body, type, triggers.ToList(), new Dictionary<string, string>(events), originRequest);
    }

    private static EdgeResult Error(int status, EdgeResultType type, List<string> triggers, Dictionary<string, string> events)
        => new(status, new Dictionary<string, string>(), status == 502 ? "502 Bad Gateway" : "503 Service Unavailable", type, triggers.ToList(), new Dictionary<string, string>(events), null);

    private static Dictionary<string, List<CloudFrontHeader>> ToCf(IReadOnlyDictionary<string, string> headers)
        => headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => new List<CloudFrontHeader> { new() { Key = h.Key, Value = h.Value } });

    private string RequestId()
    {
        var n = Interlocked.Increment(ref _requests);
        // Deterministic, shaped like CloudFront's base64 request ids.
        var bytes = Encoding.ASCII.GetBytes($"{Id}:{n:D12}:{_service.Seed}");
        return Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)).Replace('+', '-').Replace('/', '_')[..40] + "==";
    }

    /// <summary>A simple origin: a fixed set of paths with their bodies; anything else is 404.</summary>
    public static Func<CloudFrontRequest, CloudFrontResponse> StaticOrigin(IReadOnlyDictionary<string, string> files, string? cacheControl = null)
        => request =>
        {
            if (files.TryGetValue(request.Uri ?? "", out var body))
            {
                var ok = new CloudFrontResponse { Status = "200", StatusDescription = "OK", Body = body }.WithHeader("Content-Type", "text/plain");
                return cacheControl is null ? ok : ok.WithHeader("Cache-Control", cacheControl);
            }
            return new CloudFrontResponse { Status = "404", StatusDescription = "Not Found", Body = "not found" };
        };
}
