using Exercises.Ecs;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Ecs;

/// <summary>The ECS exercises (lesson 01).</summary>
public sealed class EcsExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "01-ecs";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("ecs.tasks-per-instance", "How many tasks fit on one container instance", 2, "exercises/Ecs/TasksPerInstance.cs",
            () => Each(
                new (string Type, int Cpu, int Mem)[]
                {
                    ("m5.large", 256, 512), ("m5.large", 512, 4096), ("t3.micro", 128, 256), ("t3.small", 1024, 1024),
                    ("c5.large", 512, 1536), ("t4g.small", 2048, 2048), ("t3.micro", 4096, 512), ("m5.large", 1, 1),
                },
                c => Inv($"{c.Type}, task {c.Cpu} CPU units / {c.Mem} MiB"),
                c => TasksPerInstance.Count(c.Type, c.Cpu, c.Mem),
                r => Num(r) + " tasks"),
            [
                "A task reserves CPU units and memory; it fits only where both are free.",
                "Put the instance and the task in the same units first: 1 vCPU is 1,024 CPU units and 1 GiB is 1,024 MiB.",
                "Each resource on its own limits how many whole tasks fit: which of the two limits applies?",
            ]),

        new("ecs.binpack", "Predict binpack placement on memory", 3, "exercises/Ecs/BinpackPrediction.cs",
            () => Each(
                new (int[] Free, int[] Tasks)[]
                {
                    ([8192, 8192], [2048, 2048, 2048, 2048, 2048]),
                    ([8192, 2048], [1024, 1024, 1024]),
                    ([4096, 3072, 1024], [1024, 3072, 512, 512, 2048]),
                    ([1024, 1024], [2048, 512]),
                    ([3000, 3000, 3000], [1000, 2500, 500, 2000, 1000, 3000]),
                    ([512], []),
                },
                c => "free " + string.Join(",", c.Free) + " MiB; tasks " + string.Join(",", c.Tasks),
                c => BinpackPrediction.Place(c.Free, c.Tasks),
                r => "[" + string.Join(", ", r) + "]"),
            [
                "binpack on memory puts each task where it leaves the least memory unused.",
                "Place the tasks one at a time and keep each instance's free memory up to date; an instance without enough free memory is not a candidate.",
                "When two instances would leave the same amount free, the lower index wins.",
            ]),
    ];
}
