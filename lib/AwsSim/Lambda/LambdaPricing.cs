namespace AwsSim.Lambda;

/// <summary>
/// Prices Lambda usage exactly as AWS bills it: a charge per request; a charge per GB-second of compute, where each
/// invocation's duration is rounded up to the next millisecond and multiplied by its configured memory; a lower rate
/// on arm64; cheaper tiers for very large monthly volumes; the monthly free tier; and ephemeral storage above 512 MB.
/// </summary>
/// <remarks>
/// Pure functions: no account or clock needed. Prices come from <see cref="PriceList"/>.
/// Assumptions where AWS does not say: the free compute allowance (shared by both architectures) is used on
/// x86_64 first, then arm64, and is credited at the first tier's rate; tiers apply to a month's gross GB-seconds per
/// architecture; every invocation bills at least 1 ms.
/// </remarks>
public static class LambdaPricing
{
    /// <summary>The service name on bills.</summary>
    public const string Service = "AWS Lambda";

    /// <summary>Billing rounds each invocation's duration up to a whole millisecond (at least 1 ms).</summary>
    public static long BilledMilliseconds(double durationMs)
    {
        Validate.NonNegative("DurationMs", durationMs, "milliseconds");
        return Math.Max(1L, (long)Math.Ceiling(durationMs));
    }

    /// <summary>GB-seconds of one invocation: memory in GB (MB / 1,024) × billed seconds.</summary>
    public static decimal GbSeconds(int memoryMb, double durationMs)
    {
        LambdaLimits.ValidateMemory(memoryMb);
        return memoryMb / 1024m * BilledMilliseconds(durationMs) / 1000m;
    }

    /// <summary>Adds up a month of usage described by averages.</summary>
    public static LambdaMonthlyTotals Totals(LambdaUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        Validate.NonNegative("Requests", usage.Requests, "invocations");
        LambdaLimits.ValidateMemory(usage.MemoryMb);
        LambdaLimits.ValidateEphemeral(usage.EphemeralStorageMb);
        var billedMs = usage.Requests == 0 ? 0 : BilledMilliseconds(usage.DurationMs);
        var seconds = usage.Requests * (decimal)billedMs / 1000m;
        var totals = new LambdaMonthlyTotals { Requests = usage.Requests };
        totals.AddCompute(usage.Architecture, usage.MemoryMb / 1024m * seconds);
        totals.EphemeralGbSeconds += (usage.EphemeralStorageMb - LambdaLimits.MinEphemeralMb) / 1024m * seconds;
        return totals;
    }

    /// <summary>Adds up a month of individual invocations.</summary>
    public static LambdaMonthlyTotals Totals(IEnumerable<InvocationRecord> invocations)
    {
        ArgumentNullException.ThrowIfNull(invocations);
        var totals = new LambdaMonthlyTotals();
        foreach (var r in invocations) totals.Add(r);
        return totals;
    }

    /// <summary>The month's bill for usage described by averages.</summary>
    /// <param name="usage">Requests, memory, duration, architecture and ephemeral storage.</param>
    /// <param name="freeTier">Apply the monthly free tier (1M requests, 400,000 GB-s). On by default.</param>
    /// <param name="prices">Prices to use; the course's price list by default.</param>
    public static Bill MonthlyBill(LambdaUsage usage, bool freeTier = true, PriceList? prices = null)
        => MonthlyBill(Totals(usage), freeTier, prices);

    /// <summary>The month's bill for a set of invocations.</summary>
    public static Bill MonthlyBill(IEnumerable<InvocationRecord> invocations, bool freeTier = true, PriceList? prices = null)
        => MonthlyBill(Totals(invocations), freeTier, prices);

    /// <summary>The month's bill for usage already added up.</summary>
    public static Bill MonthlyBill(LambdaMonthlyTotals totals, bool freeTier = true, PriceList? prices = null)
    {
        ArgumentNullException.ThrowIfNull(totals);
        prices ??= PriceList.Default;
        var bill = new Bill();
        var request = prices.Get("lambda.requests");
        bill.Add(LineItem.From(request, "Requests", totals.Requests));
        if (freeTier)
        {
            var free = Math.Min(totals.Requests, prices.GetAllowance("lambda.free.requests").Quantity);
            if (free > 0) bill.Add(LineItem.From(request, "Free tier: requests", -free, "first 1,000,000 requests a month are free"));
        }

        var freeCompute = freeTier ? prices.GetAllowance("lambda.free.compute").Quantity : 0m;
        foreach (var arch in new[] { Architecture.X86_64, Architecture.Arm64 })
        {
            var gbs = totals.ComputeGbSeconds(arch);
            if (gbs == 0) continue;
            var tiers = prices.WithPrefix($"lambda.duration.{arch.ToAwsName()}.");
            foreach (var tier in tiers)
            {
                var inTier = AmountInTier(gbs, tier);
                if (inTier > 0) bill.Add(LineItem.From(tier, $"Compute, {arch.ToAwsName()}, {TierName(tier)}", inTier));
            }
            var credit = Math.Min(gbs, freeCompute);
            if (credit > 0)
            {
                freeCompute -= credit;
                bill.Add(LineItem.From(tiers[0], $"Free tier: compute, {arch.ToAwsName()}", -credit, "400,000 GB-s a month are free, both architectures together"));
            }
        }

        if (totals.EphemeralGbSeconds > 0)
        {
            bill.Add(LineItem.From(prices.Get("lambda.ephemeral"), "Ephemeral storage above 512 MB", totals.EphemeralGbSeconds));
        }
        return bill;
    }

    private static decimal AmountInTier(decimal total, PriceEntry tier)
    {
        var start = tier.TierStart ?? 0;
        var end = tier.TierEnd ?? decimal.MaxValue;
        return Math.Max(0, Math.Min(total, end) - start);
    }

    private static string TierName(PriceEntry tier) => tier.Key[^5..] switch
    {
        "tier1" => "tier 1",
        "tier2" => "tier 2 (10% off)",
        "tier3" => "tier 3 (20% off)",
        _ => tier.Key,
    };
}

/// <summary>A month of Lambda usage added up: requests and GB-seconds per architecture.</summary>
public sealed class LambdaMonthlyTotals
{
    /// <summary>Invocations.</summary>
    public long Requests { get; set; }

    /// <summary>GB-seconds on x86_64.</summary>
    public decimal X86GbSeconds { get; set; }

    /// <summary>GB-seconds on arm64.</summary>
    public decimal ArmGbSeconds { get; set; }

    /// <summary>GB-seconds of ephemeral storage above the free 512 MB.</summary>
    public decimal EphemeralGbSeconds { get; set; }

    /// <summary>GB-seconds on one architecture.</summary>
    public decimal ComputeGbSeconds(Architecture architecture) => architecture == Architecture.Arm64 ? ArmGbSeconds : X86GbSeconds;

    /// <summary>Adds GB-seconds on one architecture.</summary>
    public void AddCompute(Architecture architecture, decimal gbSeconds)
    {
        if (architecture == Architecture.Arm64) ArmGbSeconds += gbSeconds; else X86GbSeconds += gbSeconds;
    }

    /// <summary>Adds one invocation.</summary>
    public void Add(in InvocationRecord r)
    {
        LambdaLimits.ValidateMemory(r.MemoryMb);
        LambdaLimits.ValidateEphemeral(r.EphemeralStorageMb);
        var billedMs = LambdaPricing.BilledMilliseconds(r.DurationMs);
        Requests++;
        AddCompute(r.Architecture, r.MemoryMb * (decimal)billedMs / 1_024_000m);
        if (r.EphemeralStorageMb > LambdaLimits.MinEphemeralMb)
        {
            EphemeralGbSeconds += (r.EphemeralStorageMb - LambdaLimits.MinEphemeralMb) * (decimal)billedMs / 1_024_000m;
        }
    }
}
