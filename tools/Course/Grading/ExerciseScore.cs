using System.Text.Json;

namespace Course.Grading;

/// <summary>
/// One exercise's result as the exercise tests record it (<c>TestResults/exercise-scores.json</c>, or a progress file
/// line). The CLI reads these files rather than referencing the checks, so it keeps working when a learner's code does
/// not compile.
/// </summary>
/// <param name="Id">Exercise id, e.g. <c>lambda.bill</c>.</param>
/// <param name="Title">What it asks.</param>
/// <param name="Points">What it is worth.</param>
/// <param name="Earned">Points earned.</param>
/// <param name="Status"><c>passed</c>, <c>failed</c> or <c>not attempted</c> (or <c>not graded</c> when no verdict was recorded).</param>
/// <param name="Summary">One line: what happened.</param>
/// <param name="Details">The first difference, the exception, the hint.</param>
/// <param name="File">The file the learner edits.</param>
internal sealed record ExerciseScore(string Id, string Title, int Points, int Earned, string Status, string Summary, IReadOnlyList<string> Details, string File)
{
    /// <summary>The status a passed exercise has.</summary>
    public const string Passed = "passed";

    /// <summary>The status of an exercise that was not attempted.</summary>
    public const string NotAttempted = "not attempted";

    /// <summary>The status of an exercise that failed.</summary>
    public const string Failed = "failed";

    /// <summary>The service part of the id.</summary>
    public string Service => Id.Split('.')[0];

    /// <summary>The same exercise scored 0 with a reason (nothing was recorded for it, or the build failed).</summary>
    public ExerciseScore Zero(string status, string summary, IReadOnlyList<string>? details = null)
        => this with { Earned = 0, Status = status, Summary = summary, Details = details ?? Array.Empty<string>() };

    /// <summary>Reads the entries of a score summary file (<c>{ "exercises": [ … ] }</c>).</summary>
    public static IReadOnlyList<ExerciseScore> ReadSummary(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("exercises", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(FromJson).ToList()
            : Array.Empty<ExerciseScore>();
    }

    /// <summary>Reads one entry.</summary>
    public static ExerciseScore FromJson(JsonElement e)
    {
        string Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
        int Int(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;
        var details = e.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : new List<string>();
        return new ExerciseScore(Str("id"), Str("title"), Int("points"), Int("earned"), Str("status"), Str("summary"), details, Str("file"));
    }
}

/// <summary>What a progress file says: the verdicts recorded so far and the exercises started but never finished.</summary>
/// <param name="Verdicts">Recorded verdicts, the last one per exercise.</param>
/// <param name="Unfinished">Exercises that started and have no verdict (the one running when the process died).</param>
internal sealed record Progress(IReadOnlyDictionary<string, ExerciseScore> Verdicts, IReadOnlyList<string> Unfinished)
{
    /// <summary>Reads a progress file (missing file: nothing recorded). A torn last line is ignored.</summary>
    public static Progress Read(string path)
    {
        var verdicts = new Dictionary<string, ExerciseScore>(StringComparer.Ordinal);
        var started = new List<string>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                if (line.StartsWith("start ", StringComparison.Ordinal))
                {
                    started.Add(line[6..].Trim());
                }
                else if (line.StartsWith("verdict ", StringComparison.Ordinal))
                {
                    try
                    {
                        using var doc = JsonDocument.Parse(line[8..]);
                        var s = ExerciseScore.FromJson(doc.RootElement);
                        verdicts[s.Id] = s;
                    }
                    catch (JsonException)
                    {
                        // the process died while writing this line
                    }
                }
            }
        }
        return new Progress(verdicts, started.Where(id => !verdicts.ContainsKey(id)).Distinct().ToList());
    }
}
