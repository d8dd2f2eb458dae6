using AwsSim;
using AwsSim.Lightsail;

namespace Exercises.Lightsail;

/// <summary>Exercise <c>lightsail.bundle</c>: the cheapest Lightsail plan for a workload.</summary>
public static class CheapestBundle
{
    /// <summary>Reference answer: filter by specs and IPv4, cost = price + overage, take the minimum (first on ties).</summary>
    public static (string BundleId, decimal MonthlyCost) Choose(decimal memoryGb, int diskGb, decimal inGb, decimal outGb, bool needsIpv4)
    {
        var overage = PriceList.Default.Get("lightsail.transfer.overage").Price;
        (string, decimal)? best = null;
        foreach (var b in LightsailBundle.FromPriceList(PriceList.Default))
        {
            if (b.RamSizeInGb < memoryGb || b.DiskSizeInGb < diskGb || (needsIpv4 && b.Ipv6Only)) continue;
            var over = Math.Min(outGb, Math.Max(0, inGb + outGb - b.TransferPerMonthInGb));
            var cost = b.Price + over * overage;
            if (best is null || cost < best.Value.Item2) best = (b.BundleId, cost);
        }
        return best ?? throw new ArgumentException("No bundle is big enough.");
    }
}
