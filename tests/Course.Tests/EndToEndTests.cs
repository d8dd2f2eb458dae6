using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Commands;
using Course.Grading;
using Exercises.Checks;

namespace Course.Tests;

/// <summary>
/// Builds a small class from this repository, ordinary and hostile submissions (<see cref="AttackSubmissions"/>), and
/// grades it with <c>course grade</c>, sandbox on (bubblewrap must be installed: .ci/install does it); releases the
/// learner edition and runs the README's two commands and <c>course check</c> there with the edition's own CLI. Slow (real builds): run with COURSE_E2E=1 and
/// <c>--filter-trait "category=e2e"</c>. The expected scores come from the exercise catalog, so new exercises do not
/// break these tests; the broken variants are made from the Lambda solutions.
/// </summary>
[Trait("category", "e2e")]
public sealed class EndToEndTests(ITestOutputHelper output)
{
    /// <summary>True when the end-to-end tests should run (they need the solutions, so not in a learner edition).</summary>
    public static bool Enabled
        => Environment.GetEnvironmentVariable("COURSE_E2E") == "1" && Directory.Exists(Path.Combine(Repo.Root, "solutions"));

    private const string Skip = "end-to-end (builds a class, takes minutes): set COURSE_E2E=1 to run";

    private static int Points(string id) => ExerciseCatalog.Get(id).Points;

    private static int Total => ExerciseCatalog.All.Sum(e => e.Points);

    /// <summary>A submission whose exercises/ holds every reference answer (the instructor's own solutions).</summary>
    private static string Perfect(string dir)
    {
        var ex = Path.Combine(dir, "exercises");
        FileTree.Copy(Path.Combine(Repo.Root, "solutions"), ex, rel => rel.EndsWith(".cs", StringComparison.Ordinal));
        File.Copy(Path.Combine(Repo.Root, "exercises", "Exercises.csproj"), Path.Combine(ex, "Exercises.csproj"));
        return dir;
    }

    private static void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact(SkipUnless = nameof(Enabled), Skip = Skip)]
    public void Grading_a_class_scores_each_submission_exactly()
    {
        using var tmp = new TempFolder("course-e2e-class");
        var cls = Path.Combine(tmp.Path, "class");
        Perfect(Path.Combine(cls, "perfect"));

        var wrong = Perfect(Path.Combine(cls, "wrong"));
        Replace(Path.Combine(wrong, "exercises", "Lambda", "LambdaBill.cs"), "requests - 1_000_000", "requests - 2_000_000");

        var broken = Perfect(Path.Combine(cls, "broken"));
        File.AppendAllText(Path.Combine(broken, "exercises", "Lambda", "GbSeconds.cs"), "\nthis is not C#\n");

        var hangs = Perfect(Path.Combine(cls, "hangs"));
        File.WriteAllText(Path.Combine(hangs, "exercises", "Lambda", "GbSeconds.cs"), """
            namespace Exercises.Lambda;

            /// <summary>Never answers.</summary>
            public static class GbSecondsExercise
            {
                /// <summary>Loops for ever.</summary>
                public static decimal ForInvocation(int memoryMb, double durationMs)
                {
                    while (true) { }
                }
            }
            """);

        var snapshot = Perfect(Path.Combine(cls, "edited-snapshot"));
        var snap = Path.Combine(snapshot, "tests", "Exercises.Tests", "__snapshots__", "lambda.bill.snap");
        Directory.CreateDirectory(Path.GetDirectoryName(snap)!);
        File.Copy(Path.Combine(Repo.Root, "tests", "Exercises.Tests", "__snapshots__", "lambda.bill.snap"), snap);
        Replace(snap, "$18.73", "$99.99");

        var exits = Perfect(Path.Combine(cls, "exits"));
        File.WriteAllText(Path.Combine(exits, "exercises", "Lambda", "ArmBreakEven.cs"), """
            namespace Exercises.Lambda;

            /// <summary>Ends the process.</summary>
            public static class ArmBreakEven
            {
                /// <summary>Calls Environment.Exit.</summary>
                public static long RequestsToSave(int memoryMb, double durationMs, decimal savingsUsd)
                {
                    Environment.Exit(0);
                    return 0;
                }
            }
            """);

        // The attacks (see AttackSubmissions): each knows where the course, the class, --out and a marker folder are.
        var outDir = Path.Combine(tmp.Path, "grades");
        var markers = Path.Combine(tmp.Path, "markers");
        Directory.CreateDirectory(markers);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(markers, (UnixFileMode)Convert.ToInt32("777", 8)); // writable by anyone who can reach it
        var targets = new AttackSubmissions.Targets(Repo.Root, cls, outDir, markers);
        var billSnap = Path.Combine(Repo.Root, "tests", "Exercises.Tests", "__snapshots__", "lambda.bill.snap");
        var billLines = System.Text.Json.JsonSerializer.Deserialize<string[]>(File.ReadAllText(billSnap).TrimStart('\uFEFF'))!;
        AttackSubmissions.Forger(Perfect(Path.Combine(cls, "forger")), targets, billLines);
        AttackSubmissions.Builder(Perfect(Path.Combine(cls, "builder")), targets, File.ReadAllText(Path.Combine(Repo.Root, "solutions", "Lambda", "LambdaBill.cs")));
        AttackSubmissions.Reader(Perfect(Path.Combine(cls, "reader")), targets);
        AttackSubmissions.Loader(Perfect(Path.Combine(cls, "loader")), targets);
        AttackSubmissions.Saboteur(Perfect(Path.Combine(cls, "saboteur")), targets);
        AttackSubmissions.Staller(Perfect(Path.Combine(cls, "staller")), targets);
        AttackSubmissions.Prober(Perfect(Path.Combine(cls, "prober")), targets, File.ReadAllText(Path.Combine(Repo.Root, "solutions", "Lambda", "LambdaBill.cs")));
        AttackSubmissions.Symlinked(Path.Combine(cls, "symlinked"), targets);
        var canaries = new[] { Path.Combine(Repo.Root, "sabotage.txt"), Path.Combine(Repo.Root, "tests", "Exercises.Tests", "__snapshots__", "zz-sabotage.snap") };

        // Hidden tests: one more exercise on the same learner code, with inputs learners never saw. Its expected answers
        // were worked out by hand from the prices in the exercise text ($0.20 per million requests above 1M;
        // $0.0000166667 per GB-s above 400,000): 2M × 256 MB × 50 ms = 25,000 GB-s (free) + 1M paid requests = $0.20;
        // 1.5M × 3008 MB × 1201 ms = 5,291,906.25 GB-s → 4,891,906.25 paid × $0.0000166667 + 0.5M × $0.0000002 = $81.63.
        var hidden = Path.Combine(tmp.Path, "hidden");
        Directory.CreateDirectory(hidden);
        File.WriteAllText(Path.Combine(hidden, "HiddenLambdaExercises.cs"), """
            using Exercises.Lambda;
            using static Exercises.Checks.Cases;

            namespace Exercises.Checks.Hidden;

            /// <summary>Hidden: the bill on inputs learners never saw.</summary>
            public sealed class HiddenLambdaExercises : IExerciseSet
            {
                /// <inheritdoc />
                public IEnumerable<ExerciseDefinition> Exercises =>
                [
                    new("lambda.hidden-bill", "A month's Lambda bill, unseen inputs", 4, "exercises/Lambda/LambdaBill.cs",
                        () => Each(
                            new (long Requests, int Mb, double Ms)[] { (2_000_000, 256, 50), (1_500_000, 3008, 1200.5) },
                            c => Inv($"{c.Requests:#,0} requests × {c.Ms} ms at {c.Mb} MB"),
                            c => LambdaBill.MonthlyCost(c.Requests, c.Mb, c.Ms),
                            Usd),
                        "the same rules as lambda.bill."),
                ];
            }
            """);
        File.WriteAllText(Path.Combine(hidden, "lambda.hidden-bill.snap"),
            "\uFEFF[\n  \"2,000,000 requests × 50 ms at 256 MB → $0.20\",\n  \"1,500,000 requests × 1200.5 ms at 3008 MB → $81.63\"\n]");
        const int hiddenPoints = 4;

        var watch = Stopwatch.StartNew();
        var (exit, stdout, stderr) = Cli.Run(tmp.Path, "grade", cls, "--out", outDir, "--course", Repo.Root, "--hidden-tests", hidden, "--time-limit", "5", "--jobs", "2");
        output.WriteLine(stdout);
        output.WriteLine(stderr);
        output.WriteLine($"graded 14 submissions in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, exit);
        var gradebook = File.ReadAllText(Path.Combine(outDir, "gradebook.csv"));

        string Feedback(string who) => File.ReadAllText(Path.Combine(outDir, who, "feedback.md"));
        var rows = Csv.Read(File.ReadAllText(Path.Combine(outDir, "gradebook.csv"))).ToDictionary(r => r["submission"]);
        Assert.Equal(["broken", "builder", "edited-snapshot", "exits", "forger", "hangs", "loader", "perfect", "prober", "reader", "saboteur", "staller", "symlinked", "wrong"], rows.Keys.Order(StringComparer.Ordinal));
        void Expect(string who, int total, params (string Id, int Earned)[] cells)
        {
            var row = rows[who];
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), row["total"]);
            Assert.Equal((Total + hiddenPoints).ToString(System.Globalization.CultureInfo.InvariantCulture), row["possible"]);
            var columns = new List<(string Id, int Points)>(ExerciseCatalog.All.Select(e => (e.Id, e.Points))) { ("lambda.hidden-bill", hiddenPoints) };
            foreach (var e in columns)
            {
                var expected = cells.Any(c => c.Id == e.Id) ? cells.First(c => c.Id == e.Id).Earned : (total == 0 ? 0 : e.Points);
                Assert.True(expected.ToString(System.Globalization.CultureInfo.InvariantCulture) == row[e.Id], $"{who} {e.Id}: expected {expected}, gradebook has {row[e.Id]}");
            }
        }
        var all = Total + hiddenPoints;
        Expect("perfect", all);
        Expect("wrong", all - Points("lambda.bill") - hiddenPoints, ("lambda.bill", 0), ("lambda.hidden-bill", 0));
        Expect("broken", 0);
        Expect("hangs", all - Points("lambda.gb-seconds"), ("lambda.gb-seconds", 0));
        Expect("edited-snapshot", all);
        Expect("exits", all - Points("lambda.arm-breakeven"), ("lambda.arm-breakeven", 0));
        Assert.Equal("no", rows["broken"]["compiled"]);
        // The attacks score exactly their honest parts: the bill (and the hidden bill, on the same code) not done; the
        // saboteur and the staller did every exercise right.
        foreach (var who in new[] { "forger", "builder", "reader", "loader", "prober" })
        {
            Expect(who, all - Points("lambda.bill") - hiddenPoints, ("lambda.bill", 0), ("lambda.hidden-bill", 0));
        }
        Expect("saboteur", all);
        Expect("staller", all);
        Expect("symlinked", 0);
        Assert.Contains("symbolic link", Feedback("symlinked"), StringComparison.Ordinal);
        Assert.Contains("Exercises.csproj.user: ignored", Feedback("builder"), StringComparison.Ordinal);
        Assert.Contains("Directory.Build.rsp: ignored", Feedback("builder"), StringComparison.Ordinal);
        var staller = Regex.Match(stdout, @"\] staller: .* in ([0-9.]+) s");
        Assert.True(staller.Success && double.Parse(staller.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 60, "the staller's children held the grader: " + staller.Value);

        // Nothing reached the outside: no marker, no canary, nothing extra in --out, and nothing changes it afterwards.
        Assert.Empty(Directory.GetFileSystemEntries(markers));
        Assert.All(canaries, c => Assert.False(File.Exists(c), c + " was written by a submission"));
        var expectedOut = rows.Keys.Select(k => Path.Combine(outDir, k)).Append(Path.Combine(outDir, "gradebook.csv")).Order(StringComparer.Ordinal);
        Assert.Equal(expectedOut, Directory.GetFileSystemEntries(outDir).Order(StringComparer.Ordinal));
        var feedbacks = rows.Keys.ToDictionary(k => k, Feedback);
        Thread.Sleep(TimeSpan.FromSeconds(3)); // a detached watcher, had one survived, would be rewriting them now
        Assert.Equal(gradebook, File.ReadAllText(Path.Combine(outDir, "gradebook.csv")));
        Assert.All(rows.Keys, k => Assert.Equal(feedbacks[k], Feedback(k)));
        Assert.Empty(Directory.GetFileSystemEntries(markers));

        Assert.Contains("expected: 3,000,000 requests × 1000 ms at 512 MB → $18.73", Feedback("wrong"), StringComparison.Ordinal);
        // A wrong answer's feedback gives the exercise's first hint, the nudge, from the course's own catalog.
        Assert.Contains("Hint: " + ExerciseCatalog.Get("lambda.bill").Hints[0], Feedback("wrong"), StringComparison.Ordinal);
        Assert.Contains("exercises/Lambda/GbSeconds.cs(", Feedback("broken"), StringComparison.Ordinal);
        Assert.Contains("timed out after 5 s", Feedback("hangs"), StringComparison.Ordinal);
        Assert.Contains("`tests/Exercises.Tests/__snapshots__/lambda.bill.snap (changed)`", Feedback("edited-snapshot"), StringComparison.Ordinal);
        Assert.Contains("does your code call Environment.Exit", Feedback("exits"), StringComparison.Ordinal);
        Assert.DoesNotContain("## What to fix", Feedback("perfect"), StringComparison.Ordinal);
        Assert.Contains("### lambda.hidden-bill: A month's Lambda bill, unseen inputs (0/4)", Feedback("wrong"), StringComparison.Ordinal);
        Assert.Contains("[14/14]", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a learner does in a fresh learner edition, with the edition's own files only: the README's two commands, run
    /// exactly as written, then <c>course check</c> through the edition's own CLI. The environment is a learner's: no CI,
    /// no end-to-end switch.
    /// </summary>
    [Fact(SkipUnless = nameof(Enabled), Skip = Skip)]
    public void The_learner_edition_passes_the_readme_commands_with_its_own_cli()
    {
        using var tmp = new TempFolder("course-e2e-release");
        var learner = Path.Combine(tmp.Path, "learner");
        // --allow-dirty so that a developer's uncommitted work does not stop the test: it releases HEAD either way.
        var (exit, stdout, stderr) = Cli.Run(Repo.Root, "release", learner, "--allow-dirty");
        output.WriteLine(stdout + stderr);
        Assert.Equal(0, exit);
        Assert.False(Directory.Exists(Path.Combine(learner, "solutions")));
        Assert.DoesNotContain(SolutionFile.ProjectPaths(File.ReadAllText(Path.Combine(learner, "Course.sln"))), p => p.StartsWith("solutions", StringComparison.OrdinalIgnoreCase));
        var committed = ProcessRunner.Capture("git", ["ls-files", "-z"], Repo.Root, TimeSpan.FromMinutes(1));
        var expected = committed.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => !ReleaseCommand.IsWithheld(f)).ToList();
        Assert.All(expected, f => Assert.True(File.Exists(Path.Combine(learner, f)) || !File.Exists(Path.Combine(Repo.Root, f)), $"{f} is missing from the learner edition"));

        var env = new Dictionary<string, string?> { ["CI"] = null, ["COURSE_E2E"] = null, ["COURSE_NO_TTY"] = "1", ["DOTNET_HOST_PATH"] = null, ["MSBuildExtensionsPath"] = null, ["MSBuildSDKsPath"] = null, ["MSBUILD_EXE_PATH"] = null };
        ProcessResult Learner(params string[] args)
        {
            var r = ProcessRunner.Run("dotnet", args, learner, TimeSpan.FromMinutes(20), env);
            output.WriteLine($"$ dotnet {string.Join(' ', args)}  (exit {r.ExitCode}, {r.Elapsed.TotalSeconds:0} s)\n{r.Output}");
            return r;
        }

        // The README's first command: restores, builds and runs a lesson.
        var lesson = Learner("run", "--project", "tools/Course", "--", "run", "notebooks/04-lambda.ipynb");
        Assert.True(lesson.Succeeded, lesson.Output);

        // The README's second command: every test passes, every exercise not attempted yet.
        var test = Learner("test");
        Assert.True(test.Succeeded, test.Output);
        // The score report (the one skipped exercise test) lists them all as not attempted, in one line.
        Assert.Contains($"not attempted yet: {ExerciseCatalog.All.Count} exercises", test.Output, StringComparison.Ordinal);
        var scores = File.ReadAllText(Path.Combine(learner, "tests", "Exercises.Tests", "bin", "Debug", "net10.0", "TestResults", "exercise-scores.json"));
        var recorded = ExerciseScore.ReadSummary(scores);
        Assert.Equal(ExerciseCatalog.All.Select(e => e.Id).Order(StringComparer.Ordinal), recorded.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(recorded, s => Assert.Equal(ExerciseScore.NotAttempted, s.Status));

        // course check with the edition's own CLI: nothing done yet, then one exercise done right.
        var check = Learner("run", "--project", "tools/Course", "--", "check", "lambda");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("not attempted (edit exercises/Lambda/LambdaBill.cs)", check.Output, StringComparison.Ordinal);
        // Written, not copied: a copy keeps the old file time, and the build would think the stub's assembly is current.
        File.WriteAllText(Path.Combine(learner, "exercises", "Lambda", "LambdaBill.cs"), File.ReadAllText(Path.Combine(Repo.Root, "solutions", "Lambda", "LambdaBill.cs")));
        check = Learner("run", "--project", "tools/Course", "--", "check", "lambda.bill");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains($"lambda.bill  A month's Lambda bill with the free tier     {Points("lambda.bill")}/{Points("lambda.bill")}  passed", check.Output, StringComparison.Ordinal);

        // A compile error is reported with the file and exit code 1.
        File.AppendAllText(Path.Combine(learner, "exercises", "Lambda", "GbSeconds.cs"), "\noops\n");
        check = Learner("run", "--project", "tools/Course", "--", "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("Your code does not compile:", check.Output, StringComparison.Ordinal);
        Assert.Contains("exercises/Lambda/GbSeconds.cs(", check.Output, StringComparison.Ordinal);

        // An unknown selector lists the known ones, in lesson order (exit 2).
        File.WriteAllText(Path.Combine(learner, "exercises", "Lambda", "GbSeconds.cs"), File.ReadAllText(Path.Combine(Repo.Root, "exercises", "Lambda", "GbSeconds.cs")));
        check = Learner("run", "--project", "tools/Course", "--", "check", "nosuchservice");
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("exercises: ", check.Output, StringComparison.Ordinal);
        Assert.Contains("lambda.bill, lambda.arm-breakeven", check.Output, StringComparison.Ordinal);
    }
}
