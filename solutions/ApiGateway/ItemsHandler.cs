using System.Text.Json;
using System.Text.Json.Nodes;

namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.handler</c>: write the Lambda handler behind <c>GET /items/{id}</c> of a REST API.</summary>
public static class ItemsHandler
{
    /// <summary>Reference answer: read the path and query parameters, answer with a payload 1.0 proxy response.</summary>
    public static string Handle(string eventJson, IReadOnlyDictionary<string, string> items)
    {
        var e = JsonNode.Parse(eventJson)!;
        var id = (string?)e["pathParameters"]?["id"] ?? "";
        var format = (string?)e["queryStringParameters"]?["format"];
        if (!items.TryGetValue(id, out var name))
            return Response(404, "application/json", JsonSerializer.Serialize(new { message = $"no item {id}" }));
        return format == "text"
            ? Response(200, "text/plain", name)
            : Response(200, "application/json", JsonSerializer.Serialize(new { id, name }));
    }

    private static string Response(int statusCode, string contentType, string body)
        => JsonSerializer.Serialize(new
        {
            statusCode,
            headers = new Dictionary<string, string> { ["Content-Type"] = contentType },
            body,
            isBase64Encoded = false,
        });
}
