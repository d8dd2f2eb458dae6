using System.Globalization;

namespace AwsSim.Fargate;

/// <summary>
/// Prices Fargate as AWS bills it (aws-facts §6): per vCPU-hour and per GB-hour of the task size, from the start of the
/// image pull until the task stops, rounded up to the second with a one-minute minimum; arm64 is cheaper; Fargate Spot
/// is discounted; ephemeral storage above the included 20 GB is billed per GB-hour. Pure functions: no account needed.
/// </summary>
/// <remarks>
/// Fargate Spot: AWS publishes Spot rates on a live table and promises only "up to 70 %" off. The course's price list
/// models the 70 % ceiling (keys <c>fargate.spot.*</c>, see their note); real Spot bills can be higher. Spot runs only
/// Linux x86_64 tasks (ECS guide, Fargate capacity providers), so arm64 + Spot is rejected.
/// </remarks>
public static class FargatePricing
{
    /// <summary>The service name on bills.</summary>
    public const string Service = "AWS Fargate";

    /// <summary>The most ephemeral storage a task can have (GiB).</summary>
    public const int MaxEphemeralStorageGiB = 200;

    /// <summary>Billed seconds of one task: rounded up to a whole second, at least 60.</summary>
    public static long BilledSeconds(TimeSpan duration) => PerSecondBilling.BilledSeconds(duration);

    /// <summary>The price list key prefix for a platform: <c>fargate.linux.x86_64</c>, <c>fargate.linux.arm64</c> or <c>fargate.spot.linux.x86_64</c>.</summary>
    public static string KeyPrefix(Architecture architecture, bool spot)
    {
        if (spot && architecture == Architecture.Arm64)
        {
            throw new AwsValidationException("capacityProvider", "FARGATE_SPOT with arm64",
                "Fargate Spot only supports Linux tasks with the X86_64 architecture", "InvalidParameterException");
        }
        return (spot ? "fargate.spot.linux." : "fargate.linux.") + architecture.ToAwsName();
    }

    /// <summary>The bill for <paramref name="usage"/>: vCPU-hours, GB-hours and extra ephemeral storage, one line each.</summary>
    public static Bill Price(FargateUsage usage, PriceList? prices = null)
    {
        ArgumentNullException.ThrowIfNull(usage);
        prices ??= PriceList.Default;
        FargateTaskSize.Validate(usage.CpuUnits, usage.MemoryMiB);
        Validate.NonNegative("tasks", usage.Tasks, "tasks");
        var included = (int)prices.GetAllowance("fargate.included.ephemeral").Quantity;
        Validate.Range("ephemeralStorage.sizeInGiB", usage.EphemeralStorageGiB, included, MaxEphemeralStorageGiB, "GiB");
        var note = usage.Tasks == 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{usage.Tasks:#,0} tasks");
        return new Bill(Lines(usage.CpuUnits, usage.MemoryMiB, usage.Architecture, usage.Spot, usage.EphemeralStorageGiB, usage.Tasks * BilledSeconds(usage.Duration), note, prices));
    }

    /// <summary>
    /// Bill lines for <paramref name="billedSeconds"/> task-seconds of one size (no minimum applied here: callers apply
    /// <see cref="BilledSeconds"/> per task). ECS uses this to bill tasks as they stop.
    /// </summary>
    public static IReadOnlyList<LineItem> Lines(int cpuUnits, int memoryMiB, Architecture architecture, bool spot, int ephemeralStorageGiB, decimal billedSeconds, string? note = null, PriceList? prices = null)
    {
        prices ??= PriceList.Default;
        var included = (int)prices.GetAllowance("fargate.included.ephemeral").Quantity;
        var prefix = KeyPrefix(architecture, spot);
        var hours = billedSeconds / 3600m;
        var platform = (spot ? "Spot, " : "") + "Linux/" + architecture.ToAwsName();
        var lines = new List<LineItem>
        {
            LineItem.From(prices.Get(prefix + ".vcpu"), $"vCPU, {platform}", cpuUnits / 1024m * hours, note),
            LineItem.From(prices.Get(prefix + ".memory"), $"Memory, {platform}", memoryMiB / 1024m * hours, note),
        };
        if (ephemeralStorageGiB > included)
        {
            lines.Add(LineItem.From(prices.Get("fargate.ephemeral"), $"Ephemeral storage above {included} GB", (ephemeralStorageGiB - included) * hours, note));
        }
        return lines;
    }

    /// <summary>The cost in USD (exact) of <paramref name="usage"/>.</summary>
    public static decimal Cost(FargateUsage usage, PriceList? prices = null) => Price(usage, prices).Total;

    /// <summary>The cost of one task of this size for one hour (no minimum applies to a full hour).</summary>
    public static decimal HourlyRate(int cpuUnits, int memoryMiB, Architecture architecture = Architecture.X86_64, bool spot = false, PriceList? prices = null)
        => Cost(new FargateUsage(cpuUnits, memoryMiB, TimeSpan.FromHours(1), 1, architecture, spot), prices);
}
