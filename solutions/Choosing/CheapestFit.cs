using AwsSim;
using AwsSim.Lambda;

namespace Exercises.Choosing;

/// <summary>Exercise <c>choosing.cheapest-fit</c> (the capstone): recommend a service for an HTTP workload, with numbers.</summary>
public static class CheapestFit
{
    /// <summary>Reference answer: price each service that fits, keep the cheapest.</summary>
    public static (string Service, decimal MonthlyUsd) Recommend(long requests, double durationMs, int memoryMb, int servers)
    {
        var prices = PriceList.Default;
        var busyVcpus = requests * (decimal)durationMs / 1000m / (730m * 3600m);
        var options = new List<(string Service, decimal Cost)>();
        if (durationMs <= 900_000)
        {
            options.Add(("Lambda", LambdaPricing.MonthlyBill(new LambdaUsage(requests, memoryMb, durationMs), freeTier: false).Total));
        }
        if (busyVcpus <= servers)
        {
            var hourly = prices.Get("fargate.linux.x86_64.vcpu").Price + 2 * prices.Get("fargate.linux.x86_64.memory").Price;
            options.Add(("Fargate", servers * 730 * hourly));
        }
        if (busyVcpus <= 0.4m * servers)
        {
            options.Add(("Lightsail", servers * prices.Get("lightsail.linux.12").Price));
        }
        if (options.Count == 0) return ("none", 0);
        var best = options.MinBy(o => o.Cost);
        return (best.Service, Math.Round(best.Cost, 2, MidpointRounding.AwayFromZero));
    }
}
