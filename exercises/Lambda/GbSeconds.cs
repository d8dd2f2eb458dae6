namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.gb-seconds</c>: the unit Lambda compute is billed in.</summary>
public static class GbSecondsExercise
{
    /// <summary>
    /// Return the GB-seconds AWS bills for <b>one</b> invocation that ran <paramref name="durationMs"/> milliseconds
    /// with <paramref name="memoryMb"/> MB configured: memory in GB (MB / 1,024) × duration in seconds, where the
    /// duration is first rounded <b>up</b> to a whole millisecond.
    /// </summary>
    /// <example>512 MB for 100.2 ms → 0.5 GB × 0.101 s = 0.0505 GB-s.</example>
    public static decimal ForInvocation(int memoryMb, double durationMs)
    {
        throw new NotImplementedException();
    }
}
