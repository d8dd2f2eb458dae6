using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Batch;

/// <summary>
/// The EC2/Spot instances of Batch's compute environments: which types an environment may use, which one to launch for
/// a job, launching, scaling in when idle, Spot interruptions and termination (billed through <see cref="BatchBilling"/>).
/// </summary>
internal sealed class BatchFleet
{
    private readonly AccountContext _aws;
    private readonly BatchBilling _billing;
    private readonly BatchOptions _options;
    private readonly Action _requestPass;
    private readonly Action<BatchInstance> _interrupt;
    private readonly Random _spot;
    private long _instances;

    internal BatchFleet(AccountContext aws, BatchBilling billing, BatchOptions options, Action requestPass, Action<BatchInstance> interrupt)
    {
        _aws = aws;
        _billing = billing;
        _options = options;
        _requestPass = requestPass;
        _interrupt = interrupt;
        _spot = new Random(unchecked(aws.Seed * 31 + 23));
    }

    /// <summary>Launches the cheapest types until the environment has <paramref name="target"/> vCPUs.</summary>
    internal void LaunchUpTo(ComputeEnvironment ce, int target)
    {
        while (ce.LivevCpus < target)
        {
            var cheapest = ce.InstanceTypes.OrderBy(HourlyPrice(ce)).ThenBy(t => t.Key, StringComparer.Ordinal).First();
            Launch(ce, cheapest);
        }
    }

    /// <summary>
    /// Which instance type the allocation strategy launches for a job of this size now, or null when it must wait.
    /// BEST_FIT: the cheapest type that fits, never above maxvCpus. BEST_FIT_PROGRESSIVE: the lowest cost per vCPU that
    /// stays within maxvCpus, else (while below maxvCpus) the cheapest that fits, exceeding it by at most one instance.
    /// SPOT_CAPACITY_OPTIMIZED: the fitting type whose Spot pool is least likely to be interrupted;
    /// SPOT_PRICE_CAPACITY_OPTIMIZED: lowest price × interruption likelihood (both may exceed maxvCpus by one instance).
    /// </summary>
    internal PriceEntry? ChooseInstanceType(ComputeEnvironment ce, double vcpus, int memoryMiB)
    {
        ArgumentNullException.ThrowIfNull(ce);
        var fitting = ce.InstanceTypes.Where(t => Vcpu(t) >= vcpus && MemMiB(t) >= memoryMiB).ToList();
        if (fitting.Count == 0) return null;
        var cur = ce.LivevCpus;
        var max = ce.Request.MaxvCpus;
        var price = HourlyPrice(ce);
        switch (ce.AllocationStrategy)
        {
            case "BEST_FIT":
            {
                var t = fitting.OrderBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).First();
                return cur + Vcpu(t) <= max ? t : null;
            }
            case "BEST_FIT_PROGRESSIVE":
            {
                var within = fitting.Where(t => cur + Vcpu(t) <= max).OrderBy(t => price(t) / Vcpu(t)).ThenBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault();
                if (within is not null) return within;
                return cur < max ? fitting.OrderBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
            }
            case "SPOT_CAPACITY_OPTIMIZED":
                return cur < max ? fitting.OrderBy(InterruptionFactor).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
            default: // SPOT_PRICE_CAPACITY_OPTIMIZED
                return cur < max ? fitting.OrderBy(t => price(t) * (decimal)InterruptionFactor(t)).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
        }
    }

    internal BatchInstance Launch(ComputeEnvironment ce, PriceEntry type)
    {
        var now = _aws.Clock.Now;
        var inst = new BatchInstance(ce, "i-" + (++_instances).ToString("x17", CultureInfo.InvariantCulture), type, ce.Type == "SPOT", now, now + _options.InstanceStartup);
        ce.InstanceList.Add(inst);
        ce.Live.Add(inst);
        ce.LivevCpus += inst.Vcpus;
        ce.PeakvCpus = Math.Max(ce.PeakvCpus, ce.LivevCpus);
        _aws.Clock.Schedule(inst.ReadyAt, () =>
        {
            if (inst.TerminatedAt is not null) return;
            inst.Ready = true;
            inst.IdleSince = _aws.Clock.Now;
            ScheduleIdleCheck(inst);
            _requestPass();
        }, $"batch: {inst.InstanceId} ready");
        var rate = ce.Request.SpotInterruptionsPerInstanceHour * InterruptionFactor(type);
        if (inst.IsSpot && rate > 0)
        {
            var hours = -Math.Log(1 - _spot.NextDouble()) / rate;
            inst.Interruption = _aws.Clock.Schedule(now + TimeSpan.FromHours(Math.Min(hours, 24 * 365)), () => _interrupt(inst), $"batch: Spot interruption of {inst.InstanceId}");
        }
        return inst;
    }

    internal void ScheduleIdleCheck(BatchInstance inst)
    {
        var since = inst.IdleSince;
        _aws.Clock.ScheduleAfter(_options.ScaleInAfterIdle, () =>
        {
            var ce = inst.Environment;
            if (inst.TerminatedAt is null && inst.Jobs.Count == 0 && inst.IdleSince == since && ce.LivevCpus - inst.Vcpus >= ce.Request.MinvCpus)
            {
                Terminate(inst, "scaled in");
                _requestPass();
            }
        }, $"batch: idle check {inst.InstanceId}");
    }

    internal void Terminate(BatchInstance inst, string reason)
    {
        var ce = inst.Environment;
        inst.TerminatedAt = _aws.Clock.Now;
        inst.TerminationReason = reason;
        inst.Interruption?.Cancel();
        ce.Live.Remove(inst);
        ce.LivevCpus -= inst.Vcpus;
        _billing.BillInstance(inst);
    }

    private Func<PriceEntry, decimal> HourlyPrice(ComputeEnvironment ce) => t => _billing.HourlyPrice(ce, t);

    internal IReadOnlyList<PriceEntry> ResolveInstanceTypes(IReadOnlyList<string>? requested)
    {
        var priced = _aws.Prices.WithPrefix("ec2.").Where(p => p.Attributes is { } a && a.ContainsKey("vcpu") && a.ContainsKey("memoryGiB")).ToList();
        var known = string.Join(", ", priced.Select(p => p.Key[4..]));
        if (requested is null || requested.Count == 0) throw new AwsValidationException("computeResources.instanceTypes", "(empty)", "at least one of: optimal, a family or a size from the price list (" + known + ")", BatchChecks.Client);
        var result = new List<PriceEntry>();
        foreach (var r in requested)
        {
            IEnumerable<PriceEntry> found;
            if (r == "optimal")
            {
                // optimal = C4/M4/R4, or C5/M5/R5 where those are not offered (aws-facts §8): the price list has no 4th generation.
                found = Family(priced, "c4", "m4", "r4");
                if (!found.Any()) found = Family(priced, "c5", "m5", "r5");
            }
            else if (!r.Contains('.')) found = Family(priced, r);
            else found = priced.Where(p => p.Key == "ec2." + r);
            var list = found.ToList();
            if (list.Count == 0) throw new AwsValidationException("computeResources.instanceTypes", r, "optimal, or a family or size the price list prices: " + known, BatchChecks.Client);
            result.AddRange(list.Where(p => !result.Contains(p)));
        }
        if (result.Select(ArchitectureOf).Distinct().Count() > 1)
        {
            throw new AwsValidationException("computeResources.instanceTypes", string.Join(",", requested), "instance types of one architecture (x86_64 or arm64) per compute environment", BatchChecks.Client);
        }
        return result;
    }

    private static IEnumerable<PriceEntry> Family(List<PriceEntry> priced, params string[] families)
        => priced.Where(p => families.Any(f => p.Key.StartsWith("ec2." + f + ".", StringComparison.Ordinal)));

    private string ArchitectureOf(PriceEntry p) => _billing.InstanceOf(p).Architecture;

    private InstanceType InstanceOf(PriceEntry p) => InstanceCatalog.Get(p.Key["ec2.".Length..], _aws.Prices);

    internal string Architecture(ComputeEnvironment ce) => ce.IsFargate ? "x86_64" : ArchitectureOf(ce.InstanceTypes[0]);

    private static int Vcpu(PriceEntry p) => int.Parse(p.Attributes!["vcpu"], CultureInfo.InvariantCulture);

    private static int MemMiB(PriceEntry p) => (int)(decimal.Parse(p.Attributes!["memoryGiB"], CultureInfo.InvariantCulture) * 1024);

    /// <summary>Relative Spot interruption likelihood of a type's pool, 0.5–1.5, fixed per seed (a simulation model).</summary>
    private double InterruptionFactor(PriceEntry type)
    {
        uint h = 2166136261;
        foreach (var c in type.Key + "#" + _aws.Seed.ToString(CultureInfo.InvariantCulture)) h = (h ^ c) * 16777619;
        return 0.5 + (h % 10_000) / 10_000.0;
    }
}
