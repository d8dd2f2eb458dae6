using System.Globalization;
using Course.Grading;
using Course.Running;

namespace Course.Commands;

/// <summary>
/// <c>course check [&lt;lesson&gt;|&lt;service&gt;|&lt;exercise-id&gt;] [--hint N]</c>: grades the learner's own exercises exactly as
/// the instructor will and prints what passes, what fails and how, in lesson order; or shows one hint of an exercise.
/// It compiles <c>exercises/</c> in-process with Roslyn and runs the same checks <c>dotnet test</c> runs (the built
/// <c>Exercises.Checks</c>, loaded by <see cref="ChecksLibrary"/>), so a check after an edit takes seconds, not a build.
/// </summary>
internal sealed class CheckCommand : ICommand
{
    public string Name => "check";

    public string Summary => "grade your exercises as your instructor will: course check [cron | 06 | lambda | lambda.bill] [--hint 1]";

    public string Usage => """
        usage: course check [<lesson>|<service>|<exercise-id>] [--track exercises|solutions] [--time-limit <seconds>]
               course check <exercise-id> --hint <n>
          Compiles your code (exercises/) and grades it with the exercise tests' own checks, then prints, per exercise,
          its points and status (passed / failed with the first differing line / not attempted), in lesson order.
          Only the checks are ever built (when they change); an edit to your code needs no build.
          Name a lesson (06-cron, cron or 06), a service (eventbridge) or one exercise (eventbridge.fix); nothing: all.
          --hint <n>          show hint n of an exercise (1 is a nudge; each next one is more specific); grades nothing
          --track solutions   check the reference answers instead (instructors)
          --time-limit <s>    stop each exercise after this many seconds instead of its own limit
          Exit code: 0 all selected exercises pass, 1 some do not (or your code does not compile), 2 bad input.
        """;

    public int Run(Args args, CommandContext context)
    {
        var track = args.Text("track") ?? "exercises";
        if (track is not ("exercises" or "solutions")) throw new UsageException($"--track = '{track}' is not allowed: use exercises or solutions");
        double? timeLimit = args.Text("time-limit") is null ? null : args.Double("time-limit");
        if (timeLimit is <= 0 or > 3600) throw new UsageException($"--time-limit = '{args.Text("time-limit")}' is not allowed: must be from 1 to 3,600 seconds");
        int? hint = args.Text("hint") is null ? null : (int)args.Long("hint");
        if (hint is < 1) throw new UsageException($"--hint = '{hint}' is not allowed: hints are numbered from 1");
        args.RejectUnknown();
        if (args.Positional.Count > 1) throw new UsageException("name at most one service or exercise id");
        var selector = args.Positional.Count == 1 ? args.Positional[0] : null;
        if (selector is not null && !CourseRepository.IsSelector(selector))
        {
            throw new UsageException($"'{selector}' is not a lesson, a service or an exercise id (they look like 06-cron, cron, 06, lambda or lambda.bill)");
        }

        var root = CourseRepository.FindRoot(context.WorkingDirectory);
        if (hint is not null)
        {
            if (selector is null || !selector.Contains('.', StringComparison.Ordinal)) throw new UsageException("--hint needs one exercise id, e.g. course check lambda.bill --hint 1");
            if (!EnsureChecks(root, context)) return 1;
            using var checks = ChecksLibrary.Load(root);
            try
            {
                context.Out.WriteLine(checks.Call<string>("Hint", selector, hint.Value));
                return 0;
            }
            catch (KeyNotFoundException ex)
            {
                context.Error.WriteLine("error: " + ex.Message);
                return 2;
            }
        }
        if (!EnsureChecks(root, context)) return 1;
        using var library = ChecksLibrary.Load(root);
        string[] ids;
        try
        {
            ids = library.Call<string[]>("Select", selector);
        }
        catch (KeyNotFoundException ex)
        {
            context.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
        if (!Directory.Exists(Path.Combine(root, track))) throw new UsageException($"--track {track}: there is no {track}/ folder here");

        // Compiled from source in this process and graded by the same checks as dotnet test (see SourceCheck): an edit
        // needs no build. Only the checks themselves are built, and only when they changed (EnsureChecks).
        var previousLimit = Environment.GetEnvironmentVariable(TimeLimitVariable);
        if (timeLimit is not null) Environment.SetEnvironmentVariable(TimeLimitVariable, timeLimit.Value.ToString(CultureInfo.InvariantCulture));
        string json;
        try
        {
            json = library.Call<string>("Grade", root, track, ids, Path.Combine(root, CourseRepository.Snapshots));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TimeLimitVariable, previousLimit);
        }
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            if (doc.RootElement.TryGetProperty("compileErrors", out var compileErrors))
            {
                var errors = compileErrors.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
                context.Out.WriteLine("Your code does not compile:");
                foreach (var e in errors.Take(30)) context.Out.WriteLine("  " + e);
                if (errors.Count > 30) context.Out.WriteLine($"  … and {errors.Count - 30} more");
                context.Out.WriteLine("Fix these, then run course check again.");
                return 1;
            }
        }
        var scores = ExerciseScore.ReadSummary(json);
        context.Out.WriteLine(Render(scores, track));
        return scores.Count > 0 && scores.All(s => s.Status == ExerciseScore.Passed) ? 0 : 1;
    }

    /// <summary>What overrides every exercise's time limit (the checks' Grader.TimeLimitVariable).</summary>
    private const string TimeLimitVariable = "COURSE_TIME_LIMIT_SECONDS";

    /// <summary>Builds the checks when they are missing or older than their sources; false (and the errors) when that fails.</summary>
    private static bool EnsureChecks(string root, CommandContext context)
    {
        if (ChecksLibrary.IsCurrent(root)) return true;
        context.Out.WriteLine("Building the checks…");
        var build = ProcessRunner.Dotnet(CourseRepository.QuietBuild(ChecksLibrary.Project), root, TimeSpan.FromMinutes(10));
        if (build.Succeeded) return true;
        var errors = BuildErrors.Parse(build.Output, root);
        context.Out.WriteLine(build.TimedOut ? "The build took too long and was stopped." : "The build failed:");
        foreach (var e in errors.Take(30)) context.Out.WriteLine("  " + e);
        if (errors.Count == 0) context.Out.WriteLine(Indent(build.Output.Trim()));
        return false;
    }

    /// <summary>The table a learner sees, then how each failed exercise went wrong, then the total.</summary>
    internal static string Render(IReadOnlyList<ExerciseScore> scores, string track = "exercises")
    {
        var rows = scores.Select(s => (IReadOnlyList<string>)
        [
            s.Id, s.Title, $"{s.Earned}/{s.Points}",
            s.Status switch
            {
                ExerciseScore.Failed => $"failed: {s.Summary}",
                ExerciseScore.NotAttempted when s.File.Length > 0 => $"not attempted (edit {s.File})",
                _ => s.Status,
            },
        ]);
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(TextTable.Render(["exercise", "title", "points", "status"], rows, 2));
        var failed = scores.Where(s => s.Status == ExerciseScore.Failed).ToList();
        foreach (var s in failed)
        {
            sb.AppendLine();
            sb.AppendLine($"✘ {s.Id} ({s.File}): {s.Summary}");
            foreach (var d in s.Details) sb.AppendLine("    " + d);
        }
        var earned = scores.Sum(s => s.Earned);
        var possible = scores.Sum(s => s.Points);
        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"Total ({track}): {earned}/{possible} points ({Percent(earned, possible)}); ")
          .Append(CultureInfo.InvariantCulture, $"{scores.Count(s => s.Status == ExerciseScore.Passed)} passed, {failed.Count} failed, {scores.Count(s => s.Status == ExerciseScore.NotAttempted)} not attempted");
        return sb.ToString();
    }

    /// <summary>A percentage with at most one decimal, e.g. <c>62.5%</c>.</summary>
    internal static string Percent(int earned, int possible)
        => possible == 0 ? "0%" : (100m * earned / possible).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Indent(string text) => "  " + text.Replace("\n", "\n  ");
}
