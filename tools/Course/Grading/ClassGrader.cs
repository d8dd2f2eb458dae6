using System.Diagnostics;
using System.Xml.Linq;

namespace Course.Grading;

/// <summary>Settings for grading a class.</summary>
/// <param name="CourseRoot">The instructor's course (its tests and expected answers are the ones used).</param>
/// <param name="WorkDirectory">Scratch space for the builds.</param>
/// <param name="HiddenTests">Extra exercise definitions (*.cs) and expected answers (*.snap) learners never saw, or null.</param>
/// <param name="SubmissionTimeout">Wall-clock limit for running one submission's tests (per process).</param>
/// <param name="TimeLimitSeconds">Overrides each exercise's own time limit when set.</param>
internal sealed record GradingOptions(string CourseRoot, string WorkDirectory, string? HiddenTests, TimeSpan SubmissionTimeout, double? TimeLimitSeconds);

/// <summary>
/// Grades submissions against the instructor's course. The course's exercise tests are built once (with any hidden tests
/// added); then for each submission only the learner's <c>exercises/</c> code is compiled, on its own, and dropped into a
/// copy of the built tests, which run in their own process. A submission can therefore not change the tests, the
/// expected answers or the build, and cannot stop other submissions from being graded.
/// </summary>
internal sealed class ClassGrader(GradingOptions options)
{
    private string BaseDirectory => Path.Combine(options.WorkDirectory, "course");

    private string SnapshotsDirectory => Path.Combine(BaseDirectory, CourseRepository.Snapshots);

    private string? _testAppDirectory;
    private string? _awsSimDll;

    /// <summary>The course's exercises (id, title, points, file), known after <see cref="Prepare"/>.</summary>
    public IReadOnlyList<ExerciseScore> Catalog { get; private set; } = Array.Empty<ExerciseScore>();

    /// <summary>
    /// Copies the course (library, checks, tests, expected answers, stubs, build files) to the work folder, adds the
    /// hidden tests, builds the exercise tests and reads the list of exercises. Returns an error message or null.
    /// </summary>
    public string? Prepare(TextWriter log)
    {
        var root = options.CourseRoot;
        FileTree.TryDelete(BaseDirectory);
        Directory.CreateDirectory(BaseDirectory);
        foreach (var f in EditReport.ProtectedRootFiles.Where(f => File.Exists(Path.Combine(root, f))))
        {
            File.Copy(Path.Combine(root, f), Path.Combine(BaseDirectory, f));
        }
        foreach (var folder in new[] { "lib", "exercises", "tests/Exercises.Checks", "tests/Exercises.Tests" })
        {
            FileTree.Copy(Path.Combine(root, folder), Path.Combine(BaseDirectory, folder));
        }
        if (options.HiddenTests is not null)
        {
            var defs = FileTree.Copy(options.HiddenTests, Path.Combine(BaseDirectory, "tests", "Exercises.Checks", "Hidden"), rel => rel.EndsWith(".cs", StringComparison.OrdinalIgnoreCase));
            var snaps = 0;
            foreach (var rel in FileTree.Files(options.HiddenTests).Where(r => r.EndsWith(".snap", StringComparison.OrdinalIgnoreCase)))
            {
                File.Copy(Path.Combine(options.HiddenTests, rel), Path.Combine(SnapshotsDirectory, Path.GetFileName(rel)), overwrite: true);
                snaps++;
            }
            log.WriteLine($"hidden tests: {defs} definition file(s), {snaps} expected answer(s) from {options.HiddenTests}");
        }

        var watch = Stopwatch.StartNew();
        var build = ProcessRunner.Dotnet(CourseRepository.QuietBuild(Path.Combine(BaseDirectory, CourseRepository.TestProject), "-p:Track=exercises"), BaseDirectory, TimeSpan.FromMinutes(15));
        if (!build.Succeeded)
        {
            return "the course's exercise tests do not build:\n  " + string.Join("\n  ", BuildErrors.Parse(build.Output, BaseDirectory).DefaultIfEmpty(build.Output.Trim()));
        }
        var dll = CourseRepository.TestAssembly(Path.Combine(BaseDirectory, "tests", "Exercises.Tests"))!;
        _testAppDirectory = Path.GetDirectoryName(dll)!;
        _awsSimDll = Path.Combine(_testAppDirectory, "AwsSim.dll");
        log.WriteLine($"built the course's exercise tests in {watch.Elapsed.TotalSeconds:0.0} s");

        // The stubs throw NotImplementedException, so this run only lists the exercises (fast, and exactly the tests' own list).
        var catalogRun = ExerciseTestApp.Run(dll, Path.Combine(options.WorkDirectory, "catalog"), [], options.SubmissionTimeout, SnapshotsDirectory, options.TimeLimitSeconds);
        Catalog = catalogRun.Scores.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (Catalog.Count == 0) return "the course's exercise tests list no exercises: " + string.Join("; ", catalogRun.Notes);
        return null;
    }

    /// <summary>Grades one submission (a folder holding at least <c>exercises/</c>).</summary>
    public SubmissionResult Grade(string name, string submission)
    {
        if (_testAppDirectory is null) throw new InvalidOperationException("Prepare first");
        var watch = Stopwatch.StartNew();
        var notes = new List<string>();
        var edits = EditReport.Compare(options.CourseRoot, submission);
        var learnerExercises = Path.Combine(submission, "exercises");
        if (!Directory.Exists(learnerExercises))
        {
            return new SubmissionResult(name, submission, Catalog.Select(e => e.Zero(ExerciseScore.Failed, "no exercises/ folder in the submission")).ToList(),
                false, ["no exercises/ folder in the submission"], edits, notes, watch.Elapsed);
        }

        var ws = Path.Combine(options.WorkDirectory, "submissions", Safe(name));
        FileTree.TryDelete(ws);
        Directory.CreateDirectory(ws);
        string? slot = TakeSlot();
        try
        {
            // 1. The learner's code alone, built with the course's build settings against the course's library, in a
            //    build slot restored once (the slot is emptied first, so nothing of the previous submission remains).
            var src = Path.Combine(slot!, "exercises");
            ClearSlot(src);
            FileTree.Copy(learnerExercises, src, rel => !EditReport.IsBuildFile(rel));
            var build = ProcessRunner.Dotnet(CourseRepository.QuietBuild(Path.Combine(src, "Exercises.csproj"), "--no-restore"), slot!, TimeSpan.FromMinutes(5));
            var buildTime = build.Elapsed;
            var learnerDll = Path.Combine(src, "bin", "Debug", "net10.0", "Exercises.dll");
            if (!build.Succeeded || !File.Exists(learnerDll))
            {
                var errors = build.TimedOut ? ["the build took more than 5 minutes and was stopped"] : BuildErrors.Parse(build.Output, src, "exercises/");
                return new SubmissionResult(name, submission, Catalog.Select(e => e.Zero(ExerciseScore.Failed, "your code does not compile")).ToList(),
                    false, errors, edits, notes, watch.Elapsed) { BuildElapsed = build.Elapsed };
            }
            var learnerBuild = Path.Combine(ws, "learner");
            Directory.CreateDirectory(learnerBuild);
            File.Copy(learnerDll, Path.Combine(learnerBuild, "Exercises.dll"));
            var pdb = Path.ChangeExtension(learnerDll, ".pdb");
            if (File.Exists(pdb)) File.Copy(pdb, Path.Combine(learnerBuild, "Exercises.pdb"));
            ReturnSlot(ref slot);

            // 2. The course's built tests, with the learner's assembly in place of the stubs, in their own process.
            var run = Path.Combine(ws, "run");
            FileTree.CopyAll(_testAppDirectory, run);
            FileTree.TryDelete(Path.Combine(run, "TestResults"));
            foreach (var f in Directory.GetFiles(learnerBuild)) File.Copy(f, Path.Combine(run, Path.GetFileName(f)), overwrite: true);
            // Its own copy of the expected answers too: code that rewrites them can only spoil its own grade.
            var snapshots = Path.Combine(ws, "expected", "__snapshots__");
            FileTree.CopyAll(SnapshotsDirectory, snapshots);
            var result = ExerciseTestApp.Run(Path.Combine(run, "Exercises.Tests.dll"), Path.Combine(ws, "scores"), [], options.SubmissionTimeout, snapshots, options.TimeLimitSeconds);
            notes.AddRange(result.Notes.Where(n => !Catalog.Any(e => n.StartsWith(e.Id + ":", StringComparison.Ordinal))));
            if (result.Runs > 1) notes.Add($"the tests were run {result.Runs} times: after the process stopped, the exercises not yet graded were run again without the one that stopped it");
            var scores = Catalog.Select(e => Merge(e, result.Scores.GetValueOrDefault(e.Id))).ToList();
            return new SubmissionResult(name, submission, scores, true, Array.Empty<string>(), edits, notes, watch.Elapsed) { BuildElapsed = buildTime };
        }
        finally
        {
            ReturnSlot(ref slot);
            FileTree.TryDelete(ws);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<string> _freeSlots = new();
    private int _slotCount;

    /// <summary>
    /// A folder to compile a learner's code in: the course's build files and a learner project, restored once (restoring
    /// for every submission would cost seconds each). One per submission graded at the same time.
    /// </summary>
    private string TakeSlot()
    {
        if (_freeSlots.TryTake(out var free)) return free;
        var slot = Path.Combine(options.WorkDirectory, "slots", "slot-" + Interlocked.Increment(ref _slotCount));
        Directory.CreateDirectory(Path.Combine(slot, "exercises"));
        foreach (var f in EditReport.ProtectedRootFiles.Where(f => File.Exists(Path.Combine(BaseDirectory, f)) && !f.EndsWith(".sln", StringComparison.Ordinal)))
        {
            File.Copy(Path.Combine(BaseDirectory, f), Path.Combine(slot, f));
        }
        var project = Path.Combine(slot, "exercises", "Exercises.csproj");
        File.WriteAllText(project, LearnerProject(Path.Combine(BaseDirectory, "exercises", "Exercises.csproj"), _awsSimDll!));
        var restore = ProcessRunner.Dotnet(["restore", project, "-nologo", "-v:q", "-p:NuGetAudit=false"], slot, TimeSpan.FromMinutes(5));
        if (!restore.Succeeded) throw new InvalidOperationException("could not restore the learner project: " + restore.Output.Trim());
        return slot;
    }

    private void ReturnSlot(ref string? slot)
    {
        if (slot is null) return;
        _freeSlots.Add(slot);
        slot = null;
    }

    /// <summary>Empties a slot's project folder except the project and its restore output (obj/*.json, obj/*.nuget.*).</summary>
    private static void ClearSlot(string src)
    {
        foreach (var dir in Directory.GetDirectories(src))
        {
            if (Path.GetFileName(dir) != "obj") FileTree.TryDelete(dir);
        }
        foreach (var f in Directory.GetFiles(src).Where(f => Path.GetFileName(f) != "Exercises.csproj")) File.Delete(f);
        var obj = Path.Combine(src, "obj");
        if (Directory.Exists(obj))
        {
            foreach (var dir in Directory.GetDirectories(obj)) FileTree.TryDelete(dir); // intermediate output: always recompile
        }
    }

    /// <summary>
    /// The course's entry with the recorded result: points and title always from the course (a result can only say
    /// passed or not), 0 with the reason when nothing was recorded.
    /// </summary>
    private static ExerciseScore Merge(ExerciseScore course, ExerciseScore? recorded)
    {
        if (recorded is null) return course.Zero(ExerciseScore.Failed, "not graded: the test process recorded no verdict for this exercise");
        var passed = recorded.Status == ExerciseScore.Passed;
        return course with
        {
            Earned = passed ? course.Points : 0,
            Status = recorded.Status is ExerciseScore.Passed or ExerciseScore.NotAttempted ? recorded.Status : ExerciseScore.Failed,
            Summary = recorded.Summary,
            Details = recorded.Details,
        };
    }

    /// <summary>
    /// The course's <c>exercises/Exercises.csproj</c> with its project reference to the library replaced by a reference
    /// to the library assembly already built, so a submission compiles only its own code.
    /// </summary>
    internal static string LearnerProject(string courseProject, string awsSimDll)
    {
        var doc = XDocument.Load(courseProject);
        var refs = doc.Descendants("ProjectReference")
            .Where(e => ((string?)e.Attribute("Include") ?? "").Replace('\\', '/').EndsWith("AwsSim/AwsSim.csproj", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var r in refs) r.Remove();
        doc.Root!.Add(new XElement("ItemGroup",
            new XElement("Reference", new XAttribute("Include", "AwsSim"),
                new XElement("HintPath", awsSimDll),
                new XElement("Private", "false"))));
        return doc.ToString();
    }

    private static string Safe(string name)
        => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
