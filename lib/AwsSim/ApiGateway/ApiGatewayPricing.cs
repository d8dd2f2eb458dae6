namespace AwsSim.ApiGateway;

/// <summary>
/// Prices API Gateway requests: REST APIs in four volume tiers ($3.50, $2.80, $2.38, $1.51 per million), HTTP APIs
/// in two ($1.00, $0.90 per million; a request counts once per started 512 KB), with the free tier of 1 million
/// calls a month of each kind for a new account's first 12 months (aws-facts §4; prices in prices.json).
/// </summary>
/// <remarks>Pure functions: no account or clock needed.</remarks>
public static class ApiGatewayPricing
{
    /// <summary>The service name on bills.</summary>
    public const string Service = "Amazon API Gateway";

    /// <summary>HTTP API metering step: 512 KB.</summary>
    public const long HttpMeteringBytes = 512 * 1024;

    /// <summary>How many requests one HTTP API request counts as: one per started 512 KB (at least 1).</summary>
    public static long HttpBilledRequests(long payloadBytes)
    {
        Validate.NonNegative("payloadBytes", payloadBytes, "bytes");
        return Math.Max(1, (payloadBytes + HttpMeteringBytes - 1) / HttpMeteringBytes);
    }

    /// <summary>The price list prefix of a protocol's tiers: <c>apigateway.rest.</c> or <c>apigateway.http.</c>.</summary>
    public static string Prefix(ApiProtocol protocol) => protocol == ApiProtocol.Rest ? "apigateway.rest." : "apigateway.http.";

    /// <summary>The usage type on bills: "REST API requests" or "HTTP API requests".</summary>
    public static string UsageName(ApiProtocol protocol) => protocol == ApiProtocol.Rest ? "REST API requests" : "HTTP API requests";

    /// <summary>The tier that prices the request after <paramref name="requestsSoFar"/> requests this month.</summary>
    public static PriceEntry TierFor(ApiProtocol protocol, long requestsSoFar, PriceList? prices = null)
    {
        var tiers = (prices ?? PriceList.Default).WithPrefix(Prefix(protocol));
        return tiers.LastOrDefault(t => (t.TierStart ?? 0) <= requestsSoFar) ?? tiers[0];
    }

    /// <summary>A month's bill for <paramref name="requests"/> billed requests of one kind.</summary>
    /// <param name="protocol">REST or HTTP.</param>
    /// <param name="requests">Billed requests in the month (for HTTP, after 512 KB metering).</param>
    /// <param name="freeTier">Apply the free tier (1,000,000 calls a month). On by default.</param>
    /// <param name="prices">Prices to use; the course's price list by default.</param>
    public static Bill MonthlyBill(ApiProtocol protocol, long requests, bool freeTier = true, PriceList? prices = null)
    {
        Validate.NonNegative("requests", requests, "requests");
        prices ??= PriceList.Default;
        var bill = new Bill();
        var tiers = prices.WithPrefix(Prefix(protocol));
        foreach (var tier in tiers)
        {
            var start = tier.TierStart ?? 0;
            var end = tier.TierEnd ?? decimal.MaxValue;
            var inTier = Math.Max(0, Math.Min(requests, end) - start);
            if (inTier > 0) bill.Add(LineItem.From(tier, $"{UsageName(protocol)}, {TierName(tier)}", inTier));
        }
        if (freeTier)
        {
            var free = Math.Min(requests, prices.GetAllowance("apigateway.free.requests").Quantity);
            if (free > 0) bill.Add(LineItem.From(tiers[0], $"Free tier: {UsageName(protocol)}", -free, "first 1,000,000 calls a month free (new accounts, 12 months)"));
        }
        return bill;
    }

    /// <summary>A month's bill for REST and HTTP API requests together.</summary>
    public static Bill MonthlyBill(long restRequests, long httpRequests, bool freeTier = true, PriceList? prices = null)
    {
        var bill = new Bill();
        if (restRequests > 0) bill.AddRange(MonthlyBill(ApiProtocol.Rest, restRequests, freeTier, prices).Items);
        if (httpRequests > 0) bill.AddRange(MonthlyBill(ApiProtocol.Http, httpRequests, freeTier, prices).Items);
        return bill;
    }

    /// <summary>The month's cost in USD (exact, not rounded).</summary>
    public static decimal MonthlyCost(ApiProtocol protocol, long requests, bool freeTier = true, PriceList? prices = null)
        => MonthlyBill(protocol, requests, freeTier, prices).Total;

    private static string TierName(PriceEntry tier) => "tier " + tier.Key[^1];
}
