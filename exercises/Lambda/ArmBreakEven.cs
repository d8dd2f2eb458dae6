namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.arm-breakeven</c>: when does moving to arm64 pay?</summary>
public static class ArmBreakEven
{
    /// <summary>
    /// A function takes <paramref name="durationMs"/> milliseconds with <paramref name="memoryMb"/> MB on both
    /// architectures. Moving it from x86_64 to arm64 costs nothing per request but the compute rate falls from
    /// $0.0000166667 to $0.0000133334 per GB-second. Return the <b>smallest</b> number of requests a month at which
    /// arm64 saves at least <paramref name="savingsUsd"/> dollars on compute (ignore the free tier and the volume tiers).
    /// </summary>
    /// <remarks>
    /// Bill each run's duration rounded up to a whole millisecond. If one request already saves enough, the answer is 1.
    /// Use <c>decimal</c>, not <c>double</c>: money needs exact arithmetic.
    /// </remarks>
    public static long RequestsToSave(int memoryMb, double durationMs, decimal savingsUsd)
    {
        throw new NotImplementedException();
    }
}
