using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.ApiGateway;

/// <summary>
/// What a function behind a Lambda proxy integration (payload format 1.0) must return (aws-facts §2.2). Any other
/// shape makes a REST API answer 502.
/// </summary>
[AwsEvent("apigateway-rest-response", "statusCode")]
public sealed class ApiGatewayProxyResponse
{
    /// <summary>The HTTP status code for the caller.</summary>
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }

    /// <summary>Single-value headers.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Multi-value headers; merged with <see cref="Headers"/>, and they win on duplicates.</summary>
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }

    /// <summary>The body: must be a string (Base64 for binary, with <see cref="IsBase64Encoded"/>).</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is Base64.</summary>
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }

    /// <summary>Fields this type does not name.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
