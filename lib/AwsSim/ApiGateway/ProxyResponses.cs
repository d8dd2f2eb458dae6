using System.Text;
using System.Text.Json;

namespace AwsSim.ApiGateway;

/// <summary>A function's proxy response turned into what the caller receives.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Headers">Headers in order (names may repeat).</param>
/// <param name="Body">The body bytes (Base64 already decoded when it applies).</param>
public sealed record MappedResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// Maps a function's output back to an HTTP response the way API Gateway does: the strict payload 1.0 shape for REST
/// APIs (anything else is a malformed response, 502) and the forgiving 2.0 rules for HTTP APIs (valid JSON without
/// <c>statusCode</c> becomes a 200 with that JSON as body).
/// </summary>
internal static class ProxyResponses
{
    private static readonly HashSet<string> s_v1Fields = new(StringComparer.Ordinal) { "statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded" };

    /// <summary>
    /// Payload 1.0 (REST). Returns the response, or the problem that makes it malformed (→ 502). Headers and
    /// multiValueHeaders are merged, multiValueHeaders winning on duplicates; a Base64 body is decoded when the
    /// request's Accept or the response's Content-Type is one of the API's binary media types.
    /// </summary>
    public static (MappedResponse? Response, string? Problem) MapV1(string? payload, IReadOnlyList<string>? binaryMediaTypes = null, string? accept = null)
    {
        using var doc = TryParse(payload, out var problem);
        if (doc is null) return (null, problem);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return (null, $"the response must be a JSON object, not {Kind(root)}");
        foreach (var p in root.EnumerateObject())
        {
            if (!s_v1Fields.Contains(p.Name)) return (null, $"unexpected field '{p.Name}' (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)");
        }
        if (!root.TryGetProperty("statusCode", out var sc)) return (null, "statusCode is missing");
        if (!TryStatus(sc, out var status, out problem)) return (null, problem);
        var headers = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("headers", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            if (h.ValueKind != JsonValueKind.Object) return (null, "headers must be an object of strings");
            foreach (var p in h.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) return (null, $"headers.{p.Name} must be a string, not {Kind(p.Value)}");
                headers.Add(new(p.Name, p.Value.GetString()!));
            }
        }
        if (root.TryGetProperty("multiValueHeaders", out var mh) && mh.ValueKind != JsonValueKind.Null)
        {
            if (mh.ValueKind != JsonValueKind.Object) return (null, "multiValueHeaders must be an object of string arrays");
            foreach (var p in mh.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                    return (null, $"multiValueHeaders.{p.Name} must be an array of strings");
                // multiValueHeaders win on duplicates (aws-facts §2.2).
                headers.RemoveAll(x => string.Equals(x.Key, p.Name, StringComparison.OrdinalIgnoreCase));
                headers.AddRange(p.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(p.Name, v.GetString()!)));
            }
        }
        if (!TryBody(root, out var body, out problem)) return (null, problem);
        if (!TryBool(root, out var base64, out problem)) return (null, problem);
        if (!headers.Any(x => string.Equals(x.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("Content-Type", "application/json"));
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        var types = binaryMediaTypes ?? Array.Empty<string>();
        if (base64 && (ProxyEvents.IsBinary(accept, types) || ProxyEvents.IsBinary(headers.First(x => string.Equals(x.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value, types)))
        {
            if (!TryBase64(body ?? "", out bytes)) return (null, "isBase64Encoded is true but body is not valid Base64");
        }
        return (new MappedResponse(status, headers, bytes), null);
    }

    /// <summary>
    /// Payload 2.0 (HTTP API). Returns the response, or the problem (→ 500 Internal Server Error). Valid JSON without
    /// <c>statusCode</c> means 200, <c>content-type: application/json</c>, and the JSON as body (a JSON string's
    /// value as is). Each cookie becomes a <c>set-cookie</c> header.
    /// </summary>
    public static (MappedResponse? Response, string? Problem) MapV2(string? payload)
    {
        using var doc = TryParse(payload, out var problem);
        if (doc is null) return (null, problem);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var sc))
        {
            var text = root.ValueKind == JsonValueKind.String ? root.GetString()! : payload!.Trim();
            return (new MappedResponse(200, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(text)), null);
        }
        if (!TryStatus(sc, out var status, out problem)) return (null, problem);
        var headers = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("headers", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            if (h.ValueKind != JsonValueKind.Object) return (null, "headers must be an object of strings");
            foreach (var p in h.EnumerateObject())
            {
                if (p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                    return (null, $"headers.{p.Name} must be a string");
                headers.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
            }
        }
        if (root.TryGetProperty("cookies", out var ck) && ck.ValueKind != JsonValueKind.Null)
        {
            if (ck.ValueKind != JsonValueKind.Array || ck.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                return (null, "cookies must be an array of strings");
            headers.AddRange(ck.EnumerateArray().Select(v => new KeyValuePair<string, string>("set-cookie", v.GetString()!)));
        }
        if (!TryBody(root, out var body, out problem)) return (null, problem);
        if (!TryBool(root, out var base64, out problem)) return (null, problem);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (base64 && !TryBase64(body ?? "", out bytes)) return (null, "isBase64Encoded is true but body is not valid Base64");
        return (new MappedResponse(status, headers, bytes), null);
    }

    private static JsonDocument? TryParse(string? payload, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(payload)) { problem = "the function returned nothing"; return null; }
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            problem = "the function's output is not valid JSON: " + ex.Message.Split('\n')[0];
            return null;
        }
    }

    private static bool TryStatus(JsonElement sc, out int status, out string? problem)
    {
        status = 0;
        problem = null;
        if (sc.ValueKind == JsonValueKind.Number && sc.TryGetInt32(out status) && status is >= 100 and <= 599) return true;
        problem = $"statusCode must be a whole number from 100 to 599, not {Kind(sc)} {sc.GetRawText()}";
        return false;
    }

    private static bool TryBody(JsonElement root, out string? body, out string? problem)
    {
        body = null;
        problem = null;
        if (!root.TryGetProperty("body", out var b) || b.ValueKind == JsonValueKind.Null) return true;
        if (b.ValueKind == JsonValueKind.String) { body = b.GetString(); return true; }
        problem = $"body must be a string, not {Kind(b)} (serialize objects with JSON.stringify / JsonSerializer.Serialize)";
        return false;
    }

    private static bool TryBool(JsonElement root, out bool value, out string? problem)
    {
        value = false;
        problem = null;
        if (!root.TryGetProperty("isBase64Encoded", out var b) || b.ValueKind == JsonValueKind.Null) return true;
        if (b.ValueKind is JsonValueKind.True or JsonValueKind.False) { value = b.GetBoolean(); return true; }
        problem = $"isBase64Encoded must be true or false, not {Kind(b)}";
        return false;
    }

    private static bool TryBase64(string s, out byte[] bytes)
    {
        bytes = new byte[s.Length];
        if (Convert.TryFromBase64String(s, bytes, out var n)) { bytes = bytes[..n]; return true; }
        bytes = Array.Empty<byte>();
        return false;
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
