using AwsSim;

namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.bill</c>: compute a month's API Gateway bill.</summary>
public static class ApiBill
{
    /// <summary>Reference answer: the requests in each tier times its price, less the free million.</summary>
    public static decimal MonthlyCost(long requests, bool httpApi, bool freeTier)
    {
        var tiers = PriceList.Default.WithPrefix(httpApi ? "apigateway.http." : "apigateway.rest.");
        decimal cost = 0;
        foreach (var t in tiers)
        {
            var start = t.TierStart ?? 0;
            var end = t.TierEnd ?? decimal.MaxValue;
            cost += Math.Max(0, Math.Min(requests, end) - start) * t.Price;
        }
        if (freeTier) cost -= Math.Min(requests, 1_000_000) * tiers[0].Price;
        return Math.Round(cost, 2, MidpointRounding.AwayFromZero);
    }
}
