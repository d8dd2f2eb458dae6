using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Batch;

/// <summary>What Batch's instances and Fargate jobs cost, through the account's one <see cref="ComputeBilling"/>.</summary>
internal sealed class BatchBilling(AccountContext aws, ComputeBilling billing)
{
    /// <summary>The hourly price Batch pays for an instance type in this environment (Spot: on-demand × <c>ec2.spot.fraction</c>).</summary>
    internal decimal HourlyPrice(ComputeEnvironment ce, PriceEntry type) => billing.HourlyPrice(InstanceOf(type), ce.Type == "SPOT");

    internal InstanceType InstanceOf(PriceEntry p) => InstanceCatalog.Get(p.Key["ec2.".Length..], aws.Prices);

    internal void BillInstance(BatchInstance inst)
    {
        var seconds = ComputeBilling.BilledSeconds(inst.TerminatedAt!.Value - inst.LaunchedAt);
        var note = $"{inst.InstanceId}, {seconds:#,0} s billed (per second, 60 s minimum); Batch itself is free"
                   + (inst.IsSpot ? $"; Spot = on-demand × {aws.Prices.Get("ec2.spot.fraction").Price} (ec2.spot.fraction)" : "");
        inst.Cost = billing.ChargeInstance(InstanceOf(inst.Price), inst.IsSpot, seconds,
            $"{inst.InstanceType} {(inst.IsSpot ? "Spot" : "On-Demand")} (Batch CE {inst.Environment.ComputeEnvironmentName})", note);
    }

    internal void BillFargate(BatchJob job, ComputeEnvironment ce)
    {
        var seconds = ComputeBilling.BilledSeconds(aws.Clock.Now - job.AttemptStarting);
        var def = job.Definition.Request;
        var task = new FargateTask((int)Math.Round(job.Vcpus * 1024), job.Memory, def.CpuArchitecture == "ARM64" ? AwsSim.Architecture.Arm64 : AwsSim.Architecture.X86_64,
            Spot: false, def.EphemeralStorageGiB);
        billing.ChargeFargate(task, seconds, $"{job.JobId} attempt {job.AttemptList.Count + 1} (Batch CE {ce.ComputeEnvironmentName}), {seconds:#,0} s billed (1-minute minimum)");
    }
}
