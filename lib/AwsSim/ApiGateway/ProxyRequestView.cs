using System.Text;
using System.Text.Json.Nodes;

namespace AwsSim.ApiGateway;

/// <summary>
/// Reads the parts a handler usually needs from either proxy event (payload 1.0 or 2.0), so one C# handler can sit
/// behind a REST API and an HTTP API.
/// </summary>
public sealed class ProxyRequestView
{
    private readonly JsonObject _root;

    private ProxyRequestView(JsonObject root) => _root = root;

    /// <summary>Parses an event; throws <see cref="System.Text.Json.JsonException"/> for anything that is not a JSON object.</summary>
    public static ProxyRequestView Parse(string eventJson)
        => new(AwsJson.Parse(eventJson) as JsonObject ?? throw new System.Text.Json.JsonException("A proxy event is a JSON object."));

    /// <summary>"1.0" or "2.0".</summary>
    public string Version => (string?)_root["version"] == "2.0" ? "2.0" : "1.0";

    /// <summary>The HTTP method.</summary>
    public string Method => (string?)_root["httpMethod"] ?? (string?)_root["requestContext"]?["http"]?["method"] ?? "GET";

    /// <summary>The path (1.0: without the stage; 2.0: the raw path).</summary>
    public string Path => (string?)_root["path"] ?? (string?)_root["rawPath"] ?? "/";

    /// <summary>The matched resource template (1.0 <c>resource</c>; 2.0 the path part of <c>routeKey</c>, or <c>$default</c>).</summary>
    public string Resource => (string?)_root["resource"] ?? ((string?)_root["routeKey"] is { } rk ? rk.Split(' ')[^1] : Path);

    /// <summary>A path parameter, or null.</summary>
    public string? PathParameter(string name) => (string?)_root["pathParameters"]?[name];

    /// <summary>A query string parameter (2.0: repeated values comma-joined; 1.0: the last), or null.</summary>
    public string? Query(string name) => (string?)_root["queryStringParameters"]?[name];

    /// <summary>A header, matched case-insensitively, or null.</summary>
    public string? Header(string name)
        => _root["headers"] is JsonObject h ? h.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>() : null;

    /// <summary>A stage variable, or null.</summary>
    public string? StageVariable(string name) => (string?)_root["stageVariables"]?[name];

    /// <summary>The body bytes (Base64 decoded when the event says so), empty when none.</summary>
    public byte[] BodyBytes
    {
        get
        {
            var body = (string?)_root["body"];
            if (body is null) return Array.Empty<byte>();
            return (bool?)_root["isBase64Encoded"] == true ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        }
    }

    /// <summary>The body as text.</summary>
    public string BodyText => Encoding.UTF8.GetString(BodyBytes);

    /// <summary>The request id.</summary>
    public string? RequestId => (string?)_root["requestContext"]?["requestId"];

    /// <summary>
    /// A proxy response in the shape both formats accept: <c>{"statusCode", "headers", "body", "isBase64Encoded"}</c>.
    /// </summary>
    public static string Response(int statusCode, string body, string contentType = "application/json", bool isBase64Encoded = false, IReadOnlyDictionary<string, string>? headers = null)
    {
        var h = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Type"] = contentType };
        if (headers is not null) foreach (var (k, v) in headers) h[k] = v;
        return AwsJson.Serialize(new ApiGatewayProxyResponse { StatusCode = statusCode, Headers = h, Body = body, IsBase64Encoded = isBase64Encoded });
    }

    /// <summary>A JSON response: the value serialized as the body.</summary>
    public static string Json(int statusCode, object value) => Response(statusCode, System.Text.Json.JsonSerializer.Serialize(value, AwsJson.Options));
}
