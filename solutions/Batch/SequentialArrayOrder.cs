namespace Exercises.Batch;

/// <summary>Exercise <c>batch.array-order</c>: predict how a SEQUENTIAL array job runs.</summary>
public static class SequentialArrayOrder
{
    /// <summary>Reference answer: walk the chain; a failing child runs <c>attempts</c> times and ends the chain.</summary>
    public static IReadOnlyList<int> StartOrder(int size, IReadOnlyCollection<int> alwaysFailing, int attempts)
    {
        var order = new List<int>();
        for (var i = 0; i < size; i++)
        {
            if (alwaysFailing.Contains(i))
            {
                order.AddRange(Enumerable.Repeat(i, attempts));
                break;
            }
            order.Add(i);
        }
        return order;
    }
}
