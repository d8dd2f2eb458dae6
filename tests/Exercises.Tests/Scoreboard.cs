using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Exercises.Checks;

namespace Exercises.Tests;

/// <summary>
/// Collects every exercise's verdict during a test run; the last test reports the score summary (see
/// <see cref="ExerciseTests"/>), and it is written next to the test results (<c>TestResults/exercise-scores.json</c> and
/// <c>.txt</c>), or to <c>$COURSE_SCORE_FILE</c>.
/// </summary>
public sealed class Scoreboard : IDisposable
{
    /// <summary>Environment variable naming the JSON file to write (the .txt goes beside it).</summary>
    public const string ScoreFileVariable = "COURSE_SCORE_FILE";

    /// <summary>
    /// Environment variable naming a file that gets one line per event as it happens: <c>start &lt;id&gt;</c> before an
    /// exercise is graded and <c>verdict {json}</c> after. A grader reads it when the process dies (a learner's
    /// <c>Environment.Exit</c>, a stack overflow, a kill after a wall-clock limit) to know what was graded and what was
    /// running.
    /// </summary>
    public const string ProgressFileVariable = "COURSE_PROGRESS_FILE";

    private static readonly object s_progressGate = new();
    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new();

    /// <summary>Notes that an exercise is about to be graded.</summary>
    public void Starting(string exerciseId) => Progress("start " + exerciseId);

    /// <summary>Records a verdict (the last one for an exercise wins).</summary>
    public void Record(Verdict verdict)
    {
        _verdicts[verdict.Exercise.Id] = verdict;
        Progress("verdict " + ScoreReport.ToJsonLine(verdict));
    }

    private static void Progress(string line)
    {
        var path = Environment.GetEnvironmentVariable(ProgressFileVariable);
        if (string.IsNullOrEmpty(path)) return;
        lock (s_progressGate)
        {
            // Opened and closed per line, so the line is on disk even if the process is killed right after.
            File.AppendAllText(path, line + "\n");
        }
    }

    /// <summary>True when a verdict is recorded for the exercise.</summary>
    public bool Has(string exerciseId) => _verdicts.ContainsKey(exerciseId);

    /// <summary>
    /// Writes the score files (<c>TestResults/exercise-scores.json</c> and <c>.txt</c>) and returns the table with where
    /// it was written: the message of the last test, so <c>dotnet test</c> shows it at the end.
    /// </summary>
    public string Summary()
    {
        var (text, path) = Write();
        var message = $"{text}\n(also in {path}; course check <exercise> shows how a failed one differs, --hint 1 gives a nudge)";
        return message.Replace("\n", "\n  ", StringComparison.Ordinal); // the test platform indents only the first line

    }

    /// <summary>Writes the score files (again: a run without the score test, e.g. filtered to one exercise, has them too).</summary>
    public void Dispose()
    {
        // Not printed: the platform shows a test program's output only when a test fails, and the score test already did.
        if (!_verdicts.IsEmpty) Write();
    }

    private (string Text, string Path) Write()
    {
        // In lesson order (the catalog's), as course check lists them; exercises the catalog does not know go last.
        var order = ExerciseCatalog.All.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var verdicts = _verdicts.Values.OrderBy(v => order.GetValueOrDefault(v.Exercise.Id, int.MaxValue)).ThenBy(v => v.Exercise.Id, StringComparer.Ordinal).ToList();
        var json = ScoreReport.ToJson(verdicts, Track);
        var text = ScoreReport.ToText(verdicts, Track);
        var jsonPath = Environment.GetEnvironmentVariable(ScoreFileVariable);
        if (string.IsNullOrEmpty(jsonPath)) jsonPath = Path.Combine(AppContext.BaseDirectory, "TestResults", "exercise-scores.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        File.WriteAllText(jsonPath, json);
        var txt = Path.ChangeExtension(Path.GetFullPath(jsonPath), ".txt");
        File.WriteAllText(txt, text);
        return (text, txt);
    }

    private static string Track
        => typeof(ExerciseCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Track")?.Value ?? "exercises";
}
