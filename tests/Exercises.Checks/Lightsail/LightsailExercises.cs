using Exercises.Lightsail;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Lightsail;

/// <summary>The Amazon Lightsail exercises (lesson 09).</summary>
public sealed class LightsailExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "09-lightsail";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("lightsail.bundle", "Cheapest bundle for a workload", 3, "exercises/Lightsail/CheapestBundle.cs",
            () => Each(
                new (decimal Mem, int Disk, decimal In, decimal Out, bool V4)[]
                {
                    (0.5m, 20, 0, 100, true), (0.5m, 20, 0, 100, false), (0.5m, 20, 0, 1100, true), (1, 40, 500, 600, true),
                    (2, 50, 0, 0, false), (4, 80, 3000, 2000, true), (8, 100, 0, 9000, true), (0.5m, 200, 0, 0, false), (1, 20, 2000, 0, true),
                },
                c => Inv($"{c.Mem} GB RAM, {c.Disk} GB disk, {c.In} GB in, {c.Out} GB out, {(c.V4 ? "needs IPv4" : "IPv6 ok")}"),
                c => CheapestBundle.Choose(c.Mem, c.Disk, c.In, c.Out, c.V4),
                r => $"{r.BundleId} at {Usd(r.MonthlyCost)}"),
            [
                "Keep only the bundles with enough RAM and disk (and a public IPv4 address when asked).",
                "Price each candidate as its monthly price plus any transfer beyond its allowance.",
                "IN and OUT both count toward the allowance, but only OUT is charged beyond it, and never more than was sent out.",
            ]),

        new("lightsail.vs-ec2", "EC2 minus Lightsail, a month", 3, "exercises/Lightsail/LightsailVsEc2.cs",
            () => Each(
                new (string Ec2, int Ebs, decimal Out, string Bundle)[]
                {
                    ("t3.micro", 40, 0, "micro_3_0"), ("t3.small", 60, 50, "small_3_0"), ("t3.small", 60, 1000, "small_3_0"),
                    ("t3.micro", 20, 3000, "nano_3_0"), ("m5.large", 160, 200, "large_3_0"), ("c5.large", 80, 5000, "medium_3_0"),
                },
                c => Inv($"{c.Ec2} + {c.Ebs} GB gp3 vs {c.Bundle}, {c.Out} GB out"),
                c => LightsailVsEc2.MonthlyDifference(c.Ec2, c.Ebs, c.Out, c.Bundle),
                Usd),
            [
                "Price both sides for a month of 730 hours, item by item, as the lesson's comparison does.",
                "EC2: the instance hours, gp3 storage, the public IPv4 address and data out beyond the first 100 GB.",
                "Lightsail: the bundle, plus only the OUT transfer beyond its allowance.",
            ]),
    ];
}
