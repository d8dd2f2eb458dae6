namespace AwsSim.ApiGateway;

/// <summary>
/// API Gateway's account settings. Pass them in <see cref="SimulatedAwsOptions.ApiGateway"/>; they are checked when the
/// account is built and fixed for its life.
/// </summary>
public sealed record ApiGatewayOptions
{
    /// <summary>AWS default: the free tier (1,000,000 REST and 1,000,000 HTTP calls a month for new accounts) applies (on).</summary>
    public bool FreeTier { get; init; } = true;

    /// <summary>Simulation choice: charge each request to <c>aws.Bill</c> (one line per request; on). Turn off for load tests.</summary>
    public bool ChargeRequests { get; init; } = true;

    /// <summary>AWS default: the account-level throttle, 10,000 requests per second with a burst of 5,000.</summary>
    public ThrottleSettings AccountThrottle { get; init; } = ThrottleSettings.Account;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(AccountThrottle, "ApiGateway.AccountThrottle");
        AccountThrottle.Validate("ApiGateway.AccountThrottle");
    }
}
