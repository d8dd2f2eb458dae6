using Exercises.Lambda;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Lambda;

/// <summary>The Lambda pricing exercises (lesson 04).</summary>
public sealed class LambdaPricingExercises : IExerciseSet
{
    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("lambda.gb-seconds", "GB-seconds of one invocation", 2, "exercises/Lambda/GbSeconds.cs",
            () => Each(
                new (int Mb, double Ms)[] { (128, 1), (512, 100.2), (1024, 1000), (1536, 0.4), (3008, 2999.0001), (10240, 900_000) },
                c => Inv($"{c.Mb} MB for {c.Ms} ms"),
                c => GbSecondsExercise.ForInvocation(c.Mb, c.Ms),
                r => Num(r) + " GB-s"),
            "round the duration up to a whole millisecond first (Math.Ceiling), then GB = MB / 1024m and seconds = ms / 1000m."),

        new("lambda.bill", "A month's Lambda bill with the free tier", 3, "exercises/Lambda/LambdaBill.cs",
            () => Each(
                new (long Requests, int Mb, double Ms)[]
                {
                    (3_000_000, 512, 1000), (500_000, 128, 200), (1_000_000, 1024, 400), (30_000_000, 128, 100.4),
                    (10_000_000, 2048, 250), (0, 128, 0), (1_000_001, 128, 1), (5_000_000, 10240, 5000),
                },
                c => Inv($"{c.Requests:#,0} requests × {c.Ms} ms at {c.Mb} MB"),
                c => LambdaBill.MonthlyCost(c.Requests, c.Mb, c.Ms),
                Usd),
            "bill requests above 1,000,000 and GB-seconds above 400,000; never let either go below zero; round the duration up to a whole ms."),

        new("lambda.arm-breakeven", "Requests at which arm64 saves a given amount", 3, "exercises/Lambda/ArmBreakEven.cs",
            () => Each(
                new (int Mb, double Ms, decimal Usd)[] { (1024, 1000, 10m), (512, 120.5, 1m), (128, 1, 0.01m), (2048, 3000, 100m), (10240, 900_000, 0.01m) },
                c => Inv($"{c.Mb} MB, {c.Ms} ms, save ${c.Usd}"),
                c => ArmBreakEven.RequestsToSave(c.Mb, c.Ms, c.Usd),
                r => Num(r) + " requests"),
            "the saving per request is (GB-s per request) × ($0.0000166667 − $0.0000133334); divide and round up."),
    ];
}
