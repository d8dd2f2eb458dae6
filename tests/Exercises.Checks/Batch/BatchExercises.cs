using Exercises.Batch;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Batch;

/// <summary>The AWS Batch exercises (lesson 08).</summary>
public sealed class BatchExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "08-batch";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("batch.array-order", "Start order of a SEQUENTIAL array with failures and retries", 3, "exercises/Batch/SequentialArrayOrder.cs",
            () => Each(
                new (int Size, int[] Failing, int Attempts)[]
                {
                    (4, [], 1), (4, [2], 2), (5, [0], 3), (6, [5], 1), (6, [1, 4], 2), (3, [2], 10), (2, [0, 1], 1), (10, [7], 4),
                },
                c => Inv($"size {c.Size}, failing [{string.Join(",", c.Failing)}], {c.Attempts} attempt(s)"),
                c => SequentialArrayOrder.StartOrder(c.Size, c.Failing, c.Attempts),
                r => string.Join(", ", r)),
            [
                "A SEQUENTIAL array starts its children one after another, in index order.",
                "A failing child is retried: it starts once per attempt.",
                "Think about what a child's final FAILED status means for the children after it.",
            ]),

        new("batch.vcpus", "Instances at the peak for N jobs", 2, "exercises/Batch/InstancesForJobs.cs",
            () => Each(
                new (int Jobs, int JobVcpus, int InstanceVcpus, int Max)[]
                {
                    (10, 1, 2, 64), (10, 1, 2, 6), (1, 1, 2, 256), (9, 2, 4, 64), (9, 3, 4, 64), (100, 4, 16, 128), (5, 8, 4, 64), (0, 1, 2, 8), (7, 1, 2, 7),
                },
                c => Inv($"{c.Jobs} jobs × {c.JobVcpus} vCPU on {c.InstanceVcpus}-vCPU instances, maxvCpus {c.Max}"),
                c => InstancesForJobs.PeakInstances(c.Jobs, c.JobVcpus, c.InstanceVcpus, c.Max),
                r => Num(r) + " instances"),
            [
                "First work out how many whole jobs run on one instance at a time.",
                "Then how many instances the jobs need: a part-filled instance still counts.",
                "BEST_FIT never goes above maxvCpus: what does that allow in whole instances?",
            ]),
    ];
}
