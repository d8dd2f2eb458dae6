using AwsSim.ApiGateway;
using AwsSim.Batch;
using AwsSim.Ecs;
using AwsSim.EventBridge;
using AwsSim.Lambda;

namespace AwsSim;

/// <summary>
/// Everything an account is built with: where it is, when its clock starts, its seed, its prices, and each service's
/// options. <c>new SimulatedAws(new SimulatedAwsOptions { Ecs = new() { TaskStartDelay = … } })</c>. Every field is
/// checked once, when the account is built (<see cref="AwsValidationException"/> naming the field), and cannot change after.
/// </summary>
public sealed record SimulatedAwsOptions
{
    /// <summary>The Region, e.g. <c>us-east-1</c> (the price list is for us-east-1).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The 12-digit account id used in ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>When the simulated clock starts; <see cref="SimulatedClock.DefaultStart"/> when null.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The seed for everything random (cold-start jitter, Spot interruptions, injected failures).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The price list; the course's own when null.</summary>
    public PriceList? Prices { get; init; }

    /// <summary>AWS Lambda's account settings and simulation choices.</summary>
    public LambdaOptions Lambda { get; init; } = new();

    /// <summary>EventBridge: the (opt-in) event log.</summary>
    public EventBridgeOptions Events { get; init; } = new();

    /// <summary>API Gateway's account settings.</summary>
    public ApiGatewayOptions ApiGateway { get; init; } = new();

    /// <summary>ECS timings and Spot interruptions.</summary>
    public EcsOptions Ecs { get; init; } = new();

    /// <summary>AWS Batch timings.</summary>
    public BatchOptions Batch { get; init; } = new();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Region)) throw new AwsValidationException("Region", Region, "a Region name such as us-east-1");
        if (AccountId is null || AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new AwsValidationException("accountId", AccountId, "must be 12 digits");
        }
        Lambda.Validate();
        Events.Validate();
        ApiGateway.Validate();
        Ecs.Validate();
        Batch.Validate();
    }
}
