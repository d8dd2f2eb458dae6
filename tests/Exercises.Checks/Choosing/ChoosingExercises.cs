using Exercises.Choosing;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Choosing;

/// <summary>The capstone's exercise (lesson 10).</summary>
public sealed class ChoosingExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "10-choosing-compute";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("choosing.cheapest-fit", "Recommend the cheapest service that fits a workload", 4, "exercises/Choosing/CheapestFit.cs",
            () => Each(
                new (long Requests, double Ms, int Mb, int Servers)[]
                {
                    (3_000_000, 120, 512, 2),          // a spiky public API
                    (25_000_000, 80, 1024, 2),         // a steady web app
                    (100_000_000, 200, 1024, 8),       // a busy service
                    (1_000, 1_200_000, 2048, 1),       // 20-minute jobs: too long for Lambda
                    (50_000, 50, 128, 1),              // a small blog
                    (100_000_000, 200, 1024, 2),       // too busy for two servers
                    (400_000_000, 1_000_000, 1024, 1), // fits nowhere
                },
                c => Inv($"{c.Requests:#,0} requests × {c.Ms} ms, {c.Mb} MB, {c.Servers} server(s)"),
                c => CheapestFit.Recommend(c.Requests, c.Ms, c.Mb, c.Servers),
                r => $"{r.Service} {Usd(r.MonthlyUsd)}"),
            [
                "Rule out the services that cannot run the workload before pricing anything.",
                "Lambda stops a run at 15 minutes; a server sustains only so many busy vCPUs.",
                "Price only the services that fit, with the library's pricing, and recommend the cheapest.",
            ]),
    ];
}
