namespace Exercises.Choosing;

/// <summary>Exercise <c>choosing.cheapest-fit</c> (the capstone): recommend a service for an HTTP workload, with numbers.</summary>
public static class CheapestFit
{
    /// <summary>
    /// An HTTP service gets <paramref name="requests"/> requests a month; each takes <paramref name="durationMs"/>
    /// milliseconds of one vCPU (and <paramref name="memoryMb"/> MB on Lambda). Three ways to run it:
    /// <list type="bullet">
    /// <item><b>Lambda</b>: x86_64, <paramref name="memoryMb"/> MB, <b>no</b> free tier (use
    /// <c>AwsSim.Lambda.LambdaPricing.MonthlyBill(new LambdaUsage(...), freeTier: false).Total</c>). It does not fit
    /// when one request runs longer than Lambda's limit of 900,000 ms.</item>
    /// <item><b>Fargate</b>: <paramref name="servers"/> tasks of 1 vCPU / 2 GB running 730 hours (Linux x86_64 rates
    /// <c>fargate.linux.x86_64.vcpu</c> and <c>fargate.linux.x86_64.memory</c>). It fits when the average busy vCPUs
    /// (see below) are at most <paramref name="servers"/>.</item>
    /// <item><b>Lightsail</b>: <paramref name="servers"/> $12 bundles (<c>lightsail.linux.12</c>: 2 vCPUs, 2 GB). They are
    /// burstable with a 20% baseline per vCPU, so each bundle sustains 0.4 vCPU: it fits when the average busy vCPUs
    /// are at most 0.4 × <paramref name="servers"/>.</item>
    /// </list>
    /// Average busy vCPUs = requests × durationMs / 1000 / (730 × 3600). Return the cheapest service that fits
    /// ("Lambda", "Fargate" or "Lightsail") and its monthly cost rounded to cents; if none fits, ("none", 0).
    /// Prices: <c>AwsSim.PriceList.Default.Get(key).Price</c>.
    /// </summary>
    public static (string Service, decimal MonthlyUsd) Recommend(long requests, double durationMs, int memoryMb, int servers)
    {
        throw new NotImplementedException();
    }
}
