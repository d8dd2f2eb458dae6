using System.Globalization;

namespace AwsSim.Fargate;

/// <summary>
/// The task sizes Fargate accepts: task-level CPU units and memory (MiB) from AWS's table of valid combinations
/// (aws-facts §6, from the ECS developer guide "AWS Fargate"): 0.25 vCPU with 0.5, 1 or 2 GB up to 16 vCPU with 32–120 GB.
/// </summary>
public static class FargateTaskSize
{
    private static readonly IReadOnlyDictionary<int, int[]> s_table = new SortedDictionary<int, int[]>
    {
        [256] = [512, 1024, 2048],
        [512] = Steps(1024, 4096, 1024),
        [1024] = Steps(2048, 8192, 1024),
        [2048] = Steps(4096, 16384, 1024),
        [4096] = Steps(8192, 30720, 1024),
        [8192] = Steps(16384, 61440, 4096),    // platform version 1.4.0 or later
        [16384] = Steps(32768, 122880, 8192),  // platform version 1.4.0 or later
    };

    /// <summary>The valid task CPU values in CPU units (1,024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192, 16384.</summary>
    public static IReadOnlyList<int> CpuUnits { get; } = s_table.Keys.ToArray();

    /// <summary>The valid memory values (MiB) for a task CPU value; an error listing the valid CPU values when there are none.</summary>
    public static IReadOnlyList<int> ValidMemoryMiB(int cpuUnits)
        => s_table.TryGetValue(cpuUnits, out var m)
            ? m
            : throw new AwsValidationException("cpu", cpuUnits.ToString(CultureInfo.InvariantCulture),
                "Fargate task CPU must be one of " + string.Join(", ", CpuUnits) + " CPU units (0.25, 0.5, 1, 2, 4, 8, 16 vCPU)", "ClientException");

    /// <summary>True when (cpu, memory) is one of Fargate's combinations.</summary>
    public static bool IsValid(int cpuUnits, int memoryMiB) => s_table.TryGetValue(cpuUnits, out var m) && Array.IndexOf(m, memoryMiB) >= 0;

    /// <summary>
    /// Checks a task size. An invalid pair fails as ECS does (<c>ClientException</c>: "No Fargate configuration exists for given
    /// values"), and the message lists the valid memory values for the CPU asked for.
    /// </summary>
    public static void Validate(int cpuUnits, int memoryMiB)
    {
        var valid = ValidMemoryMiB(cpuUnits);
        if (Array.IndexOf((int[])valid, memoryMiB) >= 0) return;
        throw new AwsValidationException("memory", memoryMiB.ToString(CultureInfo.InvariantCulture),
            $"No Fargate configuration exists for given values: {cpuUnits} CPU, {memoryMiB} memory. For cpu {cpuUnits} ({Vcpu(cpuUnits)} vCPU) the valid memory values are "
            + string.Join(", ", valid) + " MiB (" + string.Join(", ", valid.Select(v => Gb(v))) + " GB)", "ClientException");
    }

    /// <summary>Checks a size given in vCPU and GB (as the pricing page and <c>course price fargate</c> write it) and returns it in CPU units and MiB.</summary>
    public static (int CpuUnits, int MemoryMiB) FromVcpuAndGb(double vcpu, double memoryGb)
    {
        var cpu = vcpu * 1024;
        if (double.IsNaN(cpu) || Math.Abs(cpu - Math.Round(cpu)) > 1e-6 || !s_table.ContainsKey((int)Math.Round(cpu)))
        {
            throw new AwsValidationException("cpu", vcpu.ToString(CultureInfo.InvariantCulture) + " vCPU",
                "Fargate task CPU must be one of 0.25, 0.5, 1, 2, 4, 8, 16 vCPU", "ClientException");
        }
        var units = (int)Math.Round(cpu);
        var mem = memoryGb * 1024;
        if (double.IsNaN(mem) || Math.Abs(mem - Math.Round(mem)) > 1e-6 || mem < 0 || mem > int.MaxValue)
        {
            var valid = ValidMemoryMiB(units);
            throw new AwsValidationException("memory", memoryGb.ToString(CultureInfo.InvariantCulture) + " GB",
                $"for cpu {units} ({Vcpu(units)} vCPU) the valid memory values are " + string.Join(", ", valid.Select(v => Gb(v))) + " GB", "ClientException");
        }
        Validate(units, (int)Math.Round(mem));
        return (units, (int)Math.Round(mem));
    }

    /// <summary>CPU units as vCPU, e.g. "0.25".</summary>
    public static string Vcpu(int cpuUnits) => (cpuUnits / 1024m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>MiB as GB the way AWS's table writes it, e.g. "0.5".</summary>
    public static string Gb(int memoryMiB) => (memoryMiB / 1024m).ToString("0.##", CultureInfo.InvariantCulture);

    private static int[] Steps(int from, int to, int step)
    {
        var list = new List<int>();
        for (var v = from; v <= to; v += step) list.Add(v);
        return list.ToArray();
    }
}
