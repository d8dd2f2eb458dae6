namespace Exercises.Lightsail;

/// <summary>Exercise <c>lightsail.bundle</c>: the cheapest Lightsail plan for a workload.</summary>
public static class CheapestBundle
{
    /// <summary>
    /// Return the id of the bundle that is cheapest for one month of this workload, and that month's cost: the bundle's
    /// price plus data-transfer overage. The bundle needs at least <paramref name="memoryGb"/> GB of memory and
    /// <paramref name="diskGb"/> GB of SSD; IPv6-only bundles are allowed only when <paramref name="needsIpv4"/> is false.
    /// </summary>
    /// <remarks>
    /// Use <c>AwsSim.Lightsail.LightsailBundle.FromPriceList(AwsSim.PriceList.Default)</c> for the bundles. The allowance
    /// counts IN and OUT, but only OUT above the allowance is charged (<c>lightsail.transfer.overage</c>). When two
    /// bundles cost the same, take the one listed first.
    /// </remarks>
    /// <example>0.5 GB, 20 GB disk, 0 in, 1,100 GB out, IPv4 → ("micro_3_0", 7): nano would be $5 + 76 GB × $0.09.</example>
    public static (string BundleId, decimal MonthlyCost) Choose(decimal memoryGb, int diskGb, decimal inGb, decimal outGb, bool needsIpv4)
    {
        throw new NotImplementedException();
    }
}
