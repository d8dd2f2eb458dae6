using System.Text;
using Course.Grading;
using Exercises.Checks;

namespace Course.Tests;

/// <summary>
/// The parts of <c>course grade</c> that stand between learner code and a grade: the report stream is read with
/// suspicion, the verdict is the grader's own comparison, only C# source crosses over, and no child can stall the grader
/// by holding a pipe.
/// </summary>
public sealed class GradingProtocolTests
{
    private static readonly CatalogEntry Bill = new("lambda.bill", "A bill", 3, "exercises/Lambda/LambdaBill.cs", "round up");

    /// <summary>True on Linux and macOS, where sh, symbolic links and the sandbox's tools are at hand.</summary>
    public static bool IsUnix => !OperatingSystem.IsWindows();

    private const string NotUnix = "needs a Unix shell and symbolic links";

    private static byte[] Stream(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Fact]
    public void A_report_counts_once_right_after_its_start_line_and_early_late_or_malformed_ones_are_ignored()
    {
        var reports = AnswerReports.Parse(Stream(
            "noise printed by learner code",
            """@course-report {"kind":"answer","id":"lambda.bill","status":"answered","lines":["early"],"summary":"answered","details":[]}""",
            "@course-start lambda.bill",
            """@course-report {"kind":"answer","id":"lambda.bill","status":"answered","lines":["a → 1"],"summary":"answered","details":[]}""",
            """@course-report {"kind":"answer","id":"lambda.bill","status":"answered","lines":["forged"],"summary":"passed","details":[]}""",
            """@course-report {"kind":"answer","id":"x.y","status":"passed","lines":[]}""",
            "@course-report {not json",
            "@course-start lambda.gb-seconds"));
        Assert.Equal(["a → 1"], reports.Answers["lambda.bill"].Lines);
        Assert.Equal(4, reports.Rejected);
        Assert.Equal(["lambda.gb-seconds"], reports.Unfinished);
        Assert.False(reports.Ended);
    }

    [Fact]
    public void A_report_carries_only_lines_the_verdict_is_the_graders_comparison()
    {
        var expected = new ExpectedAnswers();
        using var tmp = new TempFolder();
        tmp.Write("lambda.bill.snap", "\uFEFF[\n  \"a → 1\",\n  \"b → 2\"\n]");
        expected.Load(tmp.Path);

        var right = expected.Judge(Bill, new AnswerReport("lambda.bill", "answered", ["a → 1", "b → 2"], "", []));
        var wrong = expected.Judge(Bill, new AnswerReport("lambda.bill", "answered", ["a → 1", "b → 3"], "passed", []));
        var none = expected.Judge(Bill, null);
        var failed = expected.Judge(Bill, new AnswerReport("lambda.bill", "failed", [], "your code threw X", ["X: boom"]));

        Assert.Equal((ExerciseScore.Passed, 3), (right.Status, right.Earned));
        Assert.Equal((ExerciseScore.Failed, 0, "not quite: line 2 differs"), (wrong.Status, wrong.Earned, wrong.Summary));
        Assert.Contains("hint: round up", wrong.Details);
        Assert.Equal((ExerciseScore.Failed, 0), (none.Status, none.Earned));
        Assert.Equal((ExerciseScore.Failed, 0, "your code threw X"), (failed.Status, failed.Earned, failed.Summary));
    }

    [Fact]
    public void A_report_too_large_fails_and_huge_fields_are_cut()
    {
        var lines = string.Join(",", Enumerable.Repeat("\"x\"", AnswerReports.MaxLines + 5));
        var summary = new string('s', 10_000);
        var reports = AnswerReports.Parse(Stream(
            "@course-start a.big",
            $$"""@course-report {"kind":"answer","id":"a.big","status":"answered","lines":[{{lines}}]}""",
            "@course-start a.long",
            $$"""@course-report {"kind":"answer","id":"a.long","status":"failed","lines":[],"summary":"{{summary}}"}"""));
        Assert.Equal("failed", reports.Answers["a.big"].Status);
        Assert.StartsWith("your answer is too large", reports.Answers["a.big"].Summary, StringComparison.Ordinal);
        Assert.True(reports.Answers["a.long"].Summary.Length < 600);
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, new[] { "a", "b" })]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" })]
    [InlineData(new[] { "a" }, new[] { "a", "b", "c" })]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a" })]
    [InlineData(new[] { "$18.73" }, new[] { "$18.7" })]
    public void The_grader_words_a_difference_exactly_as_the_checks_do(string[] expected, string[] actual)
        => Assert.Equal(Grader.FirstDifference(expected, actual), ExpectedAnswers.FirstDifference(expected, actual));

    [Fact(SkipUnless = nameof(IsUnix), Skip = NotUnix)]
    public void Only_regular_cs_files_of_a_bounded_size_cross_over()
    {
        using var tmp = new TempFolder();
        var ex = Path.Combine(tmp.Path, "exercises");
        tmp.Write("exercises/Lambda/LambdaBill.cs", "class A {}");
        tmp.Write("exercises/Exercises.csproj", "<Project />");
        tmp.Write("exercises/Exercises.csproj.user", "<Project />");
        tmp.Write("exercises/Directory.Build.props", "<Project />");
        tmp.Write("exercises/Directory.Build.rsp", "-p:X=1");
        tmp.Write("exercises/Evil.targets", "<Project />");
        tmp.Write("exercises/.editorconfig", "[*.cs]");
        tmp.Write("exercises/Empty.cs", "");
        tmp.Write("exercises/Huge.cs", new string('/', (int)SubmissionBuilder.MaxFileBytes + 1));
        var secret = tmp.Write("secret.txt", "the answers");
        File.CreateSymbolicLink(Path.Combine(ex, "Link.cs"), secret);
        tmp.Write("elsewhere/Other.cs", "class B {}");
        Directory.CreateSymbolicLink(Path.Combine(ex, "linked"), Path.Combine(tmp.Path, "elsewhere"));

        var (sources, ignored) = SubmissionBuilder.ReadSources(ex);

        Assert.Equal([("Lambda/LambdaBill.cs", "class A {}")], sources);
        foreach (var name in new[] { "Exercises.csproj", "Exercises.csproj.user", "Directory.Build.props", "Directory.Build.rsp", "Evil.targets", ".editorconfig", "Empty.cs", "Huge.cs", "Link.cs", "linked" })
        {
            Assert.Contains(ignored, i => i.StartsWith("exercises/" + name + ": ignored", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_grader_compiles_with_its_own_references_and_names_errors_by_exercises_path()
    {
        using var tmp = new TempFolder();
        var awsSim = typeof(AwsSim.Money).Assembly.Location;
        var builder = new SubmissionBuilder(awsSim);
        tmp.Write("good/exercises/Lambda/A.cs", "namespace Exercises.Lambda;\npublic static class A { public static string F() => AwsSim.Money.Format(1.5m) + new List<int>().Count; }\n");
        tmp.Write("bad/exercises/Lambda/B.cs", "namespace Exercises.Lambda;\npublic static class B { oops }\n");

        var good = builder.Build(Path.Combine(tmp.Path, "good", "exercises"), Path.Combine(tmp.Path, "good.dll"), TimeSpan.FromMinutes(2));
        var bad = builder.Build(Path.Combine(tmp.Path, "bad", "exercises"), Path.Combine(tmp.Path, "bad.dll"), TimeSpan.FromMinutes(2));

        Assert.True(good.Assembly is not null, string.Join("\n", good.Errors));
        var name = System.Reflection.AssemblyName.GetAssemblyName(good.Assembly);
        Assert.Equal(("Exercises", new Version(1, 0, 0, 0)), (name.Name, name.Version));
        Assert.Null(bad.Assembly);
        Assert.Contains(bad.Errors, e => e.StartsWith("exercises/Lambda/B.cs(2,", StringComparison.Ordinal));
    }

    [Fact(SkipUnless = nameof(IsUnix), Skip = NotUnix)]
    public void A_grandchild_holding_the_output_pipe_does_not_stall_the_grader()
    {
        using var tmp = new TempFolder();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The child exits at once; its background child keeps stdout and stderr open for a minute.
        var log = ProcessRunner.Run("sh", ["-c", "echo hello; sleep 60 & exit 0"], tmp.Path, TimeSpan.FromSeconds(30));
        var whole = ProcessRunner.Capture("sh", ["-c", "echo hello; sleep 60 & exit 0"], tmp.Path, TimeSpan.FromSeconds(30));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal((0, false), (log.ExitCode, log.TimedOut));
        Assert.Contains("hello", log.Output, StringComparison.Ordinal);
        Assert.Equal("hello\n", whole.Text);
    }

    [Fact(SkipUnless = nameof(IsUnix), Skip = NotUnix)]
    public void A_child_past_its_wall_clock_is_killed_and_the_wait_ends_at_the_deadline()
    {
        using var tmp = new TempFolder();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = ProcessRunner.Capture("sh", ["-c", "echo started; sleep 60 & sleep 60"], tmp.Path, TimeSpan.FromSeconds(1));
        Assert.True(r.TimedOut);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("started\n", r.Text);
    }
}

/// <summary>How the sandbox is asked for, and what happens without one.</summary>
public sealed class SandboxTests
{
    [Fact]
    public void The_sandbox_binds_only_the_runtime_the_host_and_the_submissions_assembly_read_only()
    {
        var cmd = Sandbox.Command("/work/host", "/work/run/alice/Exercises.dll", ["answer"], new Dictionary<string, string> { ["COURSE_TIME_LIMIT_SECONDS"] = "5" },
            SandboxLimits.For(TimeSpan.FromSeconds(60)), job: 1);
        var text = string.Join(' ', cmd);
        foreach (var flag in new[] { "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--clearenv", "--uid 65534", "--remount-ro /dev", "--tmpfs /tmp" })
        {
            Assert.Contains(flag, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("--bind ", text, StringComparison.Ordinal); // nothing writable from outside
        Assert.DoesNotContain("--share-net", text, StringComparison.Ordinal);
        var sources = cmd.Select((a, i) => (a, i)).Where(x => x.a == "--ro-bind").Select(x => cmd[x.i + 1]).ToList();
        Assert.Contains("/work/host", sources);
        Assert.Contains("/work/run/alice/Exercises.dll", sources);
        Assert.All(sources, s => Assert.True(s.StartsWith("/usr/lib", StringComparison.Ordinal) || s.StartsWith("/lib", StringComparison.Ordinal)
            || s.StartsWith(Sandbox.DotnetRoot, StringComparison.Ordinal) || s.StartsWith("/work/", StringComparison.Ordinal), s + " is bound into the sandbox"));
        Assert.Contains(cmd, a => a.StartsWith("--nproc=", StringComparison.Ordinal));
        Assert.Contains("DOTNET_GCHeapHardLimit", cmd);
        if (Sandbox.IsRoot) Assert.Contains("--reuid=" + (Sandbox.OutsideUidBase + 1), cmd);
    }

    /// <summary>True on Linux, the only place course grade has a sandbox.</summary>
    public static bool IsLinux => OperatingSystem.IsLinux();

    [Fact(SkipUnless = nameof(IsLinux), Skip = "the sandbox is Linux only")]
    public void Without_bubblewrap_grading_refuses_and_says_how_to_get_it()
    {
        using var tmp = new TempFolder();
        tmp.Write("alice/exercises/A.cs", "");
        var course = Path.Combine(AppContext.BaseDirectory, "course.dll");
        var r = ProcessRunner.Run(ProcessRunner.DotnetHost, [course, "grade", Path.Combine(tmp.Path, "alice"), "--course", Repo.Root, "--out", Path.Combine(tmp.Path, "out")],
            tmp.Path, TimeSpan.FromMinutes(2), new Dictionary<string, string?> { ["PATH"] = "/nonexistent" });
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bwrap was not found", r.Output, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", r.Output, StringComparison.Ordinal);
        Assert.Contains("--unsafe-no-sandbox", r.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(tmp.Path, "out")));
    }
}
