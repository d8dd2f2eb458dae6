using System.Text.Json;

namespace Exercises.Checks;

/// <summary>
/// What <c>course check</c> calls. The CLI does not reference this library (a learner's compile error must not break
/// it): it loads the built <c>Exercises.Checks.dll</c> into its own load context and calls these methods by name, so
/// they take and return only strings and numbers.
/// </summary>
public static class CourseCli
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every exercise in lesson order, as JSON: id, title, points, file, service, lesson, hints (how many).</summary>
    public static string Catalog()
        => JsonSerializer.Serialize(ExerciseCatalog.All.Select(e => new
        {
            id = e.Id,
            title = e.Title,
            points = e.Points,
            file = e.StubFile,
            service = e.Service,
            lesson = e.Lesson,
            hints = e.Hints.Count,
        }), s_json);

    /// <summary>
    /// The ids a selector names, in lesson order: an exercise id, a service, a lesson (<c>06-cron</c>, <c>cron</c>,
    /// <c>06</c>) or nothing for all. Throws <see cref="KeyNotFoundException"/> listing what there is when it names nothing.
    /// </summary>
    public static string[] Select(string? selector) => ExerciseCatalog.Select(selector).Select(e => e.Id).ToArray();

    /// <summary>
    /// Grades <paramref name="ids"/> against the current sources of <paramref name="track"/> under <paramref name="root"/>
    /// (compiled in-process, see <see cref="SourceCheck"/>). JSON: the score summary <c>dotnet test</c> writes
    /// (<see cref="ScoreReport.ToJson"/>), or <c>{"compileErrors": [...]}</c>; with <c>compiled</c> (false: nothing changed).
    /// </summary>
    public static string Grade(string root, string track, string[] ids, string snapshotsDirectory)
    {
        var result = SourceCheck.Grade(ids, root, track, snapshotsDirectory);
        if (result.CompileErrors.Count > 0) return JsonSerializer.Serialize(new { compileErrors = result.CompileErrors, compiled = result.Compiled }, s_json);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(ScoreReport.ToJson(result.Verdicts, track))!;
        summary["compiled"] = result.Compiled;
        return summary.ToJsonString(s_json);
    }

    /// <summary>Hint <paramref name="level"/> of an exercise (or of anything else with hints), as <c>course check &lt;id&gt; --hint &lt;level&gt;</c> prints it.</summary>
    public static string Hint(string id, int level) => HintBook.Show(id, level);
}
