namespace Exercises.Batch;

/// <summary>Exercise <c>batch.array-order</c>: predict how a SEQUENTIAL array job runs.</summary>
public static class SequentialArrayOrder
{
    /// <summary>
    /// An array job of <paramref name="size"/> children is submitted with a <c>SEQUENTIAL</c> dependency and a retry
    /// strategy of <paramref name="attempts"/> attempts. The children whose index is in <paramref name="alwaysFailing"/>
    /// exit with code 1 on every attempt; all others exit 0. Return the array index of every attempt that starts, in
    /// the order they start (a retried child appears once per attempt).
    /// </summary>
    /// <remarks>
    /// SEQUENTIAL runs child 0, then 1, then 2…; a failed attempt goes back to RUNNABLE while attempts remain; a child
    /// that finally FAILS fails every child that depends on it, and those never start.
    /// </remarks>
    /// <example>size 4, failing {2}, attempts 2 → 0, 1, 2, 2.</example>
    public static IReadOnlyList<int> StartOrder(int size, IReadOnlyCollection<int> alwaysFailing, int attempts)
    {
        throw new NotImplementedException();
    }
}
