using System.Globalization;
using System.Text.RegularExpressions;

namespace AwsSim.Ec2;

/// <summary>
/// The EC2 instance types the course knows, built from the price list (every <c>ec2.&lt;type&gt;</c> entry with
/// <c>vcpu</c> and <c>memoryGiB</c> attributes). ECS container instances, Batch compute environments and cost
/// comparisons all take their sizes and prices from here.
/// </summary>
public static class InstanceCatalog
{
    /// <summary>Every instance type in the price list, smallest first (by vCPU, then memory, then name).</summary>
    public static IReadOnlyList<InstanceType> All(PriceList? prices = null)
        => (prices ?? PriceList.Default).WithPrefix("ec2.")
            .Where(p => p.Attributes is not null && p.Attributes.ContainsKey("vcpu") && p.Attributes.ContainsKey("memoryGiB"))
            .Select(FromPrice)
            .OrderBy(t => t.Vcpu).ThenBy(t => t.MemoryGiB).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The instance type with this name; an error naming the known types when there is none.</summary>
    public static InstanceType Get(string name, PriceList? prices = null, string field = "instanceType")
    {
        var p = (prices ?? PriceList.Default).Find("ec2." + name);
        if (p?.Attributes is null || !p.Attributes.ContainsKey("vcpu"))
        {
            throw new AwsValidationException(field, name, "must be one of the catalog's types: " + string.Join(", ", All(prices).Select(t => t.Name)));
        }
        return FromPrice(p);
    }

    /// <summary>
    /// The billable seconds of one instance run: EC2 Linux bills per second with a 60-second minimum
    /// (aws-facts §9, secondary source citing AWS).
    /// </summary>
    public static long BilledSeconds(TimeSpan runTime) => PerSecondBilling.BilledSeconds(runTime, "runTime");

    /// <summary>What one instance costs for <paramref name="runTime"/>: billed seconds / 3,600 × the hourly price.</summary>
    public static decimal Cost(InstanceType type, TimeSpan runTime) => BilledSeconds(runTime) / 3600m * type.HourlyPrice;

    /// <summary>A bill line for one instance run (per-second billing, 60-second minimum).</summary>
    public static LineItem UsageLine(InstanceType type, TimeSpan runTime, string? note = null, PriceList? prices = null)
    {
        var price = (prices ?? PriceList.Default).Get(type.PriceKey);
        return LineItem.From(price, $"{type.Name} on-demand Linux", BilledSeconds(runTime) / 3600m, note);
    }

    /// <summary>
    /// AWS's architecture of an instance type: <c>arm64</c> for Graviton families (a <c>g</c> after the generation, as in
    /// t4g, m6g, c7gd, r6gn), else <c>x86_64</c>.
    /// </summary>
    internal static string ArchitectureOf(string instanceType)
        => Regex.IsMatch(instanceType, @"^[a-z]+\d+[a-z]*g[a-z]*\.") ? "arm64" : "x86_64";

    private static InstanceType FromPrice(PriceEntry p)
    {
        var a = p.Attributes!;
        var name = p.Key["ec2.".Length..];
        var arch = ArchitectureOf(name);
        return new InstanceType(name,
            int.Parse(a["vcpu"], CultureInfo.InvariantCulture),
            decimal.Parse(a["memoryGiB"], CultureInfo.InvariantCulture),
            p.Price, p.Key, arch);
    }
}
