using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.ApiGateway;

/// <summary>
/// The event a REST API's Lambda proxy integration sends to a function (payload format 1.0), in AWS's exact JSON
/// (aws-facts §2.2). HTTP APIs using format 1.0 send the same shape with <c>"version": "1.0"</c>.
/// </summary>
[AwsEvent("apigateway-rest-request", "resource", "httpMethod", "requestContext")]
public sealed class ApiGatewayProxyRequest
{
    /// <summary>"1.0" when an HTTP API sends this format; absent from REST APIs.</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }

    /// <summary>The resource template that matched, e.g. <c>/items/{id}</c> or <c>/{proxy+}</c>.</summary>
    [JsonPropertyName("resource")] public string? Resource { get; set; }

    /// <summary>The request path without the stage, e.g. <c>/items/42</c>.</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }

    /// <summary>The HTTP method, e.g. <c>GET</c>.</summary>
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }

    /// <summary>Headers as sent (names keep their case); a repeated header shows its last value.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Every header with all its values.</summary>
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }

    /// <summary>Query string parameters; a repeated one shows its last value.</summary>
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Every query string parameter with all its values.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")] public Dictionary<string, List<string>>? MultiValueQueryStringParameters { get; set; }

    /// <summary>Path parameters from the template, e.g. <c>{"id": "42"}</c> or <c>{"proxy": "a/b"}</c>.</summary>
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; set; }

    /// <summary>The stage's variables.</summary>
    [JsonPropertyName("stageVariables")] public Dictionary<string, string>? StageVariables { get; set; }

    /// <summary>Who called, which API, stage and request.</summary>
    [JsonPropertyName("requestContext")] public ProxyRequestContext? RequestContext { get; set; }

    /// <summary>The body as a string (Base64 when <see cref="IsBase64Encoded"/>), or null.</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is Base64 (a binary media type).</summary>
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }

    /// <summary>Fields this type does not name, kept so a round trip loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The <c>requestContext</c> of a payload 1.0 event.</summary>
public sealed class ProxyRequestContext
{
    /// <summary>The API owner's account id.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }

    /// <summary>The API id, e.g. <c>a1b2c3d4e5</c>.</summary>
    [JsonPropertyName("apiId")] public string? ApiId { get; set; }

    /// <summary>What an authorizer returned (free-form).</summary>
    [JsonPropertyName("authorizer")] public Dictionary<string, JsonElement>? Authorizer { get; set; }

    /// <summary>e.g. <c>a1b2c3d4e5.execute-api.us-east-1.amazonaws.com</c>.</summary>
    [JsonPropertyName("domainName")] public string? DomainName { get; set; }

    /// <summary>The first label of the domain name.</summary>
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }

    /// <summary>API Gateway's own request id (Base64-like).</summary>
    [JsonPropertyName("extendedRequestId")] public string? ExtendedRequestId { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }

    /// <summary>The caller.</summary>
    [JsonPropertyName("identity")] public RequestIdentity? Identity { get; set; }

    /// <summary>The path including the stage, e.g. <c>/prod/items/42</c>.</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }

    /// <summary>e.g. <c>HTTP/1.1</c>.</summary>
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }

    /// <summary>The request id (a UUID).</summary>
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }

    /// <summary>When, as <c>dd/MMM/yyyy:HH:mm:ss +0000</c>.</summary>
    [JsonPropertyName("requestTime")] public string? RequestTime { get; set; }

    /// <summary>When, in Unix milliseconds.</summary>
    [JsonPropertyName("requestTimeEpoch")] public long? RequestTimeEpoch { get; set; }

    /// <summary>The resource's id.</summary>
    [JsonPropertyName("resourceId")] public string? ResourceId { get; set; }

    /// <summary>The resource template.</summary>
    [JsonPropertyName("resourcePath")] public string? ResourcePath { get; set; }

    /// <summary>The stage name.</summary>
    [JsonPropertyName("stage")] public string? Stage { get; set; }

    /// <summary>Fields this type does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The caller's identity in a payload 1.0 event.</summary>
public sealed class RequestIdentity
{
    /// <summary>The caller's IP address.</summary>
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }

    /// <summary>The User-Agent header.</summary>
    [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }

    /// <summary>The API key the caller sent (when the method requires one).</summary>
    [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }

    /// <summary>The id of that API key.</summary>
    [JsonPropertyName("apiKeyId")] public string? ApiKeyId { get; set; }

    /// <summary>Fields this type does not name (cognito*, caller, user, clientCert…).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
