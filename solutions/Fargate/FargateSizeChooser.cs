using AwsSim.Fargate;

namespace Exercises.Fargate;

/// <summary>Exercise <c>fargate.valid-size</c>: choose the cheapest valid Fargate task size.</summary>
public static class FargateSizeChooser
{
    /// <summary>Reference answer: every valid size that is big enough, cheapest first.</summary>
    public static (int CpuUnits, int MemoryMiB) Cheapest(double vcpu, double memoryGb)
    {
        var sizes = FargateTaskSize.CpuUnits
            .SelectMany(cpu => FargateTaskSize.ValidMemoryMiB(cpu).Select(mem => (Cpu: cpu, Mem: mem)))
            .Where(s => s.Cpu / 1024.0 >= vcpu && s.Mem / 1024.0 >= memoryGb)
            .OrderBy(s => FargatePricing.HourlyRate(s.Cpu, s.Mem))
            .ToList();
        return sizes.Count == 0 ? (0, 0) : sizes[0];
    }
}
