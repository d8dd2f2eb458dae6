namespace Exercises.Checks;

/// <summary>
/// The check cells in the notebooks call this: it grades one exercise exactly as <c>dotnet test</c> and
/// <c>course check</c> do, and returns the verdict (it shows as a coloured card in a notebook and as text in a terminal).
/// </summary>
public static class Check
{
    /// <summary>Checks the exercise with this id, e.g. <c>Check.Exercise("lambda.bill")</c>.</summary>
    public static Verdict Exercise(string id) => Grader.Grade(ExerciseCatalog.Get(id));

    /// <summary>Checks every exercise of a service, e.g. <c>Check.Service("lambda")</c>.</summary>
    public static IReadOnlyList<Verdict> Service(string service) => Grader.GradeAll(ExerciseCatalog.Select(service));
}
