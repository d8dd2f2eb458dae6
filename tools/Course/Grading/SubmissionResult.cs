namespace Course.Grading;

/// <summary>One graded submission.</summary>
/// <param name="Name">Its name in the gradebook (the folder name).</param>
/// <param name="Directory">Where it was read from.</param>
/// <param name="Scores">One entry per exercise of the course, in catalog order.</param>
/// <param name="Compiled">False when the learner's code did not compile.</param>
/// <param name="CompilerErrors">The compiler's errors when it did not.</param>
/// <param name="Edits">Files changed outside exercises/ (ignored for grading).</param>
/// <param name="Notes">Anything else the instructor and learner should know (a crashed process, ignored build files).</param>
/// <param name="Elapsed">How long grading it took.</param>
internal sealed record SubmissionResult(
    string Name,
    string Directory,
    IReadOnlyList<ExerciseScore> Scores,
    bool Compiled,
    IReadOnlyList<string> CompilerErrors,
    IReadOnlyList<string> Edits,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed)
{
    /// <summary>How long compiling the learner's code took.</summary>
    public TimeSpan BuildElapsed { get; init; }

    /// <summary>Points earned.</summary>
    public int Earned => Scores.Sum(s => s.Earned);

    /// <summary>Points possible.</summary>
    public int Possible => Scores.Sum(s => s.Points);

    /// <summary>The percentage, one decimal.</summary>
    public decimal Percent => Possible == 0 ? 0 : Math.Round(100m * Earned / Possible, 1);
}
