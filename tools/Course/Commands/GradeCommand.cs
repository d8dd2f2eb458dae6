using System.Diagnostics;
using System.Globalization;
using Course.Grading;

namespace Course.Commands;

/// <summary>
/// <c>course grade &lt;submission-dir&gt;… [--out &lt;dir&gt;]</c>: grades a class against the instructor's own checks and
/// expected answers, treating every submission as hostile: only its C# source is built, by the grader's project file, and
/// run in a fresh bubblewrap sandbox that only reports answer lines; the verdicts are decided outside. Writes
/// <c>gradebook.csv</c> and a <c>feedback.md</c> each.
/// </summary>
internal sealed class GradeCommand : ICommand, IHasFlags
{
    public string Name => "grade";

    public string Summary => "grade a class: course grade submissions/* --out grades (gradebook.csv + feedback.md each)";

    public string[] Flags => ["keep-work", "unsafe-no-sandbox"];

    public string Usage => """
        usage: course grade <submission-dir>... [--out <dir>] [--hidden-tests <dir>] [--jobs <n>]
                            [--time-limit <seconds>] [--timeout <seconds>] [--course <dir>] [--keep-work]
                            [--unsafe-no-sandbox]
          Each submission is a copy of the course folder (only its exercises/**/*.cs is used; a folder whose subfolders
          are submissions may be given instead). Writes <out>/gradebook.csv and <out>/<submission>/feedback.md.
          Learners' code runs only in a bubblewrap sandbox (package bubblewrap): no network, none of your files.
          --out <dir>            where to write (default: ./grades)
          --hidden-tests <dir>   extra exercise definitions (*.cs) and expected answers (*.snap) learners never saw
          --jobs <n>             submissions graded at the same time (default 1)
          --time-limit <s>       stop each exercise after this many seconds instead of its own limit
          --timeout <s>          wall-clock limit for one submission's sandbox (and its build) (default 300)
          --course <dir>         the instructor's course folder (default: the one holding the current folder)
          --keep-work            keep the scratch folder (for debugging)
          --unsafe-no-sandbox    grade without a sandbox: learners' code runs as you and can read and change your files
        """;

    /// <summary>The longest --timeout or --time-limit: a day, far past any class, and within what a timer can hold.</summary>
    private const double MaxSeconds = 86_400;

    public int Run(Args args, CommandContext context)
    {
        var courseRoot = CourseRepository.FindRoot(Resolve(context, args.Text("course") ?? "."));
        var outDir = Resolve(context, args.Text("out") ?? "grades");
        var hidden = args.Text("hidden-tests") is { } h ? Resolve(context, h) : null;
        var jobsGiven = args.Long("jobs", 1);
        var timeout = args.Double("timeout", 300);
        double? timeLimit = args.Text("time-limit") is null ? null : args.Double("time-limit");
        var keep = args.Flag("keep-work");
        var unsafeNoSandbox = args.Flag("unsafe-no-sandbox");
        args.RejectUnknown();
        // Every option is checked before any submission is graded, so a bad one never costs the work already done.
        if (jobsGiven is < 1 or > 16) throw new UsageException($"--jobs = '{args.Text("jobs")}' is not allowed: must be a whole number from 1 to 16");
        var jobs = (int)jobsGiven;
        if (timeout is <= 0 or > MaxSeconds) throw new UsageException($"--timeout = '{args.Text("timeout")}' is not allowed: must be from 1 to {MaxSeconds:#,0} seconds");
        if (timeLimit is <= 0 or > MaxSeconds) throw new UsageException($"--time-limit = '{args.Text("time-limit")}' is not allowed: must be from 1 to {MaxSeconds:#,0} seconds");
        if (hidden is not null && !Directory.Exists(hidden)) throw new UsageException($"--hidden-tests = '{hidden}' is not a folder");
        if (File.Exists(outDir)) throw new UsageException($"--out = '{args.Text("out") ?? "grades"}' is not allowed: it is a file; give a folder (it is created if missing)");
        var submissions = Submissions(args.Positional.Select(p => Resolve(context, p)).ToList());
        if (!unsafeNoSandbox && (Sandbox.Bwrap is null || !OperatingSystem.IsLinux()))
        {
            context.Error.WriteLine("error: " + (OperatingSystem.IsLinux() ? Sandbox.HowToInstall
                : "course grade runs learners' code in a bubblewrap sandbox, which needs Linux. Grade on Linux (or in a Linux container), or pass --unsafe-no-sandbox: learners' code then runs as you, and can read and change anything you can."));
            return 1;
        }
        if (unsafeNoSandbox) context.Error.WriteLine("warning: --unsafe-no-sandbox: learners' code runs as you, with your files and your network. Grade only code you trust this way.");

        var watch = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetTempPath(), "course-grade-" + Guid.NewGuid().ToString("N")[..12]);
        var grader = new ClassGrader(new GradingOptions(courseRoot, work, hidden, TimeSpan.FromSeconds(timeout), timeLimit, Sandboxed: !unsafeNoSandbox));
        try
        {
            context.Out.WriteLine($"Grading {submissions.Count} submission(s) against {courseRoot}");
            var error = grader.Prepare(context.Out);
            if (error is not null)
            {
                context.Error.WriteLine("error: " + error);
                return 1;
            }
            context.Out.WriteLine($"{grader.Catalog.Count} exercise(s), {grader.Catalog.Sum(e => e.Points)} points: {string.Join(", ", grader.Catalog.Select(e => e.Id))}");

            var results = new SubmissionResult?[submissions.Count];
            var freeJobs = new System.Collections.Concurrent.ConcurrentBag<int>(Enumerable.Range(0, jobs));
            var done = 0;
            var gate = new object();
            Parallel.For(0, submissions.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
            {
                var (name, dir) = submissions[i];
                SubmissionResult r;
                if (!freeJobs.TryTake(out var job)) throw new InvalidOperationException("more submissions at once than jobs");
                try
                {
                    r = grader.Grade(name, dir, job);
                }
#pragma warning disable CA1031 // one submission's trouble must never stop the class being graded
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    r = new SubmissionResult(name, dir, grader.Catalog.Select(e => e.Zero(ExerciseScore.Failed, "the grader failed on this submission")).ToList(),
                        false, [], [], [$"the grader failed: {ex.GetType().Name}: {ex.Message}"], TimeSpan.Zero);
                }
                finally
                {
                    freeJobs.Add(job);
                }
                results[i] = r;
                lock (gate)
                {
                    done++;
                    var what = r.Compiled ? "" : " (does not compile)";
                    context.Out.WriteLine($"[{done}/{submissions.Count}] {name}: {r.Earned}/{r.Possible} ({r.Percent.ToString("0.#", CultureInfo.InvariantCulture)}%){what} in {r.Elapsed.TotalSeconds:0.0} s (compile {r.BuildElapsed.TotalSeconds:0.0} s)");
                }
            });

            var all = results.Select(r => r!).ToList();
            // Written only now, after every sandbox has ended; no sandbox could ever see this folder.
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "gradebook.csv"), Gradebook.ToCsv(grader.Catalog, all));
            foreach (var r in all)
            {
                var dir = Path.Combine(outDir, r.Name);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "feedback.md"), Feedback.ToMarkdown(r));
            }

            context.Out.WriteLine();
            context.Out.WriteLine(SummaryTable(grader.Catalog, all));
            context.Out.WriteLine();
            context.Out.WriteLine($"Graded {all.Count} submission(s) in {watch.Elapsed.TotalSeconds:0.0} s. Wrote {Path.Combine(outDir, "gradebook.csv")} and a feedback.md per submission.");
            return 0;
        }
        finally
        {
            if (keep) context.Out.WriteLine("work folder kept: " + work);
            else FileTree.TryDelete(work);
        }
    }

    /// <summary>The class at a glance: one row per submission, one column per exercise.</summary>
    internal static string SummaryTable(IReadOnlyList<ExerciseScore> catalog, IReadOnlyList<SubmissionResult> results)
    {
        var header = new List<string> { "submission" };
        header.AddRange(catalog.Select(e => $"{e.Id}/{e.Points}"));
        header.AddRange(["total", "%", "notes"]);
        var rows = results.Select(r =>
        {
            var row = new List<string> { r.Name };
            row.AddRange(catalog.Select(e => r.Scores.FirstOrDefault(s => s.Id == e.Id) is { } s
                ? s.Status switch { ExerciseScore.Passed => s.Earned.ToString(CultureInfo.InvariantCulture), ExerciseScore.NotAttempted => "-", _ => "0" }
                : "0"));
            row.Add($"{r.Earned}/{r.Possible}");
            row.Add(r.Percent.ToString("0.#", CultureInfo.InvariantCulture));
            row.Add(string.Join("; ", Gradebook.Notes(r)));
            return (IReadOnlyList<string>)row;
        });
        var numeric = Enumerable.Range(1, catalog.Count + 2).ToArray();
        return TextTable.Render(header, rows, numeric) + "\n(- = not attempted, 0 = failed)";
    }

    /// <summary>
    /// The submissions with unique names. A folder without exercises/ whose subfolders have one stands for all of them
    /// (a class folder).
    /// </summary>
    internal static IReadOnlyList<(string Name, string Directory)> Submissions(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new UsageException("name at least one submission folder");
        var found = new List<string>();
        foreach (var p in paths)
        {
            if (!Directory.Exists(p)) throw new UsageException($"'{p}' is not a folder");
            if (Directory.Exists(Path.Combine(p, "exercises"))) { found.Add(p); continue; }
            var subs = Directory.GetDirectories(p).Where(d => Directory.Exists(Path.Combine(d, "exercises"))).Order(StringComparer.Ordinal).ToList();
            found.AddRange(subs.Count > 0 ? subs : [p]); // a folder without exercises/ is still graded: it scores 0 and says why
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, string)>();
        foreach (var dir in found.Select(Path.GetFullPath).Distinct())
        {
            var baseName = Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
            if (baseName.Length == 0) baseName = "submission";
            var name = baseName;
            for (var i = 2; !names.Add(name); i++) name = $"{baseName}-{i}";
            result.Add((name, dir));
        }
        return result;
    }

    private static string Resolve(CommandContext context, string path) => Path.GetFullPath(Path.Combine(context.WorkingDirectory, path));
}
