using AwsSim;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.bill</c>: compute a month's Lambda bill by hand.</summary>
public static class LambdaBill
{
    /// <summary>Reference answer: requests and GB-seconds, each less its free allowance, times its price.</summary>
    public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)
    {
        var prices = PriceList.Default;
        var billedSeconds = (decimal)Math.Ceiling(durationMs) / 1000m;
        var gbSeconds = requests * (memoryMb / 1024m) * billedSeconds;
        var paidRequests = Math.Max(0, requests - 1_000_000);
        var paidGbSeconds = Math.Max(0, gbSeconds - 400_000m);
        var cost = paidRequests * prices.Get("lambda.requests").Price
                 + paidGbSeconds * prices.Get("lambda.duration.x86_64.tier1").Price;
        return Math.Round(cost, 2, MidpointRounding.AwayFromZero);
    }
}
