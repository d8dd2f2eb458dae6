using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.CloudFront;

/// <summary>
/// A Lambda@Edge event: <c>{"Records":[{"cf":{"config":…,"request":…}}]}</c>, with <c>cf.response</c> added for the
/// origin-response and viewer-response triggers (CloudFront Developer Guide, "Lambda@Edge event structure").
/// Both shapes load: the current one (<c>config.eventType</c>, <c>distributionDomainName</c>, <c>requestId</c>,
/// <c>request.querystring</c>) and the older one whose <c>config</c> has only <c>distributionId</c>.
/// </summary>
[AwsEvent("cloudfront", "Records[0].cf.config", "Records[0].cf.request")]
public sealed record CloudFrontEvent
{
    /// <summary>The records; CloudFront sends exactly one.</summary>
    [JsonPropertyName("Records")] public List<CloudFrontRecord> Records { get; init; } = new();

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The first record's <c>cf</c>, where everything is.</summary>
    [JsonIgnore] public CloudFrontPayload? Cf => Records.Count > 0 ? Records[0].Cf : null;
}

/// <summary>One record of a <see cref="CloudFrontEvent"/>.</summary>
public sealed record CloudFrontRecord
{
    /// <summary>The CloudFront part.</summary>
    [JsonPropertyName("cf")] public CloudFrontPayload? Cf { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>cf</c> object: config, request, and (response triggers) response.</summary>
public sealed record CloudFrontPayload
{
    /// <summary>Which distribution and trigger.</summary>
    [JsonPropertyName("config")] public CloudFrontConfig? Config { get; init; }

    /// <summary>The request.</summary>
    [JsonPropertyName("request")] public CloudFrontRequest? Request { get; init; }

    /// <summary>The response (origin-response and viewer-response only).</summary>
    [JsonPropertyName("response")] public CloudFrontResponse? Response { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>cf.config</c> object.</summary>
public sealed record CloudFrontConfig
{
    /// <summary>The distribution's domain name, e.g. <c>d111111abcdef8.cloudfront.net</c>.</summary>
    [JsonPropertyName("distributionDomainName")] public string? DistributionDomainName { get; init; }

    /// <summary>The distribution id.</summary>
    [JsonPropertyName("distributionId")] public string? DistributionId { get; init; }

    /// <summary><c>viewer-request</c>, <c>origin-request</c>, <c>origin-response</c> or <c>viewer-response</c> (absent in the older shape).</summary>
    [JsonPropertyName("eventType")] public string? EventType { get; init; }

    /// <summary>An id for the viewer's request, the same in all four events of one request.</summary>
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>cf.request</c> object. A function on a request trigger may return it changed.</summary>
public sealed record CloudFrontRequest
{
    /// <summary>The viewer's IP address.</summary>
    [JsonPropertyName("clientIp")] public string? ClientIp { get; init; }

    /// <summary>Headers by lower-case name; each value a list of <c>{key, value}</c> with the original casing in <c>key</c>.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, List<CloudFrontHeader>>? Headers { get; init; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary>The query string without the <c>?</c> (<c>""</c> when there is none; absent in the older shape).</summary>
    [JsonPropertyName("querystring")] public string? Querystring { get; init; }

    /// <summary>The path, e.g. <c>/index.html</c>.</summary>
    [JsonPropertyName("uri")] public string? Uri { get; init; }

    /// <summary>Fields not modelled here (e.g. <c>origin</c>, <c>body</c>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The first value of a header (name in any case), or null.</summary>
    public string? Header(string name)
        => Headers is not null && Headers.TryGetValue(name.ToLowerInvariant(), out var v) && v.Count > 0 ? v[0].Value : null;

    /// <summary>A copy with the header set (lower-case map key, <paramref name="name"/> as the <c>key</c>).</summary>
    public CloudFrontRequest WithHeader(string name, string value)
    {
        var headers = Headers is null ? new Dictionary<string, List<CloudFrontHeader>>() : new Dictionary<string, List<CloudFrontHeader>>(Headers);
        headers[name.ToLowerInvariant()] = [new CloudFrontHeader { Key = name, Value = value }];
        return this with { Headers = headers };
    }
}

/// <summary>The <c>cf.response</c> object, or a response a function generates.</summary>
public sealed record CloudFrontResponse
{
    /// <summary>The HTTP status as a string, e.g. "200".</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>The reason phrase, e.g. "OK".</summary>
    [JsonPropertyName("statusDescription")] public string? StatusDescription { get; init; }

    /// <summary>Headers, as in the request.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, List<CloudFrontHeader>>? Headers { get; init; }

    /// <summary>The body of a generated response (text, or base64 with <c>bodyEncoding</c>).</summary>
    [JsonPropertyName("body")] public string? Body { get; init; }

    /// <summary><c>text</c> or <c>base64</c>, for a generated body.</summary>
    [JsonPropertyName("bodyEncoding")] public string? BodyEncoding { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The status as a number (0 when missing or not a number).</summary>
    [JsonIgnore] public int StatusCode => int.TryParse(Status, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name)
        => Headers is not null && Headers.TryGetValue(name.ToLowerInvariant(), out var v) && v.Count > 0 ? v[0].Value : null;

    /// <summary>A copy with the header set.</summary>
    public CloudFrontResponse WithHeader(string name, string value)
    {
        var headers = Headers is null ? new Dictionary<string, List<CloudFrontHeader>>() : new Dictionary<string, List<CloudFrontHeader>>(Headers);
        headers[name.ToLowerInvariant()] = [new CloudFrontHeader { Key = name, Value = value }];
        return this with { Headers = headers };
    }
}

/// <summary>One header value: <c>{"key":"User-Agent","value":"curl/7.66.0"}</c>.</summary>
public sealed record CloudFrontHeader
{
    /// <summary>The header name with its original casing.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
