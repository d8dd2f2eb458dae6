namespace AwsSim.ApiGateway;

/// <summary>An API key: sent by callers in the <c>x-api-key</c> header. AWS says not to use keys for authorization.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">A name for people.</param>
/// <param name="Value">The secret value: 20–128 letters and digits.</param>
/// <param name="Enabled">Disabled keys are refused.</param>
public sealed record ApiKey(string Id, string Name, string Value, bool Enabled = true);

/// <summary>The period a usage plan's quota counts over.</summary>
public enum QuotaPeriod
{
    /// <summary>A UTC calendar day.</summary>
    Day,

    /// <summary>A week (the simulation counts weeks from Monday 00:00 UTC; AWS does not say in the fact sheet).</summary>
    Week,

    /// <summary>A UTC calendar month.</summary>
    Month,
}

/// <summary>How many requests a key may make per period.</summary>
/// <param name="Limit">Requests allowed per period.</param>
/// <param name="Period">DAY, WEEK or MONTH.</param>
public sealed record QuotaSettings(long Limit, QuotaPeriod Period);

/// <summary>
/// A usage plan: which API stages it covers, a per-key throttle (its own token bucket per key) and a per-key quota.
/// Keys are attached with <see cref="ApiGatewayService.CreateUsagePlanKey"/>.
/// </summary>
public sealed class UsagePlan
{
    internal UsagePlan(string id, string name, IReadOnlyList<(string ApiId, string Stage)> apiStages, ThrottleSettings? throttle, QuotaSettings? quota)
    {
        Id = id;
        Name = name;
        ApiStages = apiStages;
        Throttle = throttle;
        Quota = quota;
    }

    /// <summary>The plan's id.</summary>
    public string Id { get; }

    /// <summary>A name for people.</summary>
    public string Name { get; }

    /// <summary>The API stages it applies to.</summary>
    public IReadOnlyList<(string ApiId, string Stage)> ApiStages { get; }

    /// <summary>Per-key throttle, or null.</summary>
    public ThrottleSettings? Throttle { get; }

    /// <summary>Per-key quota, or null.</summary>
    public QuotaSettings? Quota { get; }

    internal HashSet<string> KeyIds { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, TokenBucket> Buckets { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, (DateTimeOffset PeriodStart, long Used)> Usage { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests a key has used in the current quota period at <paramref name="now"/>.</summary>
    public long UsedBy(string keyId, DateTimeOffset now)
        => Quota is null || !Usage.TryGetValue(keyId, out var u) || u.PeriodStart != PeriodStart(Quota.Period, now) ? 0 : u.Used;

    /// <summary>Requests a key has left in the current quota period, or null when there is no quota.</summary>
    public long? RemainingFor(string keyId, DateTimeOffset now) => Quota is null ? null : Math.Max(0, Quota.Limit - UsedBy(keyId, now));

    internal static DateTimeOffset PeriodStart(QuotaPeriod period, DateTimeOffset now)
    {
        var d = now.UtcDateTime.Date;
        return period switch
        {
            QuotaPeriod.Day => new DateTimeOffset(d, TimeSpan.Zero),
            QuotaPeriod.Week => new DateTimeOffset(d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), TimeSpan.Zero),
            _ => new DateTimeOffset(d.Year, d.Month, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }
}
