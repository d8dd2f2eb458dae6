using System.Globalization;
using System.Net;
using System.Text;

namespace AwsSim.Lightsail;

/// <summary>One component of the comparison, side by side.</summary>
/// <param name="Component">What it is (compute, storage, database...).</param>
/// <param name="LightsailItem">What Lightsail gives for it.</param>
/// <param name="LightsailMonthly">What that costs a month on Lightsail (0 when included in the bundle).</param>
/// <param name="AwsItem">The equivalent on EC2/EBS/RDS/ELB.</param>
/// <param name="AwsMonthly">What that costs a month, or null when the price list has no equivalent (left out).</param>
/// <param name="PriceKeys">The price list entries used.</param>
public sealed record ComparisonRow(string Component, string LightsailItem, decimal LightsailMonthly, string AwsItem, decimal? AwsMonthly, IReadOnlyList<string> PriceKeys);

/// <summary>
/// A Lightsail setup against the equivalent EC2 + EBS + RDS + ELB setup, a month each, every figure from the price list
/// with its source and date. EC2-side resources run 730 hours (the fact sheet's month); Lightsail is its monthly price.
/// </summary>
/// <param name="Rows">The components.</param>
/// <param name="Sources">"key: price unit — source (date)" for every price used.</param>
/// <param name="LeftOut">What could not be priced and is therefore missing from the AWS total.</param>
[AwsSim.Display.TypeFormatterSource(typeof(AwsSim.Display.HtmlFormatterSource))]
public sealed record LightsailComparison(IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<string> Sources, IReadOnlyList<string> LeftOut)
{
    /// <summary>Hours in the month used for the EC2/RDS/ELB side (the fact sheet's 730).</summary>
    public const decimal Ec2HoursPerMonth = 730m;

    /// <summary>The Lightsail total a month.</summary>
    public decimal LightsailTotal => Rows.Sum(r => r.LightsailMonthly);

    /// <summary>The EC2 + EBS + RDS + ELB total a month (components that could not be priced are left out).</summary>
    public decimal AwsTotal => Rows.Sum(r => r.AwsMonthly ?? 0);

    /// <summary>
    /// Compares a Lightsail bundle (plus optionally a 1 GB managed database and a load balancer) moving
    /// <paramref name="transferInGb"/>/<paramref name="transferOutGb"/> a month with EC2 (the cheapest x86 type in the
    /// price list with at least the bundle's vCPUs and memory), an EBS gp3 volume the size of the bundle's SSD, a public
    /// IPv4 address, RDS db.t4g.micro with 40 GB gp3 storage, and an Application Load Balancer at
    /// <paramref name="albLcus"/> LCUs on average.
    /// </summary>
    public static LightsailComparison Compare(LightsailBundle bundle, bool database = false, bool loadBalancer = false,
        decimal transferInGb = 0, decimal transferOutGb = 0, decimal albLcus = 1, PriceList? prices = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var p = prices ?? PriceList.Default;
        var rows = new List<ComparisonRow>();
        var leftOut = new List<string>();
        const decimal h = Ec2HoursPerMonth;

        var ec2 = p.WithPrefix("ec2.").Where(e => e.Attributes is { } a && a.ContainsKey("vcpu") && a.ContainsKey("memoryGiB") && !IsArm(e)
                && int.Parse(a["vcpu"], CultureInfo.InvariantCulture) >= bundle.CpuCount
                && decimal.Parse(a["memoryGiB"], CultureInfo.InvariantCulture) >= bundle.RamSizeInGb)
            .OrderBy(e => e.Price).FirstOrDefault();
        if (ec2 is null) leftOut.Add($"EC2: no x86 instance type in the price list has ≥ {bundle.CpuCount} vCPUs and ≥ {bundle.RamSizeInGb} GiB, so compute is missing from the AWS total");
        rows.Add(new("Compute", $"{bundle.Name} bundle: {bundle.CpuCount} vCPU, {bundle.RamSizeInGb} GB ({bundle.CpuBaselinePercent}% baseline){(bundle.Ipv6Only ? ", IPv6-only" : "")}", bundle.Price,
            ec2 is null ? "(no equivalent priced)" : $"EC2 {ec2.Key[4..]} on-demand, {h} h", ec2 is null ? null : ec2.Price * h,
            ec2 is null ? [bundle.PriceEntry.Key] : [bundle.PriceEntry.Key, ec2.Key]));

        var gp3 = p.Get("ebs.gp3.storage");
        rows.Add(new("Storage", $"{bundle.DiskSizeInGb} GB SSD included", 0, $"EBS gp3 {bundle.DiskSizeInGb} GB", gp3.Price * bundle.DiskSizeInGb, [gp3.Key]));

        if (!bundle.Ipv6Only)
        {
            var ip = p.Get("ec2.publicipv4");
            rows.Add(new("Public IPv4", "included (static IP free while attached)", 0, $"public IPv4 address, {h} h", ip.Price * h, [ip.Key]));
        }

        var overage = p.Get("lightsail.transfer.overage");
        var lsOver = LightsailPricing.OverageGb(bundle.TransferPerMonthInGb, transferInGb, transferOutGb);
        var out1 = p.Get("ec2.transfer.out.tier1");
        var free = p.GetAllowance("ec2.free.transfer.out").Quantity;
        var ec2Out = Math.Max(0, transferOutGb - free);
        if (transferOutGb > 10_240 + free) leftOut.Add("EC2 data transfer above 10 TB a month is priced at the first tier's rate (later tiers are not in the price list)");
        rows.Add(new("Data transfer", Inv($"{transferInGb:#,0.##} GB in + {transferOutGb:#,0.##} GB out vs {bundle.TransferPerMonthInGb:#,0} GB allowance; {lsOver:#,0.##} GB out charged"), lsOver * overage.Price,
            Inv($"{transferOutGb:#,0.##} GB out, first {free:0} GB free, IN free"), ec2Out * out1.Price, [overage.Key, out1.Key]));

        if (database)
        {
            var ldb = p.Get("lightsail.database.standard.1gb");
            var rds = p.Get("rds.db.t4g.micro");
            var rdsDisk = p.Get("rds.storage.gp3");
            rows.Add(new("Database", "managed database, standard 1 GB RAM, 40 GB SSD", ldb.Price,
                $"RDS db.t4g.micro Single-AZ {h} h + 40 GB gp3", rds.Price * h + rdsDisk.Price * 40, [ldb.Key, rds.Key, rdsDisk.Key]));
        }
        if (loadBalancer)
        {
            var llb = p.Get("lightsail.loadbalancer");
            var alb = p.Get("elb.alb.hour");
            var lcu = p.Get("elb.alb.lcu");
            rows.Add(new("Load balancer", "load balancer", llb.Price,
                Inv($"Application Load Balancer {h} h + {albLcus:0.##} LCU average"), alb.Price * h + lcu.Price * albLcus * h, [llb.Key, alb.Key, lcu.Key]));
        }
        var keys = rows.SelectMany(r => r.PriceKeys).Distinct().ToList();
        var sources = keys.Select(k => p.Get(k)).Select(e => $"{e.Key}: {Money.UnitPrice(e.Price)} per {e.Unit} — {e.Source} ({e.SourceDate}; read {e.Read:yyyy-MM-dd})").ToList();
        sources.Add($"ec2.free.transfer.out: {free:0} GB — {p.GetAllowance("ec2.free.transfer.out").Source}");
        return new LightsailComparison(rows, sources, leftOut);
    }

    /// <summary>The comparison as an aligned text table with totals.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var w = Rows.Max(r => r.LightsailItem.Length);
        var wa = Rows.Max(r => r.AwsItem.Length);
        foreach (var r in Rows)
        {
            sb.AppendLine($"{r.Component,-14} {r.LightsailItem.PadRight(w)} {Money.Format(r.LightsailMonthly),10} | {r.AwsItem.PadRight(wa)} {(r.AwsMonthly is { } a ? Money.Format(a) : "n/a"),10}");
        }
        sb.AppendLine($"{"Total",-14} {"".PadRight(w)} {Money.Format(LightsailTotal),10} | {"".PadRight(wa)} {Money.Format(AwsTotal),10}");
        foreach (var l in LeftOut) sb.AppendLine("Left out: " + l);
        return sb.ToString().TrimEnd();
    }

    /// <summary>The comparison as an HTML table with the sources underneath.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\"><tr><th>Component</th><th>Lightsail</th><th>$/month</th><th>EC2 + EBS + RDS + ELB</th><th>$/month</th></tr>");
        foreach (var r in Rows)
        {
            sb.Append("<tr><td>").Append(E(r.Component)).Append("</td><td>").Append(E(r.LightsailItem)).Append("</td><td style=\"text-align:right\">").Append(Money.Format(r.LightsailMonthly))
              .Append("</td><td>").Append(E(r.AwsItem)).Append("</td><td style=\"text-align:right\">").Append(r.AwsMonthly is { } a ? Money.Format(a) : "n/a").Append("</td></tr>");
        }
        sb.Append("<tr style=\"font-weight:bold\"><td>Total</td><td></td><td style=\"text-align:right\">").Append(Money.Format(LightsailTotal))
          .Append("</td><td></td><td style=\"text-align:right\">").Append(Money.Format(AwsTotal)).Append("</td></tr></table>");
        sb.Append("<ul style=\"font-size:11px\">");
        foreach (var l in LeftOut) sb.Append("<li><b>Left out:</b> ").Append(E(l)).Append("</li>");
        foreach (var s in Sources) sb.Append("<li>").Append(E(s)).Append("</li>");
        sb.Append("</ul>");
        return sb.ToString();
    }

    private static bool IsArm(PriceEntry e) => System.Text.RegularExpressions.Regex.IsMatch(e.Key, @"^ec2\.[a-z]+\d+[a-z]*g[a-z]*\.");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
