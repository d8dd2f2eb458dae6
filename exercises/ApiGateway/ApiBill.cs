namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.bill</c>: compute a month's API Gateway bill.</summary>
public static class ApiBill
{
    /// <summary>
    /// An API receives <paramref name="requests"/> requests in a month. Return the month's cost in USD, rounded to
    /// cents, for a REST API (<paramref name="httpApi"/> false) or an HTTP API (true), with or without the free tier.
    /// </summary>
    /// <remarks>
    /// REST API: $3.50 per million for the first 333 million, $2.80 per million for the next 667 million, $2.38 per
    /// million for the next 19 billion, $1.51 per million above 20 billion. HTTP API: $1.00 per million for the first
    /// 300 million, $0.90 per million above. Free tier: the first 1,000,000 requests of the month are free (priced
    /// at the first tier). Prices are in <c>AwsSim.PriceList.Default</c>: <c>WithPrefix("apigateway.rest.")</c> gives
    /// the tiers with <c>TierStart</c>/<c>TierEnd</c>. Round with <c>Math.Round(x, 2, MidpointRounding.AwayFromZero)</c>.
    /// </remarks>
    public static decimal MonthlyCost(long requests, bool httpApi, bool freeTier)
    {
        throw new NotImplementedException();
    }
}
