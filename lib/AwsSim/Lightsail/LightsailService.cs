using System.Globalization;
using System.Text.RegularExpressions;

namespace AwsSim.Lightsail;

/// <summary>
/// Amazon Lightsail: fixed-price virtual private servers (bundles) with SSD, a data-transfer allowance and a static
/// IP included, plus snapshots, managed databases and load balancers. Charges accrue hourly up to each resource's
/// monthly price and are put on <c>aws.Bill</c> by <see cref="BillMonth"/>.
/// </summary>
/// <remarks>
/// Facts (aws-facts §9): hourly up to the monthly cap; instances and databases are charged until deleted, even when
/// stopped; the allowance counts data IN and OUT, but only OUT over the allowance is charged ($0.09/GB in us-east-1);
/// a static IPv4 is free while attached ($0.005/h unattached after an hour); snapshots $0.05/GB-month; load balancer
/// $18/month; databases from $15/month, High Availability twice that. Assumptions of the simulator (not in the fact
/// sheet): a partly used hour is billed as a whole hour; the allowance is not prorated for part months; the free tier
/// is not modelled (its length is UNCONFIRMED).
/// </remarks>
public sealed class LightsailService
{
    /// <summary>Hours in the billing month behind the hourly rate: 744 (31 days), so that $5/month is $0.0067/hour.</summary>
    public const decimal HoursInBillingMonth = 744m;

    private const string Service = "Amazon Lightsail";
    private readonly AccountContext _aws;
    private readonly Dictionary<string, LightsailInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LightsailStaticIp> _ips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LightsailResource> _resources = new(StringComparer.Ordinal);
    private readonly HashSet<(int, int)> _billed = new();
    private int _ipCounter;

    internal LightsailService(AccountContext aws)
    {
        _aws = aws;
        Bundles = LightsailBundle.FromPriceList(aws.Prices);
    }

    /// <summary>The Linux/Unix bundles (GetBundles), cheapest first.</summary>
    public IReadOnlyList<LightsailBundle> Bundles { get; }

    /// <summary>The blueprints (GetBlueprints).</summary>
    public IReadOnlyList<LightsailBlueprint> Blueprints => LightsailBlueprint.All;

    /// <summary>Every instance ever created.</summary>
    public IReadOnlyCollection<LightsailInstance> Instances => _instances.Values;

    /// <summary>The bundle with this id (e.g. <c>micro_3_0</c>) or price-list key (e.g. <c>lightsail.linux.7</c>).</summary>
    public LightsailBundle GetBundle(string bundleIdOrKey)
        => Bundles.FirstOrDefault(b => b.BundleId == bundleIdOrKey || b.PriceEntry.Key == bundleIdOrKey)
           ?? throw new AwsValidationException("bundleId", bundleIdOrKey, "one of " + string.Join(", ", Bundles.Select(b => b.BundleId)));

    /// <summary>Creates an instance (CreateInstances) from a blueprint and a bundle; it is running and charged from now.</summary>
    public LightsailInstance CreateInstances(string instanceName, string blueprintId, string bundleId)
    {
        CheckName("instanceName", instanceName);
        if (_instances.TryGetValue(instanceName, out var old) && old.DeletedAt is null) throw new AwsException("InvalidInputException", $"An instance named '{instanceName}' already exists.");
        var blueprint = Blueprints.FirstOrDefault(b => b.BlueprintId == blueprintId)
            ?? throw new AwsValidationException("blueprintId", blueprintId, "one of " + string.Join(", ", Blueprints.Select(b => b.BlueprintId)), "InvalidInputException");
        if (blueprint.Platform != "LINUX_UNIX")
        {
            throw new AwsValidationException("blueprintId", blueprintId, "a LINUX_UNIX blueprint: the price list has no Windows bundle prices", "InvalidInputException");
        }
        var bundle = GetBundle(bundleId);
        var ip = bundle.Ipv6Only ? null : NextIp();
        var i = new LightsailInstance(instanceName, Arn("Instance", instanceName), blueprint, bundle, _aws.Clock.Now, ip);
        _instances[instanceName] = i;
        return i;
    }

    /// <summary>Stops an instance. It is still charged: Lightsail charges instances until they are deleted.</summary>
    public void StopInstance(string instanceName)
    {
        var i = Live(instanceName);
        i.State = "stopped";
        i.EverStopped = true;
    }

    /// <summary>Starts a stopped instance.</summary>
    public void StartInstance(string instanceName) => Live(instanceName).State = "running";

    /// <summary>Deletes an instance (charges stop); an attached static IP is detached and starts being charged.</summary>
    public void DeleteInstance(string instanceName)
    {
        var i = Live(instanceName);
        if (i.StaticIpName is { } ip) DetachStaticIp(ip);
        i.State = "deleted";
        i.DeletedAt = _aws.Clock.Now;
    }

    /// <summary>Records data transfer for an instance now (GB in from and out to the internet).</summary>
    public void RecordDataTransfer(string instanceName, decimal inGb, decimal outGb)
    {
        if (inGb < 0) throw new AwsValidationException("inGb", inGb.ToString(CultureInfo.InvariantCulture), "zero or more GB");
        if (outGb < 0) throw new AwsValidationException("outGb", outGb.ToString(CultureInfo.InvariantCulture), "zero or more GB");
        Live(instanceName).Transfer.Add((_aws.Clock.Now, inGb, outGb));
    }

    /// <summary>Allocates a static IPv4 address (charged while not attached, after its first hour).</summary>
    public LightsailStaticIp AllocateStaticIp(string staticIpName)
    {
        CheckName("staticIpName", staticIpName);
        if (_ips.TryGetValue(staticIpName, out var old) && old.ReleasedAt is null) throw new AwsException("InvalidInputException", $"A static IP named '{staticIpName}' already exists.");
        return _ips[staticIpName] = new LightsailStaticIp(staticIpName, NextIp(), _aws.Clock.Now);
    }

    /// <summary>Attaches a static IP to an instance (free while attached).</summary>
    public void AttachStaticIp(string staticIpName, string instanceName)
    {
        var ip = LiveIp(staticIpName);
        var i = Live(instanceName);
        if (i.Bundle.Ipv6Only) throw new AwsValidationException("instanceName", instanceName, "an instance with a public IPv4 address (its bundle is IPv6-only)", "InvalidInputException");
        if (ip.AttachedTo is not null) throw new AwsException("InvalidInputException", $"Static IP '{staticIpName}' is already attached to '{ip.AttachedTo}'.");
        if (i.StaticIpName is not null) throw new AwsException("InvalidInputException", $"Instance '{instanceName}' already has static IP '{i.StaticIpName}'.");
        ip.AttachedTo = instanceName;
        ip.Unattached[^1] = (ip.Unattached[^1].From, _aws.Clock.Now);
        i.StaticIpName = staticIpName;
        i.PublicIpAddress = ip.IpAddress;
    }

    /// <summary>Detaches a static IP; from now it is charged (after its first unattached hour).</summary>
    public void DetachStaticIp(string staticIpName)
    {
        var ip = LiveIp(staticIpName);
        if (ip.AttachedTo is null) throw new AwsException("InvalidInputException", $"Static IP '{staticIpName}' is not attached.");
        var i = _instances[ip.AttachedTo];
        i.StaticIpName = null;
        i.PublicIpAddress = NextIp();
        ip.AttachedTo = null;
        ip.Unattached.Add((_aws.Clock.Now, null));
    }

    /// <summary>Releases a static IP (charges stop).</summary>
    public void ReleaseStaticIp(string staticIpName)
    {
        var ip = LiveIp(staticIpName);
        if (ip.AttachedTo is not null) DetachStaticIp(staticIpName);
        ip.Unattached[^1] = (ip.Unattached[^1].From, _aws.Clock.Now);
        ip.ReleasedAt = _aws.Clock.Now;
    }

    /// <summary>Takes a snapshot of an instance (charged per GB-month; size defaults to the bundle's SSD).</summary>
    public LightsailResource CreateInstanceSnapshot(string instanceName, string snapshotName, decimal? sizeInGb = null)
    {
        var i = Live(instanceName);
        var size = sizeInGb ?? i.Bundle.DiskSizeInGb;
        if (size <= 0) throw new AwsValidationException("sizeInGb", size.ToString(CultureInfo.InvariantCulture), "more than 0 GB");
        return Add("snapshot", snapshotName, _aws.Prices.Get("lightsail.snapshot"), 1, size);
    }

    /// <summary>Creates a managed database: <c>standard-1gb</c> or <c>standard-4gb</c>; High Availability costs twice the standard plan.</summary>
    public LightsailResource CreateRelationalDatabase(string databaseName, string plan = "standard-1gb", bool highAvailability = false)
    {
        var key = plan switch
        {
            "standard-1gb" => "lightsail.database.standard.1gb",
            "standard-4gb" => "lightsail.database.standard.4gb",
            _ => throw new AwsValidationException("relationalDatabaseBundleId", plan, "standard-1gb or standard-4gb (the plans in the price list)", "InvalidInputException"),
        };
        return Add("database", databaseName, _aws.Prices.Get(key), highAvailability ? 2 : 1, 0);
    }

    /// <summary>Creates a load balancer.</summary>
    public LightsailResource CreateLoadBalancer(string loadBalancerName) => Add("load-balancer", loadBalancerName, _aws.Prices.Get("lightsail.loadbalancer"), 1, 0);

    /// <summary>Deletes a snapshot, database or load balancer (charges stop).</summary>
    public void DeleteResource(string name)
    {
        if (!_resources.TryGetValue(name, out var r) || r.DeletedAt is not null) throw new AwsException("NotFoundException", $"No Lightsail resource named '{name}'.");
        r.DeletedAt = _aws.Clock.Now;
    }

    /// <summary>
    /// Bills one calendar month (UTC) up to now: instances, databases and load balancers hourly up to their monthly
    /// price (stopped instances included), unattached static IPs, snapshots, and data transfer OUT over each
    /// instance's allowance. The lines are added to <c>aws.Bill</c> and returned. Each month can be billed once.
    /// </summary>
    public Bill BillMonth(int year, int month)
    {
        Validate.Range("month", month, 1, 12);
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddMonths(1);
        var now = _aws.Clock.Now;
        if (now <= start) throw new AwsValidationException("month", $"{year}-{month:00}", $"a month that has started (now is {now:yyyy-MM-dd HH:mm}Z)");
        if (!_billed.Add((year, month))) throw new AwsException("InvalidInputException", $"{year}-{month:00} has already been billed.");
        var upTo = now < end ? now : end;
        var lines = new List<LineItem>();

        foreach (var i in _instances.Values)
        {
            var hours = Hours(i.CreatedAt, i.DeletedAt, start, upTo);
            if (hours == 0) continue;
            lines.Add(Capped($"Instance {i.Name} ({i.Bundle.BundleId}, {i.Blueprint.Name})", hours, i.Bundle.Price, i.Bundle.PriceEntry,
                i.EverStopped ? "stopped for a while: still charged until deleted" : null));
            var tin = i.Transfer.Where(t => t.At >= start && t.At < upTo).Sum(t => t.InGb);
            var tout = i.Transfer.Where(t => t.At >= start && t.At < upTo).Sum(t => t.OutGb);
            var over = LightsailPricing.OverageGb(i.Bundle.TransferPerMonthInGb, tin, tout);
            if (over > 0)
            {
                lines.Add(LineItem.From(_aws.Prices.Get("lightsail.transfer.overage"), $"Data transfer out over allowance ({i.Name})", over,
                    Bill.Invariant($"{tin:#,0.##} GB in + {tout:#,0.##} GB out against {i.Bundle.TransferPerMonthInGb:#,0} GB; only OUT is charged")));
            }
        }
        foreach (var ip in _ips.Values)
        {
            var charged = ip.Unattached.Sum(u => Math.Max(0, Hours(u.From, u.To, start, upTo) - 1));
            if (charged > 0) lines.Add(LineItem.From(_aws.Prices.Get("lightsail.staticip.unattached"), $"Static IP {ip.Name} not attached", charged, "first unattached hour free"));
        }
        var monthHours = (decimal)(end - start).TotalHours;
        foreach (var r in _resources.Values)
        {
            var hours = Hours(r.CreatedAt, r.DeletedAt, start, upTo);
            if (hours == 0) continue;
            if (r.Kind == "snapshot")
            {
                lines.Add(LineItem.From(r.Price, $"Snapshot {r.Name} ({r.SizeInGb:0.##} GB)", r.SizeInGb * hours / monthHours, Bill.Invariant($"{hours} of {monthHours} hours")));
            }
            else
            {
                var p = r.Price.Price * r.Multiplier;
                lines.Add(Capped($"{(r.Kind == "database" ? "Database" : "Load balancer")} {r.Name}{(r.Multiplier > 1 ? " (High Availability)" : "")}", hours, p, r.Price,
                    r.Multiplier > 1 ? "High Availability = 2 × the standard plan" : null));
            }
        }
        _aws.Bill.AddRange(lines);
        return new Bill(lines);
    }

    private LineItem Capped(string usage, long hours, decimal monthly, PriceEntry price, string? note)
    {
        var hourly = monthly / HoursInBillingMonth;
        // Multiply before dividing so that 744 hours come to exactly the monthly price.
        var amount = Math.Min(hours * monthly / HoursInBillingMonth, monthly);
        var capNote = amount >= monthly ? $"capped at the {Money.Format(monthly)} monthly price" : $"{hours} h × {Money.UnitPrice(Math.Round(hourly, 6))}/h";
        return new LineItem(Service, usage, hours, "hours", hourly, amount, price.Key, note is null ? capNote : capNote + "; " + note);
    }

    /// <summary>Whole hours (a started hour counts) that [from, to ?? now) overlaps [start, upTo).</summary>
    private long Hours(DateTimeOffset from, DateTimeOffset? to, DateTimeOffset start, DateTimeOffset upTo)
    {
        var a = from > start ? from : start;
        var b = to ?? _aws.Clock.Now;
        if (b > upTo) b = upTo;
        return b <= a ? 0 : (long)Math.Ceiling((b - a).TotalHours - 1e-9);
    }

    private LightsailResource Add(string kind, string name, PriceEntry price, decimal multiplier, decimal size)
    {
        CheckName(kind + "Name", name);
        if (_resources.TryGetValue(name, out var old) && old.DeletedAt is null) throw new AwsException("InvalidInputException", $"A resource named '{name}' already exists.");
        return _resources[name] = new LightsailResource(kind, name, _aws.Clock.Now, price, multiplier, size);
    }

    private LightsailInstance Live(string name)
        => _instances.TryGetValue(name, out var i) && i.DeletedAt is null ? i : throw new AwsException("NotFoundException", $"No instance named '{name}'.");

    private LightsailStaticIp LiveIp(string name)
        => _ips.TryGetValue(name, out var i) && i.ReleasedAt is null ? i : throw new AwsException("NotFoundException", $"No static IP named '{name}'.");

    private static void CheckName(string field, string name)
    {
        if (name is null || !Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$"))
        {
            throw new AwsValidationException(field, name, "letters, numbers, periods, underscores and hyphens, starting with a letter or number", "InvalidInputException");
        }
    }

    // Documentation addresses (RFC 5737 TEST-NET-3), so no simulated address is a real one.
    private string NextIp() => $"203.0.113.{++_ipCounter % 250 + 1}";

    private string Arn(string type, string name) => $"arn:aws:lightsail:{_aws.Region}:{_aws.AccountId}:{type}/{name}";
}
