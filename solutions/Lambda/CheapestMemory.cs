using AwsSim;
using AwsSim.Lambda;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.cheapest-memory</c>: power tuning with a latency budget.</summary>
public static class CheapestMemory
{
    /// <summary>Reference answer: run the function once at every candidate and keep the cheapest that succeeded within the budget.</summary>
    public static int Pick(double cpuMsAtOneVcpu, double waitMs, int workingSetMb, IReadOnlyList<int> candidatesMb, double maxDurationMs)
    {
        var code = LambdaCode.Work(TimeSpan.FromMilliseconds(waitMs), TimeSpan.FromMilliseconds(cpuMsAtOneVcpu), workingSetMb);
        var costs = new List<(int Memory, decimal Cost)>();
        foreach (var mb in candidatesMb)
        {
            var aws = new SimulatedAws();
            aws.Lambda.CreateFunction("f", code, memorySize: mb, timeout: 900);
            var r = aws.Lambda.Invoke("f");
            if (r.FunctionError is null && r.Duration.TotalMilliseconds <= maxDurationMs) costs.Add((mb, r.ListPriceUsd));
        }
        return costs.Count == 0 ? 0 : costs.OrderBy(c => c.Cost).ThenBy(c => c.Memory).First().Memory;
    }
}
