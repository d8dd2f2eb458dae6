namespace Exercises.Ecs;

/// <summary>Exercise <c>ecs.tasks-per-instance</c>: how many copies of a task fit on one container instance?</summary>
public static class TasksPerInstance
{
    /// <summary>
    /// An EC2 instance of type <paramref name="instanceType"/> (e.g. <c>m5.large</c>) is registered to an ECS cluster. A task
    /// reserves <paramref name="cpuUnits"/> CPU units and <paramref name="memoryMiB"/> MiB of memory. Return how many copies of
    /// the task fit on the empty instance.
    /// </summary>
    /// <remarks>
    /// An instance offers 1,024 CPU units per vCPU and its memory in MiB (GiB × 1,024). Both CPU and memory must fit.
    /// Sizes are in the course's catalog: <c>AwsSim.Ec2.InstanceCatalog.Get("m5.large")</c> has <c>CpuUnits</c> and
    /// <c>MemoryMiB</c>. Both task numbers are at least 1.
    /// </remarks>
    public static int Count(string instanceType, int cpuUnits, int memoryMiB)
    {
        throw new NotImplementedException();
    }
}
