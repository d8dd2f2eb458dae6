namespace Exercises.Checks;

/// <summary>
/// The check cells in the notebooks call this: it grades one exercise exactly as <c>dotnet test</c> and
/// <c>course check</c> do, and returns the verdict (it shows as a coloured card in a notebook and as text in a terminal).
/// It grades the learner's file as it is now (compiled from source, see <see cref="SourceCheck"/>): edit, run the cell
/// again, no <c>dotnet build</c> and no kernel restart.
/// </summary>
public static class Check
{
    /// <summary>Checks the exercise with this id, e.g. <c>Check.Exercise("lambda.bill")</c>.</summary>
    public static Verdict Exercise(string id) => SourceCheck.GradeOne(id);

    /// <summary>Checks every exercise of a service, e.g. <c>Check.Service("lambda")</c>.</summary>
    public static IReadOnlyList<Verdict> Service(string service) => ExerciseCatalog.Select(service).Select(e => SourceCheck.GradeOne(e.Id)).ToList();

    /// <summary>
    /// Hint <paramref name="level"/> (1, 2, …) of an exercise, e.g. <c>Check.Hint("lambda.bill", 1)</c>: each is more
    /// specific than the last; none is the answer. The same text as <c>course check lambda.bill --hint 1</c>.
    /// </summary>
    public static string Hint(string id, int level = 1)
        => HintBook.Show(id, level, n => $"Check.Hint(\"{id}\", {n}) or course check {id} --hint {n}");
}
