using System.Globalization;

namespace AwsSim.Lightsail;

/// <summary>
/// A Linux/Unix instance plan ("bundle"): a fixed monthly price for vCPUs, memory, SSD and a data-transfer allowance,
/// read from the price list (<c>lightsail.linux.*</c>, aws-facts §9).
/// </summary>
/// <param name="BundleId">The id, e.g. <c>nano_3_0</c> or <c>nano_ipv6_3_0</c> (names as the AWS CLI's get-bundles example shows them).</param>
/// <param name="Name">Nano, Micro, Small, Medium, Large, XLarge, 2XLarge, 4XLarge.</param>
/// <param name="Price">USD per month (the monthly cap).</param>
/// <param name="CpuCount">vCPUs.</param>
/// <param name="RamSizeInGb">Memory, GB.</param>
/// <param name="DiskSizeInGb">SSD, GB.</param>
/// <param name="TransferPerMonthInGb">Data-transfer allowance per month, GB (1 TB = 1,024 GB as get-bundles reports it).</param>
/// <param name="CpuBaselinePercent">Sustained CPU baseline, % (burstable above it with credits).</param>
/// <param name="Ipv6Only">True for the cheaper IPv6-only plan (no public IPv4 address).</param>
/// <param name="PriceEntry">The price list entry, with its source and date.</param>
public sealed record LightsailBundle(string BundleId, string Name, decimal Price, int CpuCount, decimal RamSizeInGb, int DiskSizeInGb,
    int TransferPerMonthInGb, int CpuBaselinePercent, bool Ipv6Only, PriceEntry PriceEntry)
{
    /// <summary>
    /// The hourly rate: the monthly price ÷ 744 hours (a 31-day month), which reproduces the fact sheet's "$0.0067/h =
    /// $5/mo"; billing stops at the monthly price.
    /// </summary>
    public decimal HourlyPrice => Price / LightsailService.HoursInBillingMonth;

    private static readonly string[] Names = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge"];

    /// <summary>Every bundle in the price list, cheapest first, IPv4 before IPv6-only at the same specs.</summary>
    public static IReadOnlyList<LightsailBundle> FromPriceList(PriceList prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var v4 = prices.WithPrefix("lightsail.linux.").Where(p => !p.Key.Contains(".ipv6.", StringComparison.Ordinal) && p.Attributes is not null)
            .OrderBy(p => p.Price).ToList();
        var result = new List<LightsailBundle>();
        for (var i = 0; i < v4.Count; i++)
        {
            var size = i < Names.Length ? Names[i] : $"size{i}";
            result.Add(Make(v4[i], size, ipv6: false));
            var v6 = prices.Find(v4[i].Key.Replace("lightsail.linux.", "lightsail.linux.ipv6.", StringComparison.Ordinal));
            if (v6 is not null) result.Add(Make(v6, size, ipv6: true));
        }
        return result;
    }

    private static LightsailBundle Make(PriceEntry p, string size, bool ipv6)
    {
        var a = p.Attributes!;
        decimal D(string k) => decimal.Parse(a[k], CultureInfo.InvariantCulture);
        return new LightsailBundle(
            ipv6 ? $"{size}_ipv6_3_0" : $"{size}_3_0",
            char.ToUpperInvariant(size[0]) + size[1..],
            p.Price, (int)D("vcpu"), D("memoryGB"), (int)D("ssdGB"), (int)(D("transferTB") * 1024), (int)D("cpuBaselinePercent"), ipv6, p);
    }
}

/// <summary>An instance image: an operating system only, or an application on one (aws-facts §9, Lightsail guide March 2023).</summary>
/// <param name="BlueprintId">The id, e.g. <c>ubuntu_20_04</c> or <c>wordpress</c>.</param>
/// <param name="Name">The display name.</param>
/// <param name="Type"><c>os</c> or <c>app</c>.</param>
/// <param name="Platform"><c>LINUX_UNIX</c> or <c>WINDOWS</c>.</param>
public sealed record LightsailBlueprint(string BlueprintId, string Name, string Type, string Platform)
{
    /// <summary>The blueprints the fact sheet lists.</summary>
    public static IReadOnlyList<LightsailBlueprint> All { get; } =
    [
        new("amazon_linux_2", "Amazon Linux 2", "os", "LINUX_UNIX"),
        new("centos_7", "CentOS 7", "os", "LINUX_UNIX"),
        new("debian_10", "Debian 10", "os", "LINUX_UNIX"),
        new("debian_11", "Debian 11", "os", "LINUX_UNIX"),
        new("freebsd_12", "FreeBSD 12", "os", "LINUX_UNIX"),
        new("opensuse_15", "openSUSE 15", "os", "LINUX_UNIX"),
        new("ubuntu_18_04", "Ubuntu 18.04", "os", "LINUX_UNIX"),
        new("ubuntu_20_04", "Ubuntu 20.04", "os", "LINUX_UNIX"),
        new("windows_server_2012", "Windows Server 2012 R2", "os", "WINDOWS"),
        new("windows_server_2016", "Windows Server 2016", "os", "WINDOWS"),
        new("windows_server_2019", "Windows Server 2019", "os", "WINDOWS"),
        new("windows_server_2022", "Windows Server 2022", "os", "WINDOWS"),
        new("windows_server_2016_sql_2016_express", "Windows Server 2016 with SQL Server 2016 Express", "os", "WINDOWS"),
        new("windows_server_2019_sql_2019_express", "Windows Server 2019 with SQL Server 2019 Express", "os", "WINDOWS"),
        new("wordpress", "WordPress", "app", "LINUX_UNIX"),
        new("wordpress_multisite", "WordPress Multisite", "app", "LINUX_UNIX"),
        new("cpanel_whm", "cPanel & WHM", "app", "LINUX_UNIX"),
        new("prestashop", "PrestaShop", "app", "LINUX_UNIX"),
        new("ghost", "Ghost", "app", "LINUX_UNIX"),
        new("joomla", "Joomla!", "app", "LINUX_UNIX"),
        new("drupal", "Drupal", "app", "LINUX_UNIX"),
        new("lamp_8", "LAMP (PHP 8)", "app", "LINUX_UNIX"),
        new("lamp_7", "LAMP (PHP 7)", "app", "LINUX_UNIX"),
        new("django", "Django", "app", "LINUX_UNIX"),
        new("nodejs", "Node.js", "app", "LINUX_UNIX"),
        new("mean", "MEAN", "app", "LINUX_UNIX"),
        new("gitlab", "GitLab CE", "app", "LINUX_UNIX"),
        new("nginx", "Nginx (LEMP)", "app", "LINUX_UNIX"),
        new("plesk", "Plesk", "app", "LINUX_UNIX"),
    ];
}
