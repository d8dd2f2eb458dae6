using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.ApiGateway;

/// <summary>
/// A function's response to an HTTP API with payload format 2.0 (aws-facts §2.3). Each cookie becomes a
/// <c>set-cookie</c> header. A function may also return any other valid JSON without <c>statusCode</c>: API Gateway
/// then answers 200 with <c>content-type: application/json</c> and that JSON as the body.
/// </summary>
[AwsEvent("apigateway-http-response", "statusCode", "cookies")]
public sealed class HttpApiResponse
{
    /// <summary>Cookies to set, one <c>set-cookie</c> header each.</summary>
    [JsonPropertyName("cookies")] public List<string>? Cookies { get; set; }

    /// <summary>True when <see cref="Body"/> is Base64.</summary>
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }

    /// <summary>Headers.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The body.</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>Fields this type does not name (e.g. a <c>multiValueHeaders</c> the 2.0 format does not define).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
