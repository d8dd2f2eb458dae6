using AwsSim;
using AwsSim.Lambda;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.cheapest-memory</c>: power tuning with a latency budget.</summary>
public static class CheapestMemory
{
    /// <summary>
    /// A function waits <paramref name="waitMs"/> milliseconds (network), then does <paramref name="cpuMsAtOneVcpu"/>
    /// milliseconds of single-threaded CPU work (as measured on one full vCPU), with a working set of
    /// <paramref name="workingSetMb"/> MB: exactly <c>LambdaCode.Work(wait, cpu, workingSetMb)</c>.
    /// Its callers need an answer within <paramref name="maxDurationMs"/> milliseconds.
    /// Return the memory size from <paramref name="candidatesMb"/> at which one invocation costs the least (request
    /// charge plus GB-seconds, at list price) among the sizes at which it succeeds and takes at most
    /// <paramref name="maxDurationMs"/>. On a tie, return the smaller memory. Return 0 when no size meets the budget.
    /// </summary>
    /// <remarks>
    /// Measure, don't guess: the lesson's "Memory, duration and cost" section shows how the simulator runs a function at
    /// one memory size and what an invocation reports. CPU is proportional to memory (1,769 MB = one vCPU), so more
    /// memory is faster but each millisecond costs more.
    /// </remarks>
    public static int Pick(double cpuMsAtOneVcpu, double waitMs, int workingSetMb, IReadOnlyList<int> candidatesMb, double maxDurationMs)
    {
        throw new NotImplementedException();
    }
}
