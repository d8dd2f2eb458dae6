using System.Text.Json;

namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.malformed</c>: predict what the caller receives for a function's output.</summary>
public static class WhatTheCallerSees
{
    private const string RestError = "{\"message\":\"Internal server error\"}";
    private const string HttpError = "{\"message\":\"Internal Server Error\"}";
    private static readonly string[] s_v1Fields = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];

    /// <summary>Reference answer: the strict 1.0 shape for REST, the forgiving 2.0 rules for HTTP APIs.</summary>
    public static (int StatusCode, string Body) Answer(string functionOutput, bool httpApi)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(functionOutput);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return httpApi ? (500, HttpError) : (502, RestError);
        }
        return httpApi ? Http(root, functionOutput) : Rest(root);
    }

    private static (int, string) Rest(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (502, RestError);
        foreach (var p in root.EnumerateObject())
        {
            var ok = p.Name switch
            {
                "statusCode" => true,
                "headers" => p.Value.ValueKind == JsonValueKind.Null || (p.Value.ValueKind == JsonValueKind.Object && p.Value.EnumerateObject().All(h => h.Value.ValueKind == JsonValueKind.String)),
                "multiValueHeaders" => p.Value.ValueKind == JsonValueKind.Null || (p.Value.ValueKind == JsonValueKind.Object && p.Value.EnumerateObject().All(h => h.Value.ValueKind == JsonValueKind.Array && h.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))),
                "body" => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null,
                "isBase64Encoded" => p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null,
                _ => false,
            };
            if (!ok) return (502, RestError);
        }
        if (!root.TryGetProperty("statusCode", out var sc) || !Status(sc, out var status)) return (502, RestError);
        return (status, Body(root));
    }

    private static (int, string) Http(JsonElement root, string output)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var sc))
            return (200, root.ValueKind == JsonValueKind.String ? root.GetString()! : output.Trim());
        if (!Status(sc, out var status)) return (500, HttpError);
        if (root.TryGetProperty("body", out var b) && b.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return (500, HttpError);
        return (status, Body(root));
    }

    private static bool Status(JsonElement sc, out int status)
    {
        status = 0;
        return sc.ValueKind == JsonValueKind.Number && sc.TryGetInt32(out status) && status is >= 100 and <= 599;
    }

    private static string Body(JsonElement root)
        => root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
}
