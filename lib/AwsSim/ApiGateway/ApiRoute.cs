namespace AwsSim.ApiGateway;

/// <summary>
/// One route (HTTP API) or one method on a resource (REST API): an HTTP method (or <c>ANY</c>) on a path template,
/// integrated with a Lambda function through a proxy integration.
/// </summary>
public sealed class ApiRoute
{
    internal ApiRoute(string id, string method, RoutePattern path, string functionName, bool apiKeyRequired, TimeSpan timeout)
    {
        Id = id;
        Method = method;
        Path = path;
        FunctionName = functionName;
        ApiKeyRequired = apiKeyRequired;
        IntegrationTimeout = timeout;
    }

    /// <summary>The route's (or resource's) id.</summary>
    public string Id { get; }

    /// <summary>The HTTP method, upper case, or <c>ANY</c>; <c>$default</c> for an HTTP API's catch-all route.</summary>
    public string Method { get; }

    /// <summary>The path template.</summary>
    public RoutePattern Path { get; }

    /// <summary>The Lambda function the proxy integration calls.</summary>
    public string FunctionName { get; }

    /// <summary>REST only: callers must send a valid key in <c>x-api-key</c>.</summary>
    public bool ApiKeyRequired { get; }

    /// <summary>How long API Gateway waits for the function before answering with a timeout.</summary>
    public TimeSpan IntegrationTimeout { get; }

    /// <summary>True for an HTTP API's <c>$default</c> route.</summary>
    public bool IsDefault => Method == "$default";

    /// <summary>The route key as HTTP APIs write it: <c>GET /items/{id}</c>, or <c>$default</c>.</summary>
    public string RouteKey => IsDefault ? "$default" : $"{Method} {Path.Template}";

    /// <summary>The key REST method settings use: <c>/items/{id}/GET</c>.</summary>
    public string MethodSettingsKey => $"{Path.Template.TrimEnd('/')}/{Method}";

    /// <inheritdoc />
    public override string ToString() => RouteKey + " → " + FunctionName;
}
