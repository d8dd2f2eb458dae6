using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.ApiGateway;

/// <summary>
/// The event an HTTP API's Lambda integration sends with payload format 2.0 (aws-facts §2.3): header names lower
/// case, repeated headers and query parameters joined with commas, cookies in their own array.
/// </summary>
[AwsEvent("apigateway-http-request", "version=2.0", "routeKey", "requestContext.http")]
public sealed class HttpApiRequest
{
    /// <summary>Always "2.0".</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }

    /// <summary>The route that matched, e.g. <c>GET /items/{id}</c> or <c>$default</c>.</summary>
    [JsonPropertyName("routeKey")] public string? RouteKey { get; set; }

    /// <summary>The path as requested.</summary>
    [JsonPropertyName("rawPath")] public string? RawPath { get; set; }

    /// <summary>The query string as requested, without the <c>?</c> ("" when none).</summary>
    [JsonPropertyName("rawQueryString")] public string? RawQueryString { get; set; }

    /// <summary>Every cookie from the Cookie headers.</summary>
    [JsonPropertyName("cookies")] public List<string>? Cookies { get; set; }

    /// <summary>Headers, names lower-cased, repeated values joined with commas.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Query parameters, repeated values joined with commas.</summary>
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Who called, which API, stage and route.</summary>
    [JsonPropertyName("requestContext")] public HttpApiRequestContext? RequestContext { get; set; }

    /// <summary>The body (Base64 when <see cref="IsBase64Encoded"/>).</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>Path parameters.</summary>
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; set; }

    /// <summary>True when <see cref="Body"/> is Base64.</summary>
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }

    /// <summary>The stage's variables.</summary>
    [JsonPropertyName("stageVariables")] public Dictionary<string, string>? StageVariables { get; set; }

    /// <summary>Fields this type does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The <c>requestContext</c> of a payload 2.0 event.</summary>
public sealed class HttpApiRequestContext
{
    /// <summary>The API owner's account id.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }

    /// <summary>The API id.</summary>
    [JsonPropertyName("apiId")] public string? ApiId { get; set; }

    /// <summary>Mutual TLS details (free-form here).</summary>
    [JsonPropertyName("authentication")] public JsonElement? Authentication { get; set; }

    /// <summary>What a JWT or Lambda authorizer returned (free-form here).</summary>
    [JsonPropertyName("authorizer")] public JsonElement? Authorizer { get; set; }

    /// <summary>The domain name.</summary>
    [JsonPropertyName("domainName")] public string? DomainName { get; set; }

    /// <summary>The first label of the domain name.</summary>
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }

    /// <summary>Method, path, protocol, source IP and user agent.</summary>
    [JsonPropertyName("http")] public HttpDescription? Http { get; set; }

    /// <summary>The request id.</summary>
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }

    /// <summary>The route that matched.</summary>
    [JsonPropertyName("routeKey")] public string? RouteKey { get; set; }

    /// <summary>The stage name, e.g. <c>$default</c>.</summary>
    [JsonPropertyName("stage")] public string? Stage { get; set; }

    /// <summary>When, as <c>dd/MMM/yyyy:HH:mm:ss +0000</c>.</summary>
    [JsonPropertyName("time")] public string? Time { get; set; }

    /// <summary>When, in Unix milliseconds.</summary>
    [JsonPropertyName("timeEpoch")] public long? TimeEpoch { get; set; }

    /// <summary>Fields this type does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>requestContext.http</c> of a payload 2.0 event.</summary>
public sealed class HttpDescription
{
    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }

    /// <summary>The path.</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }

    /// <summary>e.g. <c>HTTP/1.1</c>.</summary>
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }

    /// <summary>The caller's IP address.</summary>
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }

    /// <summary>The User-Agent header.</summary>
    [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }

    /// <summary>Fields this type does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
