namespace Exercises.Ecs;

/// <summary>Exercise <c>ecs.binpack</c>: predict where the binpack strategy puts each task.</summary>
public static class BinpackPrediction
{
    /// <summary>
    /// A cluster's instances have <paramref name="freeMemoryMiB"/> MiB free (instance 0, 1, 2…; CPU is plentiful). Tasks
    /// needing <paramref name="taskMemoryMiB"/> MiB are placed one after the other, in order, with the placement strategy
    /// <c>binpack</c> on <c>memory</c>. Return, for each task, the index of the instance it lands on, or -1 when it fits
    /// nowhere (it is then not placed and takes no memory).
    /// </summary>
    /// <remarks>
    /// binpack on memory chooses, among the instances with enough free memory, the one that will have the <b>least</b>
    /// memory left after placing the task. When several are equally good, ECS here takes the one registered first (the
    /// lowest index). Each placed task reduces its instance's free memory.
    /// </remarks>
    public static int[] Place(int[] freeMemoryMiB, int[] taskMemoryMiB)
    {
        throw new NotImplementedException();
    }
}
