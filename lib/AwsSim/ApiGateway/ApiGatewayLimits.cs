namespace AwsSim.ApiGateway;

/// <summary>API Gateway's quotas and defaults that the simulation enforces (aws-facts §4).</summary>
public static class ApiGatewayLimits
{
    /// <summary>Largest request payload: 10 MB (read as 10 × 1,024 × 1,024 bytes) for REST and HTTP APIs.</summary>
    public const long MaxPayloadBytes = 10L * 1024 * 1024;

    /// <summary>Largest total size of a request's headers (names and values): 10,240 bytes.</summary>
    public const int MaxHeaderBytes = 10_240;

    /// <summary>A REST API's default (and, before 2024-06-04, maximum) integration timeout: 29 s.</summary>
    public static readonly TimeSpan RestIntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>An HTTP API's maximum integration timeout: 30 s.</summary>
    public static readonly TimeSpan HttpIntegrationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The shortest integration timeout: 50 ms.</summary>
    public static readonly TimeSpan MinIntegrationTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>Account-level steady-state throttle per Region: 10,000 requests per second.</summary>
    public const double AccountRateLimit = 10_000;

    /// <summary>Account-level burst (token bucket size) per Region: 5,000 requests.</summary>
    public const int AccountBurstLimit = 5_000;

    /// <summary>An API key's value: 20 to 128 characters (letters and digits here).</summary>
    public const int MinApiKeyLength = 20;

    /// <summary>An API key's value: at most 128 characters.</summary>
    public const int MaxApiKeyLength = 128;

    /// <summary>At most 100 stage variables per stage.</summary>
    public const int MaxStageVariables = 100;

    /// <summary>At most 10 stages per API.</summary>
    public const int MaxStagesPerApi = 10;
}
