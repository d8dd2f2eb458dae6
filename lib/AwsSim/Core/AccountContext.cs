namespace AwsSim;

/// <summary>
/// What every service of one account shares: where it is (Region, account id), simulated time, the seed, the prices and
/// the bill. <see cref="SimulatedAws"/> makes one and hands it to each service it builds; services never see the account
/// itself, so a service depends only on what its constructor names.
/// </summary>
internal sealed class AccountContext(string region, string accountId, int seed, SimulatedClock clock, PriceList prices, Bill bill)
{
    public string Region { get; } = region;

    public string AccountId { get; } = accountId;

    public int Seed { get; } = seed;

    public SimulatedClock Clock { get; } = clock;

    public PriceList Prices { get; } = prices;

    public Bill Bill { get; } = bill;

    /// <summary>An ARN in this account and Region: <c>arn:aws:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;resource&gt;</c>.</summary>
    public string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{AccountId}:{resource}";
}
