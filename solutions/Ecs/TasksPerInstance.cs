using AwsSim.Ec2;

namespace Exercises.Ecs;

/// <summary>Exercise <c>ecs.tasks-per-instance</c>: how many copies of a task fit on one container instance?</summary>
public static class TasksPerInstance
{
    /// <summary>Reference answer: the smaller of CPU units ÷ task CPU and MiB ÷ task memory, rounded down.</summary>
    public static int Count(string instanceType, int cpuUnits, int memoryMiB)
    {
        var type = InstanceCatalog.Get(instanceType);
        return Math.Min(type.CpuUnits / cpuUnits, type.MemoryMiB / memoryMiB);
    }
}
