namespace AwsSim.ApiGateway;

/// <summary>The two kinds of API this course simulates.</summary>
public enum ApiProtocol
{
    /// <summary>A REST API (API Gateway v1): resources and methods, API keys and usage plans, payload format 1.0.</summary>
    Rest,

    /// <summary>An HTTP API (API Gateway v2): routes, a <c>$default</c> stage, payload format 2.0, cheaper.</summary>
    Http,
}
