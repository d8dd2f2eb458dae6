using Exercises.Lambda;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Lambda;

/// <summary>The Lambda pricing exercises (lesson 04).</summary>
public sealed class LambdaPricingExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "04-lambda";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("lambda.gb-seconds", "GB-seconds of one invocation", 2, "exercises/Lambda/GbSeconds.cs",
            () => Each(
                new (int Mb, double Ms)[] { (128, 1), (512, 100.2), (1024, 1000), (1536, 0.4), (3008, 2999.0001), (10240, 900_000) },
                c => Inv($"{c.Mb} MB for {c.Ms} ms"),
                c => GbSecondsExercise.ForInvocation(c.Mb, c.Ms),
                r => Num(r) + " GB-s"),
            [
                "GB-seconds are the configured memory in GB times the run time in seconds; Lambda bills the run time in whole milliseconds.",
                "Round the run time before converting anything, and do the arithmetic in decimal, not double.",
                "A GB here is 1,024 MB, not 1,000: check the 128 MB, 1 ms case by hand.",
            ]),

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
            [
                "A bill has two parts, requests and GB-seconds, and the free tier comes off each part separately.",
                "The free amounts can be more than was used: neither part may go below zero. The run time is rounded as in lambda.gb-seconds.",
                "Take the prices and free amounts from the lesson's \"How Lambda bills\" table; 0 requests must cost $0.00.",
            ]),

        new("lambda.arm-breakeven", "Requests at which arm64 saves a given amount", 3, "exercises/Lambda/ArmBreakEven.cs",
            () => Each(
                new (int Mb, double Ms, decimal Usd)[] { (1024, 1000, 10m), (512, 120.5, 1m), (128, 1, 0.01m), (2048, 3000, 100m), (10240, 900_000, 0.01m) },
                c => Inv($"{c.Mb} MB, {c.Ms} ms, save ${c.Usd}"),
                c => ArmBreakEven.RequestsToSave(c.Mb, c.Ms, c.Usd),
                r => Num(r) + " requests"),
            [
                "Only the GB-second price differs between the architectures; requests cost the same on both.",
                "Work out what ONE request saves on arm64 first (the lesson's table has both per-GB-second prices); the rest is a division.",
                "Nobody makes a fraction of a request: round the count up, and keep everything in decimal.",
            ]),
    ];
}
