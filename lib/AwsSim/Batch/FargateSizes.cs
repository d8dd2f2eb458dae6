namespace AwsSim.Batch;

/// <summary>The Fargate task sizes (Linux) from aws-facts §6 (Amazon ECS developer guide, AWS_Fargate.md, 2023).</summary>
internal static class FargateSizes
{
    /// <summary>Allowed memory (MiB) per vCPU size.</summary>
    public static IReadOnlyDictionary<double, IReadOnlyList<int>> Linux { get; } = new Dictionary<double, IReadOnlyList<int>>
    {
        [0.25] = [512, 1024, 2048],
        [0.5] = [1024, 2048, 3072, 4096],
        [1] = Steps(2, 8, 1),
        [2] = Steps(4, 16, 1),
        [4] = Steps(8, 30, 1),
        [8] = Steps(16, 60, 4),
        [16] = Steps(32, 120, 8),
    };

    /// <summary>True when vCPU/memory is a valid Linux Fargate size.</summary>
    public static bool IsValid(double vcpus, int memoryMiB) => Linux.TryGetValue(vcpus, out var mems) && mems.Contains(memoryMiB);

    private static IReadOnlyList<int> Steps(int fromGb, int toGb, int stepGb)
    {
        var list = new List<int>();
        for (var g = fromGb; g <= toGb; g += stepGb) list.Add(g * 1024);
        return list;
    }
}
