using AwsSim.Lightsail;

namespace AwsSim.Tests.Lightsail;

public class LightsailTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bundles_come_from_the_price_list_with_ipv4_and_ipv6_only_plans()
    {
        var aws = new SimulatedAws();
        var bundles = aws.Lightsail.Bundles;
        Assert.Equal(aws.Prices.WithPrefix("lightsail.linux.").Count, bundles.Count);
        var nano = aws.Lightsail.GetBundle("nano_3_0");
        Assert.Equal(aws.Prices.Get("lightsail.linux.5").Price, nano.Price);
        Assert.Equal(1024, nano.TransferPerMonthInGb);
        Assert.Equal(20, nano.DiskSizeInGb);
        var nano6 = aws.Lightsail.GetBundle("nano_ipv6_3_0");
        Assert.True(nano6.Ipv6Only);
        Assert.True(nano6.Price < nano.Price);
        Assert.Equal(nano.CpuCount, nano6.CpuCount);
        Assert.Equal(0.0067m, Math.Round(nano.HourlyPrice, 4)); // the fact sheet's $0.0067/h
    }

    [Fact]
    public void Blueprints_include_os_only_and_apps_and_windows_needs_a_priced_bundle()
    {
        var aws = new SimulatedAws();
        Assert.Contains(aws.Lightsail.Blueprints, b => b.Type == "os" && b.BlueprintId == "ubuntu_20_04");
        Assert.Contains(aws.Lightsail.Blueprints, b => b.Type == "app" && b.BlueprintId == "wordpress");
        var ex = Assert.Throws<AwsValidationException>(() => aws.Lightsail.CreateInstances("w", "windows_server_2022", "nano_3_0"));
        Assert.Equal("blueprintId", ex.Field);
        var bad = Assert.Throws<AwsValidationException>(() => aws.Lightsail.CreateInstances("w", "ubuntu_20_04", "huge_3_0"));
        Assert.Equal("bundleId", bad.Field);
        Assert.Contains("nano_3_0", bad.Allowed);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0.2, 1)]        // a started hour counts
    [InlineData(100, 100)]
    [InlineData(743, 743)]
    [InlineData(744, 744)]
    [InlineData(744 * 2, 744)] // capped (and a month has at most 744 hours anyway)
    public void Instances_are_billed_hourly_up_to_the_monthly_price(double hours, int billedHours)
    {
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "micro_3_0");
        aws.Clock.Advance(TimeSpan.FromHours(Math.Min(hours, 744)));
        var bill = aws.Lightsail.BillMonth(2026, 1);
        var bundle = aws.Lightsail.GetBundle("micro_3_0");
        var line = Assert.Single(bill.Items);
        Assert.Equal(Math.Min(billedHours * bundle.Price / 744m, bundle.Price), line.Amount);
        Assert.True(line.Amount <= bundle.Price);
        Assert.Equal(bill.Total, aws.Bill.Total);
    }

    [Fact]
    public void A_full_month_costs_the_bundle_price_even_when_stopped_for_most_of_it()
    {
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "wordpress", "small_3_0");
        aws.Clock.Advance(TimeSpan.FromDays(2));
        aws.Lightsail.StopInstance("web");
        aws.Clock.Advance(TimeSpan.FromDays(29));
        var line = Assert.Single(aws.Lightsail.BillMonth(2026, 1).Items);
        Assert.Equal(aws.Prices.Get("lightsail.linux.12").Price, line.Amount);
        Assert.Contains("still charged until deleted", line.Note);
    }

    [Fact]
    public void Deleting_stops_the_charges()
    {
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "medium_3_0");
        aws.Clock.Advance(TimeSpan.FromHours(10));
        aws.Lightsail.DeleteInstance("web");
        aws.Clock.Advance(TimeSpan.FromDays(20));
        var line = Assert.Single(aws.Lightsail.BillMonth(2026, 1).Items);
        Assert.Equal(10, line.Quantity);
        Assert.Equal(10 * aws.Lightsail.GetBundle("medium_3_0").Price / 744m, line.Amount);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(500, 500, 0)]        // 1,000 GB within the 1,024 GB allowance
    [InlineData(0, 1124, 100)]       // 100 GB out over
    [InlineData(1024, 50, 50)]       // IN used the allowance: the 50 GB OUT is charged
    [InlineData(2000, 10, 10)]       // IN alone over the allowance is never charged
    [InlineData(2000, 0, 0)]
    [InlineData(800, 300, 76)]
    public void Only_out_over_the_allowance_is_charged_while_in_counts_toward_it(decimal inGb, decimal outGb, decimal chargedGb)
    {
        Assert.Equal(chargedGb, LightsailPricing.OverageGb(1024, inGb, outGb));
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "nano_3_0");
        aws.Clock.Advance(TimeSpan.FromDays(3));
        aws.Lightsail.RecordDataTransfer("web", inGb, outGb);
        aws.Clock.Advance(TimeSpan.FromDays(28));
        var bill = aws.Lightsail.BillMonth(2026, 1);
        var over = bill.Items.Where(i => i.PriceKey == "lightsail.transfer.overage").Sum(i => i.Amount);
        Assert.Equal(chargedGb * aws.Prices.Get("lightsail.transfer.overage").Price, over);
    }

    [Fact]
    public void A_static_ip_is_free_while_attached_and_charged_when_left_unattached()
    {
        var aws = new SimulatedAws(start: Jan1);
        var i = aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "nano_3_0");
        var ip = aws.Lightsail.AllocateStaticIp("ip1");
        aws.Lightsail.AttachStaticIp("ip1", "web");
        Assert.Equal(ip.IpAddress, i.PublicIpAddress);
        aws.Clock.Advance(TimeSpan.FromDays(10));
        aws.Lightsail.DeleteInstance("web");          // detaches the IP
        Assert.Null(ip.AttachedTo);
        aws.Clock.Advance(TimeSpan.FromHours(50));
        aws.Lightsail.ReleaseStaticIp("ip1");
        aws.Clock.Advance(TimeSpan.FromDays(5));
        var bill = aws.Lightsail.BillMonth(2026, 1);
        var ipLine = Assert.Single(bill.Items, l => l.PriceKey == "lightsail.staticip.unattached");
        Assert.Equal(49, ipLine.Quantity);            // 50 unattached hours, the first free
        Assert.Equal(49 * aws.Prices.Get("lightsail.staticip.unattached").Price, ipLine.Amount);
    }

    [Fact]
    public void An_ipv6_only_instance_has_no_public_ipv4_and_cannot_take_a_static_ip()
    {
        var aws = new SimulatedAws();
        var i = aws.Lightsail.CreateInstances("v6", "debian_11", "nano_ipv6_3_0");
        Assert.Null(i.PublicIpAddress);
        aws.Lightsail.AllocateStaticIp("ip");
        Assert.Equal("instanceName", Assert.Throws<AwsValidationException>(() => aws.Lightsail.AttachStaticIp("ip", "v6")).Field);
    }

    [Fact]
    public void Snapshots_databases_and_load_balancers_are_billed_from_the_price_list()
    {
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "small_3_0");
        aws.Lightsail.CreateInstanceSnapshot("web", "snap", 40);
        aws.Lightsail.CreateRelationalDatabase("db", "standard-1gb", highAvailability: true);
        aws.Lightsail.CreateLoadBalancer("lb");
        aws.Clock.Advance(TimeSpan.FromDays(31));
        var bill = aws.Lightsail.BillMonth(2026, 1);
        Assert.Equal(40 * aws.Prices.Get("lightsail.snapshot").Price, bill.Items.Single(l => l.PriceKey == "lightsail.snapshot").Amount);
        Assert.Equal(2 * aws.Prices.Get("lightsail.database.standard.1gb").Price, bill.Items.Single(l => l.PriceKey == "lightsail.database.standard.1gb").Amount);
        Assert.Equal(aws.Prices.Get("lightsail.loadbalancer").Price, bill.Items.Single(l => l.PriceKey == "lightsail.loadbalancer").Amount);
        Assert.Throws<AwsException>(() => aws.Lightsail.BillMonth(2026, 1)); // once per month
    }

    [Fact]
    public void Months_are_billed_separately()
    {
        var aws = new SimulatedAws(start: Jan1);
        aws.Lightsail.CreateInstances("web", "ubuntu_20_04", "nano_3_0");
        aws.Clock.Advance(TimeSpan.FromDays(31 + 14));
        var jan = aws.Lightsail.BillMonth(2026, 1);
        var feb = aws.Lightsail.BillMonth(2026, 2);
        Assert.Equal(5m, jan.Total);
        Assert.Equal(14 * 24 * 5m / 744m, feb.Total);
        Assert.Throws<AwsValidationException>(() => aws.Lightsail.BillMonth(2026, 3));
    }

    [Fact]
    public void The_comparison_prices_every_component_from_the_price_list_with_sources()
    {
        var p = PriceList.Default;
        var bundle = LightsailBundle.FromPriceList(p).Single(b => b.BundleId == "small_3_0");
        var c = LightsailComparison.Compare(bundle, database: true, loadBalancer: true, transferInGb: 100, transferOutGb: 500, albLcus: 1);
        Assert.Equal(["Compute", "Storage", "Public IPv4", "Data transfer", "Database", "Load balancer"], c.Rows.Select(r => r.Component));
        var expectedLightsail = bundle.Price + p.Get("lightsail.database.standard.1gb").Price + p.Get("lightsail.loadbalancer").Price;
        Assert.Equal(expectedLightsail, c.LightsailTotal);
        const decimal h = 730;
        var expectedAws = p.Get("ec2.t3.small").Price * h + p.Get("ebs.gp3.storage").Price * 60 + p.Get("ec2.publicipv4").Price * h
                          + 400 * p.Get("ec2.transfer.out.tier1").Price
                          + p.Get("rds.db.t4g.micro").Price * h + 40 * p.Get("rds.storage.gp3").Price
                          + (p.Get("elb.alb.hour").Price + p.Get("elb.alb.lcu").Price) * h;
        Assert.Equal(expectedAws, c.AwsTotal);
        Assert.Empty(c.LeftOut);
        Assert.All(c.Rows.SelectMany(r => r.PriceKeys).Distinct(), k => Assert.Contains(c.Sources, s => s.StartsWith(k + ":")));
        Assert.Contains("Total", c.ToText());
        Assert.Contains("<table", c.ToHtml());
    }

    [Fact]
    public void A_bundle_with_no_priced_ec2_equivalent_is_left_out_and_said_so()
    {
        var bundle = LightsailBundle.FromPriceList(PriceList.Default).Single(b => b.BundleId == "xlarge_3_0"); // 4 vCPU, 16 GB
        var c = LightsailComparison.Compare(bundle);
        Assert.Null(c.Rows.Single(r => r.Component == "Compute").AwsMonthly);
        Assert.Single(c.LeftOut);
        Assert.Contains("n/a", c.ToText());
    }
}
