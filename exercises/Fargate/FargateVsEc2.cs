namespace Exercises.Fargate;

/// <summary>Exercise <c>fargate.vs-ec2</c>: a month of a service on Fargate or on EC2 instances you run yourself.</summary>
public static class FargateVsEc2
{
    /// <summary>
    /// A service runs <paramref name="tasks"/> tasks of <paramref name="vcpu"/> vCPU and <paramref name="memoryGb"/> GB all
    /// month (730 hours). Return what it costs (USD, rounded to cents) on Fargate (Linux/x86_64, on demand) and on ECS with
    /// EC2 instances of type <paramref name="instanceType"/>, where you fill each instance only up to
    /// <paramref name="utilisation"/> (e.g. 0.8 = 80 %) of its vCPUs <b>and</b> of its memory.
    /// </summary>
    /// <remarks>
    /// Fargate: tasks × (vCPU × $0.04048 + GB × $0.004445) × 730. EC2: tasks per instance = the largest whole number that
    /// keeps both vCPU and memory within utilisation × the instance's vCPUs (memory in GiB; treat GB = GiB here), instances =
    /// tasks ÷ tasks per instance rounded up, cost = instances × the hourly price × 730 (ECS itself is free).
    /// Sizes and prices: <c>AwsSim.Ec2.InstanceCatalog.Get(instanceType)</c> (Vcpu, MemoryGiB, HourlyPrice) and
    /// <c>AwsSim.Fargate.FargatePricing.HourlyRate(cpuUnits, memoryMiB)</c>. Use <c>decimal</c> for all the arithmetic
    /// (<c>(decimal)utilisation</c>): with <c>double</c>, 0.8 × 2 ÷ 0.4 can come out as 3.9999… and round down wrongly.
    /// Every case fits at least one task on an instance. Round each total with <c>Math.Round(x, 2, MidpointRounding.AwayFromZero)</c>.
    /// </remarks>
    public static (decimal Fargate, decimal Ec2) MonthlyCosts(int tasks, double vcpu, double memoryGb, string instanceType, double utilisation)
    {
        throw new NotImplementedException();
    }
}
