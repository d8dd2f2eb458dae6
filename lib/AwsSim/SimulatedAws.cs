namespace AwsSim;

/// <summary>
/// One simulated AWS account in one Region: the services, the clock they share and the bill they charge to.
/// Start every lesson with <c>var aws = new SimulatedAws();</c>.
/// </summary>
/// <remarks>
/// Everything is deterministic: time only moves when you call <c>aws.Clock.Advance(…)</c>, identifiers are counters,
/// and anything random takes its seed from <see cref="Seed"/>.
/// </remarks>
public sealed partial class SimulatedAws
{
    /// <summary>Creates an account.</summary>
    /// <param name="region">The Region, e.g. <c>us-east-1</c> (the price list is for us-east-1).</param>
    /// <param name="accountId">The 12-digit account id used in ARNs.</param>
    /// <param name="start">When the simulated clock starts; <see cref="SimulatedClock.DefaultStart"/> by default.</param>
    /// <param name="seed">The seed for everything random (cold-start jitter, Spot interruptions, injected failures).</param>
    /// <param name="prices">The price list; the course's own by default.</param>
    public SimulatedAws(string region = "us-east-1", string accountId = "123456789012", DateTimeOffset? start = null, int seed = 42, PriceList? prices = null)
    {
        if (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new AwsValidationException("accountId", accountId, "must be 12 digits");
        }
        Region = region;
        AccountId = accountId;
        Seed = seed;
        Clock = new SimulatedClock(start);
        Prices = prices ?? PriceList.Default;
        Bill = new Bill();
    }

    /// <summary>The Region, e.g. <c>us-east-1</c>.</summary>
    public string Region { get; }

    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; }

    /// <summary>The seed everything random derives from.</summary>
    public int Seed { get; }

    /// <summary>Simulated time, shared by every service.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>The prices every charge uses.</summary>
    public PriceList Prices { get; }

    /// <summary>Every charge the account has run up.</summary>
    public Bill Bill { get; }
}
