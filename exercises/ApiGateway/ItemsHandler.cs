namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.handler</c>: write the Lambda handler behind <c>GET /items/{id}</c> of a REST API.</summary>
public static class ItemsHandler
{
    /// <summary>
    /// API Gateway (REST, Lambda proxy integration) calls this with the event JSON (payload format 1.0). Return the
    /// proxy response JSON:
    /// <list type="bullet">
    /// <item>the id is in <c>pathParameters.id</c>; when <paramref name="items"/> has it, answer <c>statusCode</c> 200,
    /// header <c>Content-Type: application/json</c> and as body the JSON text <c>{"id":"&lt;id&gt;","name":"&lt;name&gt;"}</c>;</item>
    /// <item>when the query string has <c>format=text</c>, answer 200 with <c>Content-Type: text/plain</c> and the
    /// name alone as body;</item>
    /// <item>when the id is unknown, answer 404 with <c>Content-Type: application/json</c> and body
    /// <c>{"message":"no item &lt;id&gt;"}</c>.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// The body must be a <b>string</b> (serialize it), or API Gateway answers 502. Useful:
    /// <c>System.Text.Json.Nodes.JsonNode.Parse(eventJson)</c>, <c>node["pathParameters"]?["id"]</c>,
    /// <c>node["queryStringParameters"]?["format"]</c>, and <c>System.Text.Json.JsonSerializer.Serialize(new { … })</c>.
    /// </remarks>
    public static string Handle(string eventJson, IReadOnlyDictionary<string, string> items)
    {
        throw new NotImplementedException();
    }
}
