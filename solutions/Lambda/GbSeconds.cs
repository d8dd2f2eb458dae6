namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.gb-seconds</c>: the unit Lambda compute is billed in.</summary>
public static class GbSecondsExercise
{
    /// <summary>Reference answer: GB × seconds, after rounding the duration up to a whole millisecond.</summary>
    public static decimal ForInvocation(int memoryMb, double durationMs)
        => memoryMb / 1024m * (decimal)Math.Ceiling(durationMs) / 1000m;
}
