namespace AwsSim.Fargate;

/// <summary>What Fargate bills: how many tasks of one size ran for how long.</summary>
/// <param name="CpuUnits">Task CPU in CPU units (1,024 = 1 vCPU); must be a valid Fargate size with <paramref name="MemoryMiB"/>.</param>
/// <param name="MemoryMiB">Task memory in MiB.</param>
/// <param name="Duration">How long each task ran (from the start of the image pull until it stopped).</param>
/// <param name="Tasks">How many such tasks ran.</param>
/// <param name="Architecture">x86_64 (default) or arm64 (Graviton, cheaper).</param>
/// <param name="Spot">Ran on Fargate Spot (discounted, interruptible; x86_64 Linux only).</param>
/// <param name="EphemeralStorageGiB">Ephemeral storage per task: 20 GiB included, configurable up to 200 GiB.</param>
public sealed record FargateUsage(
    int CpuUnits,
    int MemoryMiB,
    TimeSpan Duration,
    long Tasks = 1,
    Architecture Architecture = Architecture.X86_64,
    bool Spot = false,
    int EphemeralStorageGiB = 20)
{
    /// <summary>Builds a usage from vCPU and GB, as the pricing page writes sizes (e.g. 0.25 vCPU, 0.5 GB).</summary>
    public static FargateUsage FromVcpu(double vcpu, double memoryGb, TimeSpan duration, long tasks = 1, Architecture architecture = Architecture.X86_64, bool spot = false, int ephemeralStorageGiB = 20)
    {
        var (cpu, mem) = FargateTaskSize.FromVcpuAndGb(vcpu, memoryGb);
        return new FargateUsage(cpu, mem, duration, tasks, architecture, spot, ephemeralStorageGiB);
    }
}
