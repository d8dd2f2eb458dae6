using System.Globalization;

namespace AwsSim.ApiGateway;

/// <summary>
/// Builds the exact event a Lambda proxy integration sends (payload 1.0 for REST, 2.0 for HTTP APIs) from an
/// incoming request, following aws-facts §2.2–2.3 and the layout of AWS's own samples.
/// </summary>
internal static class ProxyEvents
{
    /// <summary>AWS's request-time format: <c>15/May/2020:06:01:09 +0000</c>.</summary>
    public static string RequestTime(DateTimeOffset t)
        => t.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";

    /// <summary>Context for building an event: who, where and when.</summary>
    /// <param name="Api">The API.</param>
    /// <param name="Stage">The stage.</param>
    /// <param name="Route">The matched route.</param>
    /// <param name="PathParameters">Values of the route's path variables.</param>
    /// <param name="AccountId">The API owner's account.</param>
    /// <param name="RequestId">The request id.</param>
    /// <param name="ExtendedRequestId">API Gateway's extended request id.</param>
    /// <param name="Now">The request time.</param>
    /// <param name="ApiKey">The API key used, if any.</param>
    public sealed record Context(Api Api, ApiStage Stage, ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters,
        string AccountId, string RequestId, string ExtendedRequestId, DateTimeOffset Now, ApiKey? ApiKey = null);

    /// <summary>Payload format 1.0 (REST API Lambda proxy).</summary>
    public static ApiGatewayProxyRequest V1(ApiRequest request, Context c, string pathWithoutStage)
    {
        var headers = WithForwarding(request);
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var multi = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            // A repeated header shows its last value in `headers` (as in AWS's sample where Header2 is
            // ["value1","value2"] in multiValueHeaders and "value2" in headers: aws-lambda-java-libs apigw_rest_event.json).
            var key = multi.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (!multi.TryGetValue(key, out var list)) multi[key] = list = new List<string>();
            list.Add(value);
            single[key] = value;
        }
        var (qs, mqs) = Query(request.Query);
        var (body, b64) = Body(request, c.Api, binaryByMediaType: true);
        return new ApiGatewayProxyRequest
        {
            Resource = c.Route.Path.Template,
            Path = pathWithoutStage,
            HttpMethod = request.Method,
            Headers = single.Count == 0 ? null : single,
            MultiValueHeaders = multi.Count == 0 ? null : multi,
            QueryStringParameters = qs.Count == 0 ? null : qs.ToDictionary(kv => kv.Key, kv => kv.Value[^1], StringComparer.Ordinal),
            MultiValueQueryStringParameters = mqs.Count == 0 ? null : mqs,
            PathParameters = c.PathParameters.Count == 0 ? null : new Dictionary<string, string>(c.PathParameters, StringComparer.Ordinal),
            StageVariables = c.Stage.Variables.Count == 0 ? null : new Dictionary<string, string>(c.Stage.Variables, StringComparer.Ordinal),
            RequestContext = new ProxyRequestContext
            {
                AccountId = c.AccountId,
                ApiId = c.Api.Id,
                DomainName = c.Api.DomainName,
                DomainPrefix = c.Api.Id,
                ExtendedRequestId = c.ExtendedRequestId,
                HttpMethod = request.Method,
                Identity = new RequestIdentity
                {
                    SourceIp = request.SourceIp,
                    UserAgent = request.Header("User-Agent"),
                    ApiKey = c.ApiKey?.Value,
                    ApiKeyId = c.ApiKey?.Id,
                },
                Path = "/" + c.Stage.Name + (pathWithoutStage == "/" ? "/" : pathWithoutStage),
                Protocol = request.Protocol,
                RequestId = c.RequestId,
                RequestTime = RequestTime(c.Now),
                RequestTimeEpoch = c.Now.ToUnixTimeMilliseconds(),
                ResourceId = c.Route.Id,
                ResourcePath = c.Route.Path.Template,
                Stage = c.Stage.Name,
            },
            Body = body,
            IsBase64Encoded = b64,
        };
    }

    /// <summary>Payload format 2.0 (HTTP API): lower-case header names, repeats joined with commas, cookies apart.</summary>
    public static HttpApiRequest V2(ApiRequest request, Context c)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var cookies = new List<string>();
        foreach (var (name, value) in WithForwarding(request))
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }
            headers[lower] = headers.TryGetValue(lower, out var prev) ? prev + "," + value : value;
        }
        var (qs, _) = Query(request.Query);
        var (body, b64) = Body(request, c.Api, binaryByMediaType: false);
        return new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = c.Route.RouteKey,
            RawPath = request.Path,
            RawQueryString = request.Query,
            Cookies = cookies.Count == 0 ? null : cookies,
            Headers = headers,
            QueryStringParameters = qs.Count == 0 ? null : qs.ToDictionary(kv => kv.Key, kv => string.Join(',', kv.Value), StringComparer.Ordinal),
            RequestContext = new HttpApiRequestContext
            {
                AccountId = c.AccountId,
                ApiId = c.Api.Id,
                DomainName = c.Api.DomainName,
                DomainPrefix = c.Api.Id,
                Http = new HttpDescription
                {
                    Method = request.Method,
                    Path = request.Path,
                    Protocol = request.Protocol,
                    SourceIp = request.SourceIp,
                    UserAgent = request.Header("User-Agent"),
                },
                RequestId = c.ExtendedRequestId,
                RouteKey = c.Route.RouteKey,
                Stage = c.Stage.Name,
                Time = RequestTime(c.Now),
                TimeEpoch = c.Now.ToUnixTimeMilliseconds(),
            },
            Body = body,
            PathParameters = c.PathParameters.Count == 0 ? null : new Dictionary<string, string>(c.PathParameters, StringComparer.Ordinal),
            IsBase64Encoded = b64,
            StageVariables = c.Stage.Variables.Count == 0 ? null : new Dictionary<string, string>(c.Stage.Variables, StringComparer.Ordinal),
        };
    }

    /// <summary>True when <paramref name="contentType"/> matches one of the API's binary media types (<c>*/*</c>, <c>image/*</c>, exact).</summary>
    public static bool IsBinary(string? contentType, IReadOnlyList<string> binaryMediaTypes)
    {
        if (string.IsNullOrEmpty(contentType) || binaryMediaTypes.Count == 0) return false;
        foreach (var candidate in contentType.Split(','))
        {
            var ct = candidate.Split(';')[0].Trim().ToLowerInvariant();
            foreach (var t in binaryMediaTypes)
            {
                if (t == "*/*" || t == ct) return true;
                if (t.EndsWith("/*", StringComparison.Ordinal) && ct.StartsWith(t[..^1], StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// HTTP APIs decide by content type alone: text-like bodies (text/*, JSON, XML, JavaScript, form data) travel as
    /// text, anything else Base64. (Simulation rule: AWS's HTTP API guide says only that isBase64Encoded marks
    /// binary bodies.)
    /// </summary>
    public static bool IsTextContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        var ct = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return ct.StartsWith("text/", StringComparison.Ordinal) || ct is "application/json" or "application/xml" or "application/javascript"
            or "application/x-www-form-urlencoded" || ct.EndsWith("+json", StringComparison.Ordinal) || ct.EndsWith("+xml", StringComparison.Ordinal);
    }

    private static (string? Body, bool Base64) Body(ApiRequest request, Api api, bool binaryByMediaType)
    {
        if (request.Body is null || request.Body.Length == 0) return (null, false);
        var binary = binaryByMediaType
            ? IsBinary(request.Header("Content-Type"), api.BinaryMediaTypes)
            : !IsTextContentType(request.Header("Content-Type"));
        return binary ? (Convert.ToBase64String(request.Body), true) : (System.Text.Encoding.UTF8.GetString(request.Body), false);
    }

    private static List<KeyValuePair<string, string>> WithForwarding(ApiRequest request)
    {
        // API Gateway adds the forwarding headers its samples show (X-Forwarded-For/Port/Proto) when the client did not.
        var list = request.Headers.ToList();
        if (request.Header("X-Forwarded-For") is null) list.Add(new("X-Forwarded-For", request.SourceIp));
        if (request.Header("X-Forwarded-Port") is null) list.Add(new("X-Forwarded-Port", "443"));
        if (request.Header("X-Forwarded-Proto") is null) list.Add(new("X-Forwarded-Proto", "https"));
        return list;
    }

    private static (Dictionary<string, List<string>> Single, Dictionary<string, List<string>> Multi) Query(string query)
    {
        var d = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            if (!d.TryGetValue(name, out var list)) d[name] = list = new List<string>();
            list.Add(value);
        }
        return (d, d);
    }

    private static string Decode(string s)
    {
        try { return Uri.UnescapeDataString(s.Replace('+', ' ')); }
        catch (UriFormatException) { return s; }
    }
}
