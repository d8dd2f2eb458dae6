namespace Exercises.Batch;

/// <summary>Exercise <c>batch.vcpus</c>: how many instances a compute environment scales out to.</summary>
public static class InstancesForJobs
{
    /// <summary>Reference answer: jobs per instance = ⌊instance / job⌋; instances = ⌈jobs / per⌉, at most ⌊max / instance⌋.</summary>
    public static int PeakInstances(int jobs, int jobVcpus, int instanceVcpus, int maxvCpus)
    {
        var perInstance = instanceVcpus / jobVcpus;
        if (perInstance == 0 || jobs == 0) return 0;
        var needed = (jobs + perInstance - 1) / perInstance;
        return Math.Min(needed, maxvCpus / instanceVcpus);
    }
}
