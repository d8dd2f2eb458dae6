using System.Globalization;
using AwsSim;
using AwsSim.Fargate;
using AwsSim.Lambda;

namespace Course.Commands;

/// <summary><c>course price fargate</c>: tasks of one size for a number of hours, on demand or Spot.</summary>
internal sealed class FargatePricer : IPricer
{
    public string Service => "fargate";

    public string Usage => "fargate --cpu <vCPU> --memory <GB> --hours <H> [--tasks N] [--arch x86_64|arm64] [--spot] [--ephemeral-gb <20-200>]";

    public string[] Flags => ["spot"];

    /// <summary>The most hours priced: ten years.</summary>
    internal const double MaxHours = 87_600;

    public (string Title, Bill Bill) Price(Args args)
    {
        var cpu = args.Double("cpu");
        var memory = args.Double("memory");
        var hours = args.Double("hours");
        var tasks = args.Long("tasks", 1);
        var arch = Architectures.Parse(args.Text("arch") ?? "x86_64", "--arch");
        var spot = args.Flag("spot");
        var ephemeral = args.Long("ephemeral-gb", 20);
        Validate.NonNegative("--hours", hours, "hours");
        // AWS sets no limit; ten years of one task is far past any bill worth pricing, and keeps the arithmetic finite.
        if (hours > MaxHours) throw new UsageException($"--hours = '{args.Text("hours")}' is not allowed: must be from 0 to {MaxHours:#,0} (ten years)");
        Validate.Range("--tasks", tasks, 1, 1_000_000, "tasks");
        Validate.Range("--ephemeral-gb", ephemeral, 20, FargatePricing.MaxEphemeralStorageGiB, "GB");
        var usage = FargateUsage.FromVcpu(cpu, memory, TimeSpan.FromHours(hours), tasks, arch, spot, (int)ephemeral);
        var title = string.Create(CultureInfo.InvariantCulture,
            $"AWS Fargate: {tasks:#,0} task(s) × {hours:0.###} h at {cpu:0.##} vCPU / {memory:0.##} GB, Linux/{arch.ToAwsName()}{(spot ? ", Fargate Spot" : "")}, ephemeral {ephemeral} GB (per second, 1-minute minimum per task)");
        var bill = FargatePricing.Price(usage);
        if (spot) title += "\nSpot prices: ASSUMPTION of the 70% maximum discount AWS advertises; real Spot rates vary (see the price note).";
        return (title, bill);
    }
}
