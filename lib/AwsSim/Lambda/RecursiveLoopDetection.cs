namespace AwsSim.Lambda;

/// <summary>
/// Lambda's recursive loop detection, modelled on what AWS documents:
/// Lambda tracks a "chain of requests" (invocations caused by the same triggering event) with metadata in the AWS
/// X-Ray trace header ("Lineage"); a supported SDK carries it from a running function into the service it writes to
/// (SQS, SNS, S3…), and that service's next event to Lambda carries it back. When a function would be invoked by the
/// same chain more than 16 times, Lambda stops that invocation (<c>RecursiveInvocationException</c>); for an
/// asynchronous event it goes to the dead-letter queue or on-failure destination, if there is one. Functions can opt
/// out with PutFunctionRecursionConfig <c>RecursiveLoop=Allow</c> (default <c>Terminate</c>).
/// </summary>
/// <remarks>
/// Sources: Lambda Developer Guide, "Use Lambda recursive loop detection to prevent infinite loops"
/// (docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html); AWS Compute Blog, "Detecting and stopping recursive
/// loops in AWS Lambda functions" (July 2023: "drops requests after exceeding 16 invocations"); API
/// PutFunctionRecursionConfig (2024-08; dropped invocations show in the <c>RecursiveInvocationsDropped</c> metric); AWS
/// What's New, 2024-10-09, "AWS Lambda now detects and stops recursive loops between Lambda and Amazon S3" (title seen
/// in the aws-news.com feed; AWS's July 2024 notice, quoted by cloudexpat.com, says "after approximately 16 recursive
/// invocations").
/// <para>
/// In the simulator the trace header is an ambient value (<see cref="Current"/>): a Lambda runtime (1) calls
/// <see cref="ForNextInvocation"/> when an event is queued (inside the sender's call, so it sees the sender's chain),
/// (2) before running the handler, checks <see cref="InvocationLineage.Exceeded"/> and stops the event if so, and
/// (3) runs the handler inside <c>using (RecursiveLoopDetection.Enter(lineage))</c>, so that whatever the handler
/// writes carries the chain on. S3 needs nothing more: it calls <c>InvokeAsync</c> from inside PutObject.
/// </para>
/// </remarks>
public static class RecursiveLoopDetection
{
    /// <summary>The most invocations of one function in one chain: the 17th is stopped.</summary>
    public const int MaxInvocationsPerChain = 16;

    /// <summary>AWS's error name for a stopped invocation.</summary>
    public const string ErrorCode = "RecursiveInvocationException";

    private static readonly AsyncLocal<InvocationLineage?> s_current = new();
    private static long s_chains;

    /// <summary>The chain of the invocation running now (null outside any function: a person or a schedule).</summary>
    public static InvocationLineage? Current => s_current.Value;

    /// <summary>
    /// The lineage an event sent now to <paramref name="functionName"/> carries: the current chain with that function's
    /// count one higher, or a new chain (count 1) when no function is running.
    /// </summary>
    public static InvocationLineage ForNextInvocation(string functionName)
    {
        var current = Current ?? new InvocationLineage($"chain-{Interlocked.Increment(ref s_chains)}", new Dictionary<string, int>(StringComparer.Ordinal));
        var counts = new Dictionary<string, int>(current.Counts, StringComparer.Ordinal);
        counts[functionName] = counts.GetValueOrDefault(functionName) + 1;
        return new InvocationLineage(current.ChainId, counts, functionName);
    }

    /// <summary>Makes <paramref name="lineage"/> the current chain until the result is disposed (wrap each handler run in it).</summary>
    public static IDisposable Enter(InvocationLineage? lineage)
    {
        var previous = s_current.Value;
        s_current.Value = lineage;
        return new Restore(previous);
    }

    private sealed class Restore(InvocationLineage? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}

/// <summary>The X-Ray "Lineage" of one invocation: its chain and how many times each function ran in it.</summary>
/// <param name="ChainId">Identifies the chain (all invocations caused by one triggering event).</param>
/// <param name="Counts">Invocations per function in the chain, including this one.</param>
/// <param name="FunctionName">The function this lineage was made for.</param>
public sealed record InvocationLineage(string ChainId, IReadOnlyDictionary<string, int> Counts, string? FunctionName = null)
{
    /// <summary>How many times <see cref="FunctionName"/> has been invoked in this chain, this one included.</summary>
    public int Count => FunctionName is null ? 0 : Counts.GetValueOrDefault(FunctionName);

    /// <summary>True when this invocation would be the 17th (or later) of the function in the chain: Lambda stops it.</summary>
    public bool Exceeded => Count > RecursiveLoopDetection.MaxInvocationsPerChain;
}
