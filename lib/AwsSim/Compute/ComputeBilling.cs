using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Compute;

/// <summary>
/// The one place EC2 instances and Fargate tasks are charged, whoever runs them: ECS and Batch both bill through it, so
/// the same Fargate task (size, architecture, Spot, ephemeral storage, seconds) costs the same under either.
/// Prices come from <see cref="InstanceCatalog"/> and <see cref="FargatePricing"/>; seconds from <see cref="PerSecondBilling"/>.
/// </summary>
internal sealed class ComputeBilling(AccountContext account)
{
    /// <summary>Seconds an instance or task is billed for: rounded up, at least 60.</summary>
    public static long BilledSeconds(TimeSpan ran) => PerSecondBilling.BilledSeconds(ran);

    /// <summary>The hourly price of an instance type, on demand or Spot (on-demand × <c>ec2.spot.fraction</c>).</summary>
    public decimal HourlyPrice(InstanceType type, bool spot)
        => spot ? type.HourlyPrice * account.Prices.Get("ec2.spot.fraction").Price : type.HourlyPrice;

    /// <summary>Charges <paramref name="billedSeconds"/> of one instance; returns the amount.</summary>
    public decimal ChargeInstance(InstanceType type, bool spot, decimal billedSeconds, string description, string note)
    {
        var price = account.Prices.Get(type.PriceKey);
        var hours = billedSeconds / 3600m;
        var unit = HourlyPrice(type, spot);
        var amount = hours * unit;
        account.Bill.Add(new LineItem(price.Service, description, hours, price.Unit, unit, amount, price.Key, note));
        return amount;
    }

    /// <summary>Charges <paramref name="billedSeconds"/> of one Fargate task of this size; returns the amount.</summary>
    public decimal ChargeFargate(FargateTask task, decimal billedSeconds, string note)
    {
        var lines = FargatePricing.Lines(task.CpuUnits, task.MemoryMiB, task.Architecture, task.Spot, task.EphemeralStorageGiB, billedSeconds, note, account.Prices);
        account.Bill.AddRange(lines);
        return lines.Sum(l => l.Amount);
    }
}

/// <summary>What Fargate bills a task by: its size, platform and storage.</summary>
internal readonly record struct FargateTask(int CpuUnits, int MemoryMiB, Architecture Architecture, bool Spot, int EphemeralStorageGiB);
