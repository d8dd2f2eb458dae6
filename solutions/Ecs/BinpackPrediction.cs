namespace Exercises.Ecs;

/// <summary>Exercise <c>ecs.binpack</c>: predict where the binpack strategy puts each task.</summary>
public static class BinpackPrediction
{
    /// <summary>Reference answer: for each task, the fitting instance with the least left after it (lowest index on ties).</summary>
    public static int[] Place(int[] freeMemoryMiB, int[] taskMemoryMiB)
    {
        var free = freeMemoryMiB.ToArray();
        var result = new int[taskMemoryMiB.Length];
        for (var t = 0; t < taskMemoryMiB.Length; t++)
        {
            var best = -1;
            for (var i = 0; i < free.Length; i++)
            {
                if (free[i] < taskMemoryMiB[t]) continue;
                if (best < 0 || free[i] < free[best]) best = i;
            }
            if (best >= 0) free[best] -= taskMemoryMiB[t];
            result[t] = best;
        }
        return result;
    }
}
