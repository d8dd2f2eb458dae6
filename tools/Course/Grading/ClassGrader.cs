using System.Diagnostics;
using System.Globalization;

namespace Course.Grading;

/// <summary>Settings for grading a class.</summary>
/// <param name="CourseRoot">The instructor's course (its checks and expected answers are the ones used).</param>
/// <param name="WorkDirectory">Scratch space for the builds (the grader's own; never shown to a submission).</param>
/// <param name="HiddenTests">Extra exercise definitions (*.cs) and expected answers (*.snap) learners never saw, or null.</param>
/// <param name="SubmissionTimeout">Wall-clock limit for one sandboxed run (and for one submission's build).</param>
/// <param name="TimeLimitSeconds">Overrides each exercise's own time limit when set.</param>
/// <param name="Sandboxed">False only when the instructor passed --unsafe-no-sandbox.</param>
internal sealed record GradingOptions(string CourseRoot, string WorkDirectory, string? HiddenTests, TimeSpan SubmissionTimeout, double? TimeLimitSeconds, bool Sandboxed = true);

/// <summary>
/// Grades submissions as hostile code. Once per class: the course's checks (with any hidden exercise definitions) are
/// built into the answer host, and the expected answers are read into the grader's memory. Per submission: only its
/// <c>exercises/**/*.cs</c> is read (size-capped) and compiled by Roslyn in the grader's process against fixed references; the assembly runs in the answer host inside a fresh sandbox, which only prints each
/// exercise's answer lines; the grader compares them with the expected answers itself. Nothing the learner's code writes
/// is read back but that report stream.
/// </summary>
internal sealed class ClassGrader(GradingOptions options)
{
    /// <summary>How many times one submission's answer host may be started (one more than the exercises it may blame).</summary>
    public const int MaxRuns = 5;

    private string CourseCopy => Path.Combine(options.WorkDirectory, "course");

    private string? _hostDirectory;
    private string? _awsSimDll;
    private readonly ExpectedAnswers _expected = new();
    private SubmissionBuilder? _builder;

    /// <summary>The course's exercises (id, title, points, file, hint), known after <see cref="Prepare"/>.</summary>
    public IReadOnlyList<CatalogEntry> Exercises { get; private set; } = Array.Empty<CatalogEntry>();

    /// <summary>The catalog as zero scores (the gradebook's columns).</summary>
    public IReadOnlyList<ExerciseScore> Catalog => Exercises.Select(e => e.Zero(ExerciseScore.NotAttempted, "")).ToList();

    /// <summary>
    /// Copies what the answer host needs (library, stubs, checks, build settings) to the work folder, adds the hidden
    /// exercise definitions, builds the answer host, reads the expected answers into memory and lists the exercises (in
    /// the sandbox, on the stubs). Returns an error message or null.
    /// </summary>
    public string? Prepare(TextWriter log)
    {
        var root = options.CourseRoot;
        if (options.Sandboxed) Sandbox.CloseInheritedDescriptors();
        FileTree.TryDelete(options.WorkDirectory);
        Directory.CreateDirectory(options.WorkDirectory);
        Restrict(options.WorkDirectory, "711"); // the sandbox's user may pass through to what it is shown, and list nothing
        Directory.CreateDirectory(CourseCopy);
        foreach (var f in EditReport.ProtectedRootFiles.Where(f => File.Exists(Path.Combine(root, f)) && !f.EndsWith(".sln", StringComparison.Ordinal)))
        {
            File.Copy(Path.Combine(root, f), Path.Combine(CourseCopy, f));
        }
        foreach (var folder in new[] { "lib", "exercises", "tests/Exercises.Checks" })
        {
            FileTree.Copy(Path.Combine(root, folder), Path.Combine(CourseCopy, folder));
        }
        _expected.Load(Path.Combine(root, CourseRepository.Snapshots));
        if (options.HiddenTests is not null)
        {
            var defs = FileTree.Copy(options.HiddenTests, Path.Combine(CourseCopy, "tests", "Exercises.Checks", "Hidden"), rel => rel.EndsWith(".cs", StringComparison.OrdinalIgnoreCase));
            var before = _expected.Count;
            _expected.Load(options.HiddenTests);
            log.WriteLine($"hidden tests: {defs} definition file(s), {_expected.Count - before} expected answer(s) from {options.HiddenTests}");
        }

        // The answer host: a program of the grader's, compiled against the course's checks (and so the stubs).
        var hostProject = Path.Combine(CourseCopy, "tests", "AnswerHost", "AnswerHost.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(hostProject)!);
        File.WriteAllText(hostProject, """
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Written by `course grade`: the program learner code runs in, inside the sandbox. -->
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <AssemblyName>AnswerHost</AssemblyName>
                <RootNamespace>AnswerHost</RootNamespace>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Exercises.Checks/Exercises.Checks.csproj" />
              </ItemGroup>
            </Project>
            """);
        using (var source = typeof(ClassGrader).Assembly.GetManifestResourceStream("AnswerHost.cs")!)
        using (var file = File.Create(Path.Combine(Path.GetDirectoryName(hostProject)!, "AnswerHost.cs")))
        {
            source.CopyTo(file);
        }
        var watch = Stopwatch.StartNew();
        var build = ProcessRunner.Dotnet(CourseRepository.QuietBuild(hostProject, "-p:Track=exercises"), CourseCopy, TimeSpan.FromMinutes(15));
        if (!build.Succeeded)
        {
            return "the course's checks do not build:\n  " + string.Join("\n  ", BuildErrors.Parse(build.Output, CourseCopy).DefaultIfEmpty(build.Output.Trim()));
        }
        _hostDirectory = Path.Combine(Path.GetDirectoryName(hostProject)!, "bin", "Debug", "net10.0");
        _awsSimDll = Path.Combine(_hostDirectory, "AwsSim.dll");
        OpenToSandbox(_hostDirectory);
        _builder = new SubmissionBuilder(_awsSimDll);
        log.WriteLine($"built the course's checks in {watch.Elapsed.TotalSeconds:0.0} s");

        var listing = RunHost(null, ["list"], job: 0, Path.Combine(options.WorkDirectory, "catalog"));
        var reports = AnswerReports.Parse(listing.StandardOutput);
        Exercises = reports.Catalog.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (Exercises.Count == 0)
        {
            var why = listing.TimedOut ? "it timed out" : $"exit code {listing.ExitCode}: {Last(listing.Errors, 5)}";
            return options.Sandboxed
                ? $"the answer host listed no exercises in the sandbox ({why}). Is bubblewrap allowed to create user namespaces here (sysctl kernel.unprivileged_userns_clone=1, or user.max_user_namespaces > 0)?"
                : $"the answer host listed no exercises ({why})";
        }
        var missing = Exercises.Where(e => !_expected.Has(e.Id)).Select(e => e.Id).ToList();
        if (missing.Count > 0) log.WriteLine($"warning: no expected answer for {string.Join(", ", missing)}: they score 0 for everyone");
        return null;
    }

    /// <summary>Grades one submission (a folder holding at least <c>exercises/</c>).</summary>
    /// <param name="name">Its name in the gradebook.</param>
    /// <param name="submission">Its folder.</param>
    /// <param name="job">Which concurrent job grades it (0 to jobs - 1): its sandbox user.</param>
    public SubmissionResult Grade(string name, string submission, int job = 0)
    {
        if (_hostDirectory is null) throw new InvalidOperationException("Prepare first");
        var watch = Stopwatch.StartNew();
        var notes = new List<string>();
        var learnerExercises = Path.Combine(submission, "exercises");
        if (new DirectoryInfo(submission).LinkTarget is not null || new DirectoryInfo(learnerExercises).LinkTarget is not null)
        {
            // A link could point at anything the grader can read: the solutions, another submission.
            return new SubmissionResult(name, submission, Exercises.Select(e => e.Zero(ExerciseScore.Failed, "exercises/ is a symbolic link: links are not followed")).ToList(),
                false, ["the submission or its exercises/ folder is a symbolic link: links are not followed"], [], notes, watch.Elapsed);
        }
        var edits = EditReport.Compare(options.CourseRoot, submission);
        if (!Directory.Exists(learnerExercises))
        {
            return new SubmissionResult(name, submission, Exercises.Select(e => e.Zero(ExerciseScore.Failed, "no exercises/ folder in the submission")).ToList(),
                false, ["no exercises/ folder in the submission"], edits, notes, watch.Elapsed);
        }

        var run = Path.Combine(options.WorkDirectory, "run", Safe(name) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // 1. Only C# source crosses over: read as data, compiled here by Roslyn with the grader's references and options.
            Directory.CreateDirectory(run);
            Restrict(run, "711"); // the sandbox's user may read the assembly bound from here, and list nothing
            var learnerDll = Path.Combine(run, "Exercises.dll");
            var build = _builder!.Build(learnerExercises, learnerDll, options.SubmissionTimeout);
            if (build.Assembly is not null) OpenToSandbox(run);
            notes.AddRange(build.Ignored);
            if (build.Assembly is null)
            {
                return new SubmissionResult(name, submission, Exercises.Select(e => e.Zero(ExerciseScore.Failed, "your code does not compile")).ToList(),
                    false, build.Errors, edits, notes, watch.Elapsed) { BuildElapsed = build.Elapsed };
            }

            // 2. The answers, from the sandbox; 3. the verdicts, here.
            var answers = Answers(learnerDll, job, run, notes);
            var scores = Exercises.Select(e => _expected.Judge(e, answers.GetValueOrDefault(e.Id))).ToList();
            return new SubmissionResult(name, submission, scores, true, Array.Empty<string>(), edits, notes, watch.Elapsed) { BuildElapsed = build.Elapsed };
        }
        finally
        {
            FileTree.TryDelete(run);
        }
    }

    /// <summary>
    /// Runs the answer host on a submission's assembly. When the process dies before every exercise has a report (a
    /// learner's Environment.Exit, a stack overflow, the wall clock), the exercise that was running is blamed and the
    /// ones not reported yet run again in a fresh sandbox without it.
    /// </summary>
    private Dictionary<string, AnswerReport> Answers(string learnerDll, int job, string run, List<string> notes)
    {
        var answers = new Dictionary<string, AnswerReport>(StringComparer.Ordinal);
        var ids = Exercises.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var started = 1;
        for (var runs = 1; runs <= MaxRuns && answers.Count < ids.Count; runs++)
        {
            started = runs;
            var args = new List<string> { "answer" };
            foreach (var id in answers.Keys.Order(StringComparer.Ordinal)) args.AddRange(["--skip", id]);
            var result = RunHost(learnerDll, args, job, Path.Combine(run, "host-" + runs.ToString(CultureInfo.InvariantCulture)));
            var reports = AnswerReports.Parse(result.StandardOutput);
            if (result.OutputCut) notes.Add($"your code wrote more than {AnswerReports.MaxStreamBytes / (1 << 20)} MB to standard output; the rest was not read");
            if (reports.Rejected > 0) notes.Add($"{reports.Rejected} line(s) on the report stream were ignored: malformed, out of turn (not right after the start of their exercise) or repeated");
            var before = answers.Count;
            foreach (var (id, report) in reports.Answers) if (ids.Contains(id)) answers.TryAdd(id, report);
            if (answers.Count == ids.Count) break;

            var unfinished = reports.Unfinished.Where(id => ids.Contains(id) && !answers.ContainsKey(id)).ToList();
            if (unfinished.Count == 0)
            {
                notes.Add(result.TimedOut
                    ? $"the test process was stopped after {Seconds(options.SubmissionTimeout)} s between exercises"
                    : $"the test process ended (exit code {result.ExitCode}) before every exercise was graded: {Last(result.Errors, 3)}");
                if (answers.Count == before) break; // no progress: running again would give the same
                continue;
            }
            foreach (var id in unfinished)
            {
                var reason = result.TimedOut
                    ? $"stopped: the test run went past its {Seconds(options.SubmissionTimeout)} s limit while grading this exercise"
                    : $"the test process ended (exit code {result.ExitCode}) while grading this exercise: does your code call Environment.Exit, or recurse without end (a stack overflow)?";
                answers[id] = new AnswerReport(id, "failed", Array.Empty<string>(), reason, Array.Empty<string>());
                notes.Add($"{id}: {reason}");
            }
        }
        if (started > 1) notes.Add($"the tests were run {started} times: after the process stopped, the exercises not yet graded were run again without the one that stopped it");
        return answers;
    }

    private CapturedOutput RunHost(string? learnerDll, IReadOnlyList<string> args, int job, string scratch)
    {
        var env = new Dictionary<string, string>();
        if (options.TimeLimitSeconds is { } t) env["COURSE_TIME_LIMIT_SECONDS"] = t.ToString(CultureInfo.InvariantCulture);
        if (options.Sandboxed)
        {
            var cmd = Sandbox.Command(_hostDirectory!, learnerDll, args, env, SandboxLimits.For(options.SubmissionTimeout), job);
            return ProcessRunner.Capture(cmd[0], cmd.Skip(1), options.WorkDirectory, options.SubmissionTimeout, AnswerReports.MaxStreamBytes,
                environment: new Dictionary<string, string?> { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin", ["LANG"] = "C.UTF-8" }, clearEnvironment: true);
        }
        // --unsafe-no-sandbox: the same protocol, the learner's code running as the instructor.
        var app = Path.Combine(scratch, "app");
        FileTree.CopyAll(_hostDirectory!, app);
        if (learnerDll is not null)
        {
            File.Copy(learnerDll, Path.Combine(app, "Exercises.dll"), overwrite: true);
            if (File.Exists(Path.ChangeExtension(learnerDll, ".pdb"))) File.Copy(Path.ChangeExtension(learnerDll, ".pdb"), Path.Combine(app, "Exercises.pdb"), overwrite: true);
        }
        var unsafeEnv = env.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        return ProcessRunner.Capture(ProcessRunner.DotnetHost, [Path.Combine(app, "AnswerHost.dll"), .. args], app, options.SubmissionTimeout, AnswerReports.MaxStreamBytes, environment: unsafeEnv);
    }

    /// <summary>
    /// Lets the sandbox's user (another uid when the grader is root) read what it is shown, whatever the grader's umask:
    /// the folders from the work folder down pass through (711, nothing listed), the shown files are readable (644).
    /// </summary>
    private void OpenToSandbox(string shown)
    {
        if (OperatingSystem.IsWindows()) return;
        for (var dir = new DirectoryInfo(shown); dir is not null && dir.FullName.Length > options.WorkDirectory.Length; dir = dir.Parent)
        {
            Restrict(dir.FullName, "711");
        }
        foreach (var f in Directory.GetFiles(shown, "*", SearchOption.AllDirectories)) Restrict(f, "644");
        foreach (var d in Directory.GetDirectories(shown, "*", SearchOption.AllDirectories)) Restrict(d, "755");
    }

    /// <summary>Sets Unix permissions (octal) where there are any.</summary>
    internal static void Restrict(string path, string octal)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Last(string text, int n)
        => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(n));

    private static string Safe(string name)
        => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
