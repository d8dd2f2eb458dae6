using AwsSim.Ec2;
using AwsSim.Fargate;

namespace Exercises.Fargate;

/// <summary>Exercise <c>fargate.vs-ec2</c>: a month of a service on Fargate or on EC2 instances you run yourself.</summary>
public static class FargateVsEc2
{
    /// <summary>Reference answer.</summary>
    public static (decimal Fargate, decimal Ec2) MonthlyCosts(int tasks, double vcpu, double memoryGb, string instanceType, double utilisation)
    {
        var (cpu, mem) = FargateTaskSize.FromVcpuAndGb(vcpu, memoryGb);
        var fargate = tasks * FargatePricing.HourlyRate(cpu, mem) * 730m;
        var type = InstanceCatalog.Get(instanceType);
        var u = (decimal)utilisation;
        var perInstance = (int)Math.Min(Math.Floor(type.Vcpu * u / (decimal)vcpu), Math.Floor(type.MemoryGiB * u / (decimal)memoryGb));
        var instances = (int)Math.Ceiling(tasks / (decimal)perInstance);
        var ec2 = instances * type.HourlyPrice * 730m;
        return (Math.Round(fargate, 2, MidpointRounding.AwayFromZero), Math.Round(ec2, 2, MidpointRounding.AwayFromZero));
    }
}
