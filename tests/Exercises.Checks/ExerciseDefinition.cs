namespace Exercises.Checks;

/// <summary>
/// One exercise: its id (e.g. <c>lambda.bill</c>), what it asks, how many points it is worth, the file a learner
/// edits, and how to produce the learner's answer as lines of text that are compared with the expected lines.
/// </summary>
/// <param name="Id">Stable id: <c>&lt;service&gt;.&lt;name&gt;</c>, lower case.</param>
/// <param name="Title">What it asks, in a few words.</param>
/// <param name="Points">What it is worth.</param>
/// <param name="StubFile">The file the learner edits, relative to the repository root.</param>
/// <param name="Answer">Calls the learner's code and renders the result as lines (use <see cref="Cases"/>).</param>
/// <param name="Hints">Two or three hints, each more specific than the last, none stating the answer (a wrong answer shows
/// the first; the learner asks for the others with <c>course check &lt;id&gt; --hint 2</c>).</param>
/// <param name="TimeLimit">How long the answer may take before it is stopped (default 10 s).</param>
public sealed record ExerciseDefinition(
    string Id,
    string Title,
    int Points,
    string StubFile,
    Func<IReadOnlyList<string>> Answer,
    Hints Hints,
    TimeSpan? TimeLimit = null)
{
    /// <summary>The service part of the id: <c>lambda</c> for <c>lambda.bill</c>.</summary>
    public string Service => Id.Split('.')[0];

    /// <summary>The lesson that teaches it: the notebook's name without <c>.ipynb</c> (e.g. <c>04-lambda</c>), from its <see cref="IExerciseSet"/>.</summary>
    public string Lesson { get; init; } = "";

    /// <summary>The time limit in force.</summary>
    public TimeSpan EffectiveTimeLimit => TimeLimit ?? TimeSpan.FromSeconds(10);
}

/// <summary>A group of exercises (one per service folder). The catalog finds every implementation by reflection.</summary>
public interface IExerciseSet
{
    /// <summary>The exercises, in the order a lesson introduces them.</summary>
    IEnumerable<ExerciseDefinition> Exercises { get; }

    /// <summary>The lesson that introduces them: its notebook's name without <c>.ipynb</c>, e.g. <c>04-lambda</c> (empty: none).</summary>
    string Lesson => "";
}
