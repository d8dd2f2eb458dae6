using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Exercises.Checks;

namespace Exercises.Tests;

/// <summary>
/// Collects every exercise's verdict during a test run and, at the end, prints the score summary and writes it next to
/// the test results (<c>TestResults/exercise-scores.json</c> and <c>.txt</c>), or to <c>$COURSE_SCORE_FILE</c>.
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

    /// <summary>Writes the summary.</summary>
    public void Dispose()
    {
        if (_verdicts.IsEmpty) return;
        // In lesson order (the catalog's), as course check lists them; exercises the catalog does not know go last.
        var order = ExerciseCatalog.All.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var verdicts = _verdicts.Values.OrderBy(v => order.GetValueOrDefault(v.Exercise.Id, int.MaxValue)).ThenBy(v => v.Exercise.Id, StringComparer.Ordinal).ToList();
        var json = ScoreReport.ToJson(verdicts, Track);
        var text = ScoreReport.ToText(verdicts, Track);
        var jsonPath = Environment.GetEnvironmentVariable(ScoreFileVariable);
        if (string.IsNullOrEmpty(jsonPath)) jsonPath = Path.Combine(AppContext.BaseDirectory, "TestResults", "exercise-scores.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        File.WriteAllText(jsonPath, json);
        File.WriteAllText(Path.ChangeExtension(jsonPath, ".txt"), text);
        var summary = $"\n{text}\n(written to {Path.ChangeExtension(Path.GetFullPath(jsonPath), ".txt")})";
        Console.WriteLine(summary);
        ShowOnTerminal(summary);
    }

    /// <summary>
    /// `dotnet test` (Microsoft.Testing.Platform, SDK 10.0.4xx) shows a test process's standard output only when the run
    /// fails. So that a learner at a terminal sees the score after a passing run too, the summary is also written
    /// straight to the controlling terminal when there is one (never in CI or when output is redirected to a file).
    /// </summary>
    private static void ShowOnTerminal(string summary)
    {
        if (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            || Environment.GetEnvironmentVariable("COURSE_NO_TTY") == "1" || !File.Exists("/dev/tty"))
        {
            return;
        }
        try
        {
            using var tty = new StreamWriter(new FileStream("/dev/tty", FileMode.Open, FileAccess.Write));
            tty.Write(summary.Replace("\n", "\r\n") + "\r\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No terminal (a pipe, a service): the file and standard output still have the summary.
        }
    }

    private static string Track
        => typeof(ExerciseCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Track")?.Value ?? "exercises";
}
