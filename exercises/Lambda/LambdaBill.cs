namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.bill</c>: compute a month's Lambda bill by hand.</summary>
public static class LambdaBill
{
    /// <summary>
    /// A function on x86_64 runs <paramref name="requests"/> times a month, each run taking
    /// <paramref name="durationMs"/> milliseconds with <paramref name="memoryMb"/> MB of memory. Return the month's
    /// bill in USD, <b>with</b> the free tier (1,000,000 requests and 400,000 GB-seconds a month), rounded to cents.
    /// </summary>
    /// <remarks>
    /// Prices: $0.20 per million requests; $0.0000166667 per GB-second. Each run's duration is rounded <b>up</b> to a
    /// whole millisecond before it is billed. GB = MB / 1,024. The prices are in <c>AwsSim.PriceList.Default</c>:
    /// <c>PriceList.Default.Get("lambda.requests").Price</c> and <c>…Get("lambda.duration.x86_64.tier1").Price</c>.
    /// Round with <c>Math.Round(x, 2, MidpointRounding.AwayFromZero)</c>. Ignore the volume tiers (they start at
    /// 6 billion GB-s).
    /// </remarks>
    public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)
    {
        throw new NotImplementedException();
    }
}
