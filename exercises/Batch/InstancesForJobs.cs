namespace Exercises.Batch;

/// <summary>Exercise <c>batch.vcpus</c>: how many instances a compute environment scales out to.</summary>
public static class InstancesForJobs
{
    /// <summary>
    /// <paramref name="jobs"/> jobs of <paramref name="jobVcpus"/> vCPUs each are submitted at once to a queue whose only
    /// compute environment is EC2 with allocation strategy <c>BEST_FIT</c>, one instance type of
    /// <paramref name="instanceVcpus"/> vCPUs (memory is never the limit), minvCpus 0 and <paramref name="maxvCpus"/>.
    /// Return how many instances Batch runs at the peak.
    /// </summary>
    /// <remarks>
    /// Jobs are packed onto instances (several small jobs share one instance). BEST_FIT never goes above maxvCpus.
    /// A job bigger than the instance never runs (0 instances).
    /// </remarks>
    /// <example>10 jobs × 1 vCPU on 2-vCPU instances, max 64 → 5; the same with max 6 → 3.</example>
    public static int PeakInstances(int jobs, int jobVcpus, int instanceVcpus, int maxvCpus)
    {
        throw new NotImplementedException();
    }
}
