using System.Text;

namespace AwsSim.ApiGateway;

/// <summary>
/// What the caller gets back from API Gateway, plus what happened on the way (for learning and tests): which route
/// matched, the exact event sent to the function and what it returned, and, when API Gateway answered itself, which
/// gateway response it was (e.g. <c>THROTTLED</c>).
/// </summary>
public sealed record ApiResponse
{
    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>Response headers in order (a name may repeat, e.g. Set-Cookie).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The body bytes.</summary>
    public required byte[] Body { get; init; }

    /// <summary>API Gateway's own answer type (REST gateway response names, e.g. <c>THROTTLED</c>, <c>MISSING_AUTHENTICATION_TOKEN</c>), or null when the function's response was passed on.</summary>
    public string? GatewayResponseType { get; init; }

    /// <summary>The route that matched, or null.</summary>
    public ApiRoute? Route { get; init; }

    /// <summary>The request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The event JSON sent to the function, or null when no function was called.</summary>
    public string? IntegrationEvent { get; init; }

    /// <summary>What the function returned, or null.</summary>
    public string? IntegrationResponse { get; init; }

    /// <summary>How long the integration took (the function's simulated duration), or null.</summary>
    public TimeSpan? IntegrationLatency { get; init; }

    /// <summary>Why the function's response was rejected, when it was (e.g. "body must be a string").</summary>
    public string? Problem { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The first value of a header (case-insensitive), or null.</summary>
    public string? Header(string name)
        => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Every value of a header (case-insensitive).</summary>
    public IReadOnlyList<string> HeaderValues(string name)
        => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {BodyText}";
}

/// <summary>
/// The answers API Gateway gives by itself, with AWS's default status codes (aws-facts §4 table; HTTP API texts from
/// the HTTP API developer guide). Bodies marked UNCONFIRMED are the commonly seen texts, not in the fact sheet.
/// </summary>
public static class GatewayResponses
{
    /// <summary>REST: unknown resource, method or stage → 403 <c>{"message":"Missing Authentication Token"}</c>.</summary>
    public static ApiResponse MissingAuthenticationToken() => Json(403, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token");

    /// <summary>HTTP API: no route (and no $default route) or no stage → 404 <c>{"message":"Not Found"}</c>.</summary>
    public static ApiResponse NotFound() => Json(404, "RESOURCE_NOT_FOUND", "Not Found");

    /// <summary>REST: missing or invalid API key → 403 (INVALID_API_KEY). Body text UNCONFIRMED ("Forbidden").</summary>
    public static ApiResponse InvalidApiKey() => Json(403, "INVALID_API_KEY", "Forbidden");

    /// <summary>A token bucket ran dry → 429 (THROTTLED). Body text UNCONFIRMED ("Too Many Requests").</summary>
    public static ApiResponse Throttled() => Json(429, "THROTTLED", "Too Many Requests");

    /// <summary>A usage plan's quota is used up → 429 (QUOTA_EXCEEDED). Body text UNCONFIRMED ("Limit Exceeded").</summary>
    public static ApiResponse QuotaExceeded() => Json(429, "QUOTA_EXCEEDED", "Limit Exceeded");

    /// <summary>Payload above 10 MB → 413 (REQUEST_TOO_LARGE). Body text UNCONFIRMED ("Request Too Long").</summary>
    public static ApiResponse RequestTooLarge() => Json(413, "REQUEST_TOO_LARGE", "Request Too Long");

    /// <summary>REST: the function's response is not a valid proxy response, or the function failed → 502 <c>{"message": "Internal server error"}</c>.</summary>
    public static ApiResponse MalformedProxyResponse(string problem) => Json(502, "DEFAULT_5XX", "Internal server error") with { Problem = problem };

    /// <summary>HTTP API: the Lambda integration failed → 500 <c>{"message":"Internal Server Error"}</c> (http-api-troubleshooting-lambda).</summary>
    public static ApiResponse HttpInternalServerError(string problem) => Json(500, "DEFAULT_5XX", "Internal Server Error") with { Problem = problem };

    /// <summary>REST: the integration took longer than its timeout → 504 (INTEGRATION_TIMEOUT). Body text UNCONFIRMED ("Endpoint request timed out").</summary>
    public static ApiResponse RestTimeout() => Json(504, "INTEGRATION_TIMEOUT", "Endpoint request timed out");

    /// <summary>
    /// HTTP API: the integration took longer than its timeout → 503 <c>{"message":"Service Unavailable"}</c>. The
    /// status is as observed by users (serverless/serverless issue #11222: "getting a 503 with a successful lambda
    /// execution"); the body text is UNCONFIRMED.
    /// </summary>
    public static ApiResponse HttpTimeout() => Json(503, "INTEGRATION_TIMEOUT", "Service Unavailable");

    /// <summary>A JSON <c>{"message": …}</c> answer from API Gateway itself.</summary>
    public static ApiResponse Json(int status, string type, string message) => new()
    {
        StatusCode = status,
        Headers = [new("Content-Type", "application/json")],
        Body = Encoding.UTF8.GetBytes("{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message) + "}"),
        GatewayResponseType = type,
    };
}
