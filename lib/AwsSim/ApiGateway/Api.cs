using System.Globalization;

namespace AwsSim.ApiGateway;

/// <summary>
/// One API: a REST API (<see cref="ApiGatewayService.CreateRestApi"/>) or an HTTP API
/// (<see cref="ApiGatewayService.CreateApi"/>), with its routes (methods on resources), stages and binary media types.
/// Every route uses a Lambda proxy integration.
/// </summary>
public sealed class Api
{
    private readonly List<ApiRoute> _routes = new();
    private readonly Dictionary<string, ApiStage> _stages = new(StringComparer.Ordinal);
    private readonly List<string> _binaryMediaTypes = new();

    internal Api(string id, string name, ApiProtocol protocol, string region)
    {
        Id = id;
        Name = name;
        Protocol = protocol;
        Region = region;
    }

    /// <summary>The API id (10 lower-case letters and digits), the first label of its domain name.</summary>
    public string Id { get; }

    /// <summary>The API's name.</summary>
    public string Name { get; }

    /// <summary>REST or HTTP.</summary>
    public ApiProtocol Protocol { get; }

    /// <summary>The Region.</summary>
    public string Region { get; }

    /// <summary>The payload format version the Lambda integration uses: 1.0 (REST) or 2.0 (HTTP).</summary>
    public string PayloadFormatVersion => Protocol == ApiProtocol.Rest ? "1.0" : "2.0";

    /// <summary>e.g. <c>a1b2c3d4e5.execute-api.us-east-1.amazonaws.com</c>.</summary>
    public string DomainName => $"{Id}.execute-api.{Region}.amazonaws.com";

    /// <summary>The routes, in the order they were created.</summary>
    public IReadOnlyList<ApiRoute> Routes => _routes;

    /// <summary>The stages by name.</summary>
    public IReadOnlyDictionary<string, ApiStage> Stages => _stages;

    /// <summary>Media types (e.g. <c>image/png</c>, <c>*/*</c>) whose bodies travel Base64-encoded (REST).</summary>
    public IReadOnlyList<string> BinaryMediaTypes => _binaryMediaTypes;

    /// <summary>The default integration timeout for new routes: 29 s (REST) or 30 s (HTTP).</summary>
    public TimeSpan DefaultIntegrationTimeout => Protocol == ApiProtocol.Rest ? ApiGatewayLimits.RestIntegrationTimeout : ApiGatewayLimits.HttpIntegrationTimeout;

    /// <summary>
    /// REST API: puts a method with a Lambda proxy integration on a resource (AWS: CreateResource + PutMethod +
    /// PutIntegration with type AWS_PROXY). <paramref name="httpMethod"/> is GET, POST, … or ANY.
    /// </summary>
    public ApiRoute PutMethod(string httpMethod, string resourcePath, string functionName, bool apiKeyRequired = false, TimeSpan? timeout = null)
    {
        if (Protocol != ApiProtocol.Rest)
            throw new AwsException("BadRequestException", $"PutMethod is for REST APIs; {Name} is an HTTP API: use CreateRoute(\"{httpMethod} {resourcePath}\", …).");
        return Add(httpMethod, resourcePath, functionName, apiKeyRequired, timeout);
    }

    /// <summary>
    /// HTTP API: creates a route with a Lambda integration (AWS: CreateIntegration + CreateRoute).
    /// <paramref name="routeKey"/> is <c>GET /items/{id}</c>, <c>ANY /{proxy+}</c> or <c>$default</c>.
    /// </summary>
    public ApiRoute CreateRoute(string routeKey, string functionName, TimeSpan? timeout = null)
    {
        if (Protocol != ApiProtocol.Http)
            throw new AwsException("BadRequestException", $"CreateRoute is for HTTP APIs; {Name} is a REST API: use PutMethod(method, resourcePath, …).");
        if (routeKey == "$default") return Add("$default", "/", functionName, false, timeout);
        var space = routeKey.IndexOf(' ');
        if (space <= 0)
            throw new AwsValidationException("routeKey", routeKey, "must be 'METHOD /path' (e.g. GET /items/{id}) or $default", "BadRequestException");
        return Add(routeKey[..space], routeKey[(space + 1)..], functionName, false, timeout);
    }

    /// <summary>
    /// Creates a stage (REST: CreateDeployment + CreateStage; HTTP: CreateStage, usually <c>$default</c>).
    /// </summary>
    public ApiStage CreateStage(string stageName, IReadOnlyDictionary<string, string>? variables = null, ThrottleSettings? throttle = null)
    {
        if (string.IsNullOrEmpty(stageName) || (stageName != "$default" && !stageName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            throw new AwsValidationException("stageName", stageName, "must be letters, digits, '-' or '_' (or $default for an HTTP API)", "BadRequestException");
        if (stageName == "$default" && Protocol == ApiProtocol.Rest)
            throw new AwsValidationException("stageName", stageName, "$default is an HTTP API stage; name REST stages e.g. prod or dev", "BadRequestException");
        if (_stages.ContainsKey(stageName)) throw new AwsException("ConflictException", $"Stage {stageName} already exists on API {Id}.", 409);
        if (_stages.Count >= ApiGatewayLimits.MaxStagesPerApi)
            throw new AwsException("LimitExceededException", $"An API has at most {ApiGatewayLimits.MaxStagesPerApi} stages.", 429);
        var vars = new Dictionary<string, string>(variables ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (vars.Count > ApiGatewayLimits.MaxStageVariables)
            throw new AwsValidationException("variables", vars.Count.ToString(CultureInfo.InvariantCulture), $"at most {ApiGatewayLimits.MaxStageVariables} stage variables", "BadRequestException");
        throttle?.Validate("throttle");
        var stage = new ApiStage(stageName, vars, throttle);
        _stages[stageName] = stage;
        return stage;
    }

    /// <summary>REST: adds a binary media type such as <c>image/png</c> or <c>*/*</c>.</summary>
    public Api AddBinaryMediaType(string mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType) || !mediaType.Contains('/'))
            throw new AwsValidationException("binaryMediaTypes", mediaType, "must be a media type such as image/png or */*", "BadRequestException");
        _binaryMediaTypes.Add(mediaType.Trim().ToLowerInvariant());
        return this;
    }

    /// <summary>The invoke URL of a stage: REST <c>https://{id}.execute-api.{region}.amazonaws.com/{stage}</c>; the HTTP $default stage has no stage part.</summary>
    public string InvokeUrl(string stageName) => stageName == "$default" ? $"https://{DomainName}" : $"https://{DomainName}/{stageName}";

    /// <summary>
    /// The best route for a method and path (path segments URL-decoded), AWS's precedence: the most specific path
    /// first (literal segments over <c>{var}</c> over <c>{proxy+}</c>), then an exact method over ANY, then (HTTP)
    /// <c>$default</c>. Null when nothing matches.
    /// </summary>
    public (ApiRoute Route, Dictionary<string, string> PathParameters)? Match(string method, IReadOnlyList<string> pathSegments)
    {
        (ApiRoute Route, Dictionary<string, string> Params)? best = null;
        ApiRoute? fallback = null;
        foreach (var r in _routes)
        {
            if (r.IsDefault) { fallback = r; continue; }
            if (r.Method != "ANY" && r.Method != method) continue;
            var p = r.Path.Match(pathSegments);
            if (p is null) continue;
            if (best is null) { best = (r, p); continue; }
            var c = r.Path.CompareSpecificity(best.Value.Route.Path);
            if (c > 0 || (c == 0 && r.Method != "ANY" && best.Value.Route.Method == "ANY")) best = (r, p);
        }
        if (best is null && fallback is not null) return (fallback, new Dictionary<string, string>(StringComparer.Ordinal));
        return best;
    }

    private ApiRoute Add(string method, string path, string functionName, bool apiKeyRequired, TimeSpan? timeout)
    {
        method = method == "$default" ? method : method.ToUpperInvariant();
        if (method != "$default")
            Validate.OneOf("httpMethod", method, "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
        if (string.IsNullOrWhiteSpace(functionName))
            throw new AwsValidationException("functionName", functionName, "must name the Lambda function the integration calls", "BadRequestException");
        var max = DefaultIntegrationTimeout;
        var t = timeout ?? max;
        // REST APIs could go above 29 s for Regional/private APIs since 2024-06-04 (aws-facts §4, AGN); the
        // simulation keeps the classic 50 ms – 29 s range.
        if (t < ApiGatewayLimits.MinIntegrationTimeout || t > max)
            throw new AwsValidationException("timeoutInMillis", ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                $"must be from 50 to {(long)max.TotalMilliseconds} milliseconds", "BadRequestException");
        var pattern = RoutePattern.Parse(path, Protocol == ApiProtocol.Rest ? "resourcePath" : "routeKey");
        var route = new ApiRoute(RouteId(), method, pattern, functionName, apiKeyRequired, t);
        if (_routes.Any(r => r.RouteKey == route.RouteKey))
            throw new AwsException("ConflictException", $"{route.RouteKey} already exists on API {Id}.", 409);
        _routes.Add(route);
        return route;
    }

    private string RouteId()
    {
        // Deterministic ids: a counter, about as long as AWS's 6-7 character resource and route ids.
        var n = _routes.Count + 1;
        return Protocol == ApiProtocol.Rest ? $"res{n:000}" : $"rt{n:00000}";
    }
}
