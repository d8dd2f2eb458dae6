namespace AwsSim.Ec2;

/// <summary>
/// An EC2 instance type from the course's catalog: its size and its on-demand Linux price (us-east-1), read from the
/// price list entry <c>ec2.&lt;type&gt;</c> (attributes <c>vcpu</c> and <c>memoryGiB</c>).
/// </summary>
/// <param name="Name">The type, e.g. <c>m5.large</c>.</param>
/// <param name="Vcpu">Virtual CPUs.</param>
/// <param name="MemoryGiB">Memory in GiB.</param>
/// <param name="HourlyPrice">USD per hour, on demand, Linux.</param>
/// <param name="PriceKey">The price list key, e.g. <c>ec2.m5.large</c>.</param>
/// <param name="Architecture">The CPU architecture AWS names it with: <c>x86_64</c> or <c>arm64</c> (Graviton types).</param>
public sealed record InstanceType(string Name, int Vcpu, decimal MemoryGiB, decimal HourlyPrice, string PriceKey, string Architecture)
{
    /// <summary>ECS CPU units the instance offers: 1,024 per vCPU.</summary>
    public int CpuUnits => Vcpu * 1024;

    /// <summary>Memory in MiB (GiB × 1,024), the unit ECS task definitions use.</summary>
    /// <remarks>Real container instances report a little less (the OS and agent keep some); the simulator offers it all.</remarks>
    public int MemoryMiB => (int)(MemoryGiB * 1024);

    /// <summary>The family, e.g. <c>m5</c> for <c>m5.large</c>.</summary>
    public string Family => Name.Split('.')[0];

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Vcpu} vCPU, {MemoryGiB:0.##} GiB, {Money.UnitPrice(HourlyPrice)}/h)";
}
