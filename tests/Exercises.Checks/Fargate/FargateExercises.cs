using Exercises.Fargate;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Fargate;

/// <summary>The Fargate exercises (lesson 02).</summary>
public sealed class FargateExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "02-fargate";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("fargate.valid-size", "Choose the cheapest valid Fargate task size", 3, "exercises/Fargate/FargateSizeChooser.cs",
            () => Each(
                new (double Vcpu, double Gb)[] { (0.25, 0.5), (0.1, 0.1), (0.25, 3), (0.5, 0.5), (1, 9), (3, 4), (2, 16), (4, 31), (5, 10), (16, 100), (20, 1), (1, 200) },
                c => Inv($"needs {c.Vcpu} vCPU, {c.Gb} GB"),
                c => FargateSizeChooser.Cheapest(c.Vcpu, c.Gb),
                r => r == (0, 0) ? "no Fargate size is big enough" : Inv($"cpu {r.CpuUnits}, memory {r.MemoryMiB} MiB")),
            [
                "Fargate accepts only certain (CPU, memory) pairs: the lesson's table lists them.",
                "Keep the pairs with at least the vCPUs and GB asked for (1 vCPU = 1,024 CPU units, 1 GB = 1,024 MiB).",
                "Of those, the cheapest per hour wins; when none is big enough, return (0, 0).",
            ]),

        new("fargate.vs-ec2", "A month on Fargate vs on EC2 at a utilisation", 4, "exercises/Fargate/FargateVsEc2.cs",
            () => Each(
                new (int Tasks, double Vcpu, double Gb, string Type, double Util)[]
                {
                    (4, 0.5, 1, "m5.large", 0.8), (10, 0.25, 0.5, "t3.small", 1.0), (3, 1, 2, "c5.large", 0.5),
                    (20, 0.25, 1, "m5.large", 0.75), (1, 2, 4, "m5.large", 1.0), (12, 0.5, 1, "t4g.small", 0.5),
                },
                c => Inv($"{c.Tasks} × {c.Vcpu} vCPU/{c.Gb} GB on {c.Type} filled to {c.Util:0%}"),
                c => FargateVsEc2.MonthlyCosts(c.Tasks, c.Vcpu, c.Gb, c.Type, c.Util),
                r => $"Fargate {Usd(r.Fargate)}, EC2 {Usd(r.Ec2)}"),
            [
                "Fargate bills the tasks; EC2 bills whole instances, however full you keep them.",
                "How many tasks one instance holds depends on both its vCPUs and its memory, at the utilisation you are given.",
                "Whole tasks per instance, whole instances per fleet: round each the way that keeps every task running, and keep money in decimal.",
            ]),
    ];
}
