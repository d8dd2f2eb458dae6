namespace AwsSim.Lightsail;

/// <summary>A Lightsail instance (a virtual private server).</summary>
public sealed class LightsailInstance
{
    internal LightsailInstance(string name, string arn, LightsailBlueprint blueprint, LightsailBundle bundle, DateTimeOffset createdAt, string? ip)
    {
        Name = name;
        Arn = arn;
        Blueprint = blueprint;
        Bundle = bundle;
        CreatedAt = createdAt;
        PublicIpAddress = ip;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The ARN.</summary>
    public string Arn { get; }

    /// <summary>The image it was created from.</summary>
    public LightsailBlueprint Blueprint { get; }

    /// <summary>Its plan.</summary>
    public LightsailBundle Bundle { get; }

    /// <summary>running, stopped or deleted.</summary>
    public string State { get; internal set; } = "running";

    /// <summary>When it was created (billing starts).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it was deleted (billing stops), or null.</summary>
    public DateTimeOffset? DeletedAt { get; internal set; }

    /// <summary>Its public IPv4 address (a static IP when one is attached); null for IPv6-only plans.</summary>
    public string? PublicIpAddress { get; internal set; }

    /// <summary>The attached static IP's name, or null.</summary>
    public string? StaticIpName { get; internal set; }

    internal List<(DateTimeOffset At, decimal InGb, decimal OutGb)> Transfer { get; } = new();
    internal bool EverStopped;
}

/// <summary>A static IPv4 address: free while attached to an instance.</summary>
public sealed class LightsailStaticIp
{
    internal LightsailStaticIp(string name, string address, DateTimeOffset at)
    {
        Name = name;
        IpAddress = address;
        Unattached.Add((at, null));
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The address.</summary>
    public string IpAddress { get; }

    /// <summary>The instance it is attached to, or null.</summary>
    public string? AttachedTo { get; internal set; }

    /// <summary>When it was released, or null.</summary>
    public DateTimeOffset? ReleasedAt { get; internal set; }

    internal List<(DateTimeOffset From, DateTimeOffset? To)> Unattached { get; } = new();
}

/// <summary>A monthly-priced Lightsail resource other than an instance: a snapshot, managed database or load balancer.</summary>
public sealed class LightsailResource
{
    internal LightsailResource(string kind, string name, DateTimeOffset at, PriceEntry price, decimal multiplier, decimal sizeGb)
    {
        Kind = kind;
        Name = name;
        CreatedAt = at;
        Price = price;
        Multiplier = multiplier;
        SizeInGb = sizeGb;
    }

    /// <summary>snapshot, database or load-balancer.</summary>
    public string Kind { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it was deleted, or null.</summary>
    public DateTimeOffset? DeletedAt { get; internal set; }

    /// <summary>The price list entry.</summary>
    public PriceEntry Price { get; }

    /// <summary>2 for a High Availability database (twice the standard plan), else 1.</summary>
    public decimal Multiplier { get; }

    /// <summary>For snapshots: the stored size in GB.</summary>
    public decimal SizeInGb { get; }
}
