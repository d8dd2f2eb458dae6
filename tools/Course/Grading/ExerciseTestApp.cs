using System.Globalization;

namespace Course.Grading;

/// <summary>The outcome of running the exercise tests in a child process (possibly several times, see <see cref="ExerciseTestApp"/>).</summary>
/// <param name="Scores">The recorded result of every exercise that ran or was blamed for stopping the process, by id.</param>
/// <param name="Notes">What went wrong with the process itself, if anything.</param>
/// <param name="Runs">How many times the test process was started.</param>
/// <param name="Output">The output of the last run (bounded).</param>
internal sealed record TestAppRun(IReadOnlyDictionary<string, ExerciseScore> Scores, IReadOnlyList<string> Notes, int Runs, string Output);

/// <summary>
/// Runs the built exercise tests (<c>Exercises.Tests.dll</c>, with xunit's own console runner) in a child process and
/// reads the verdicts it records. When the process dies before it writes its summary (a learner's
/// <c>Environment.Exit</c>, a stack overflow, the wall-clock limit), the exercise that was running scores 0 with the
/// reason, and the exercises that had not run yet are run again in a new process without it, so one bad exercise
/// never costs the others their points.
/// </summary>
internal static class ExerciseTestApp
{
    /// <summary>How many processes one grading may start (one more than the exercises it may blame).</summary>
    public const int MaxRuns = 5;

    /// <summary>Runs the tests of <paramref name="testDll"/>.</summary>
    /// <param name="testDll">The built test assembly.</param>
    /// <param name="scratch">A folder for the score and progress files.</param>
    /// <param name="include">xunit trait filters (<c>service=lambda</c> or <c>exercise=lambda.bill</c>); empty: every exercise.</param>
    /// <param name="wallClock">How long one process may run before it is killed.</param>
    /// <param name="snapshotsDirectory">The expected answers to grade against (null: the ones next to the tests).</param>
    /// <param name="timeLimitSeconds">Overrides each exercise's own time limit when set.</param>
    public static TestAppRun Run(string testDll, string scratch, IReadOnlyList<string> include, TimeSpan wallClock,
        string? snapshotsDirectory = null, double? timeLimitSeconds = null)
    {
        Directory.CreateDirectory(scratch);
        var scores = new Dictionary<string, ExerciseScore>(StringComparer.Ordinal);
        var notes = new List<string>();
        var output = "";
        var runs = 0;
        while (runs < MaxRuns)
        {
            runs++;
            var scoreFile = Path.Combine(scratch, $"scores-{runs}.json");
            var progressFile = Path.Combine(scratch, $"progress-{runs}.log");
            File.Delete(scoreFile);
            File.Delete(progressFile);
            File.Delete(Path.ChangeExtension(scoreFile, ".txt"));

            var args = new List<string> { testDll, "-noLogo", "-noColor", "-preEnumerateTheories", "-parallel", "none" };
            foreach (var f in include) args.AddRange(["-trait", f]);
            foreach (var id in scores.Keys.Order(StringComparer.Ordinal)) args.AddRange(["-trait-", "exercise=" + id]);
            var env = new Dictionary<string, string?>
            {
                ["COURSE_SCORE_FILE"] = scoreFile,
                ["COURSE_PROGRESS_FILE"] = progressFile,
                ["SNAPSHOOTER_STRICT_MODE"] = "true",
                ["COURSE_SNAPSHOTS_DIR"] = snapshotsDirectory,
                ["COURSE_TIME_LIMIT_SECONDS"] = timeLimitSeconds?.ToString(CultureInfo.InvariantCulture),
            };
            var result = ProcessRunner.Dotnet(args, Path.GetDirectoryName(testDll)!, wallClock, env);
            output = result.Output;

            if (!result.TimedOut && File.Exists(scoreFile))
            {
                foreach (var s in ExerciseScore.ReadSummary(File.ReadAllText(scoreFile))) scores[s.Id] = s;
                break;
            }

            var progress = Progress.Read(progressFile);
            foreach (var (id, s) in progress.Verdicts) scores[id] = s;
            if (progress.Verdicts.Count == 0 && progress.Unfinished.Count == 0)
            {
                // Nothing was graded: no exercise matched the filter, or the process failed before the first one.
                if (result.TimedOut || result.ExitCode != 0)
                {
                    notes.Add(result.TimedOut
                        ? $"the test process was stopped after {Seconds(wallClock)} s before it graded any exercise"
                        : $"the test process failed (exit code {result.ExitCode}) before it graded any exercise: {LastLines(result.Output, 3)}");
                }
                break;
            }
            foreach (var id in progress.Unfinished)
            {
                var reason = result.TimedOut
                    ? $"stopped: the test run went past its {Seconds(wallClock)} s limit while grading this exercise"
                    : $"the test process ended (exit code {result.ExitCode}) while grading this exercise: does your code call Environment.Exit, or recurse without end (a stack overflow)?";
                scores[id] = new ExerciseScore(id, "", 0, 0, ExerciseScore.Failed, reason, Array.Empty<string>(), "");
                notes.Add($"{id}: {reason}");
            }
            if (progress.Unfinished.Count == 0)
            {
                notes.Add($"the test process ended (exit code {result.ExitCode}{(result.TimedOut ? ", stopped by the wall-clock limit" : "")}) between exercises: {LastLines(result.Output, 3)}");
            }
        }
        return new TestAppRun(scores, notes, runs, output);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string LastLines(string text, int n)
        => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(n));
}
