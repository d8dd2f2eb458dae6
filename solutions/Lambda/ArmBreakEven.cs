using AwsSim;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.arm-breakeven</c>: when does moving to arm64 pay?</summary>
public static class ArmBreakEven
{
    /// <summary>Reference answer: savings per request = GB-s per request × the difference in rates; divide, round up.</summary>
    public static long RequestsToSave(int memoryMb, double durationMs, decimal savingsUsd)
    {
        var prices = PriceList.Default;
        var gbSecondsPerRequest = memoryMb / 1024m * (decimal)Math.Ceiling(durationMs) / 1000m;
        var saved = gbSecondsPerRequest * (prices.Get("lambda.duration.x86_64.tier1").Price - prices.Get("lambda.duration.arm64.tier1").Price);
        return Math.Max(1, (long)Math.Ceiling(savingsUsd / saved));
    }
}
