using AwsSim;
using AwsSim.Lambda;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.cheapest-memory</c>: power tuning by hand.</summary>
public static class CheapestMemory
{
    /// <summary>
    /// A function waits <paramref name="waitMs"/> milliseconds (network), then does <paramref name="cpuMsAtOneVcpu"/>
    /// milliseconds of single-threaded CPU work (as measured on one full vCPU), with a working set of
    /// <paramref name="workingSetMb"/> MB: exactly <c>LambdaCode.Work(wait, cpu, workingSetMb)</c>.
    /// Return the memory size from <paramref name="candidatesMb"/> at which one invocation costs the least
    /// (request charge plus GB-seconds, at list price). On a tie, return the smaller memory. A memory size at which
    /// the function fails (out of memory, or longer than the 900 s maximum timeout) is not an answer.
    /// </summary>
    /// <remarks>
    /// Measure, don't guess: for each candidate create a <c>new SimulatedAws()</c>, create the function with
    /// <c>aws.Lambda.CreateFunction("f", code, memorySize: mb, timeout: 900)</c>, invoke it and read the response's
    /// <c>ListPriceUsd</c> and <c>FunctionError</c>. CPU is proportional to memory (1,769 MB = one vCPU), so more
    /// memory is faster but each millisecond costs more.
    /// </remarks>
    public static int Pick(double cpuMsAtOneVcpu, double waitMs, int workingSetMb, IReadOnlyList<int> candidatesMb)
    {
        throw new NotImplementedException();
    }
}
