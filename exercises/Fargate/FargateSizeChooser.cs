namespace Exercises.Fargate;

/// <summary>Exercise <c>fargate.valid-size</c>: choose the cheapest valid Fargate task size.</summary>
public static class FargateSizeChooser
{
    /// <summary>
    /// An application needs at least <paramref name="vcpu"/> vCPU and <paramref name="memoryGb"/> GB of memory. Fargate only
    /// accepts certain task sizes. Return the valid size (CPU units, memory MiB) with at least that much of both that costs
    /// the least per hour on Linux/x86_64, or (0, 0) when no Fargate size is big enough.
    /// </summary>
    /// <remarks>
    /// The valid sizes (AWS's table): 256 CPU units (0.25 vCPU) with 512, 1024 or 2048 MiB; 512 with 1–4 GB; 1024 with
    /// 2–8 GB; 2048 with 4–16 GB; 4096 with 8–30 GB (all in 1 GB steps); 8192 with 16–60 GB in 4 GB steps; 16384 with
    /// 32–120 GB in 8 GB steps. 1 GB = 1,024 MiB; 1 vCPU = 1,024 CPU units. Rates: $0.04048 per vCPU-hour and $0.004445 per
    /// GB-hour (<c>AwsSim.Fargate.FargatePricing.HourlyRate(cpu, memory)</c> computes one). <c>AwsSim.Fargate.FargateTaskSize</c>
    /// lists the valid values if you want to use it.
    /// </remarks>
    public static (int CpuUnits, int MemoryMiB) Cheapest(double vcpu, double memoryGb)
    {
        throw new NotImplementedException();
    }
}
