using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Exercises.Checks;

/// <summary>
/// Grades the learner's <b>current</b> files without <c>dotnet build</c> or a kernel restart: compiles the exercise
/// folder from source (<see cref="SourceBuild"/>), loads it with a fresh copy of these checks into a collectible load
/// context of its own, and runs the same <see cref="Grader"/> against the same snapshots as <c>dotnet test</c>, so the
/// verdict is the same. The learner's own check trusts the learner's code: it runs in this process (a class is graded
/// by <c>course grade</c>, which sandboxes each submission).
/// </summary>
public static class SourceCheck
{
    private static readonly object s_gate = new();
    private static (string Key, AssemblyLoadContext Context)? s_loaded;

    /// <summary>The outcome: the verdicts, or the compiler's errors when the code does not compile.</summary>
    /// <param name="Verdicts">One per exercise asked for, in the order asked (empty when it does not compile).</param>
    /// <param name="CompileErrors">The errors, as <c>dotnet build</c> writes them, paths relative to the course root.</param>
    /// <param name="Compiled">False when the compiled assembly was reused because nothing changed.</param>
    public sealed record Result(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<string> CompileErrors, bool Compiled);

    /// <summary>The exercise folder these checks grade (<c>exercises/</c>, or <c>solutions/</c> for <c>-p:Track=solutions</c>).</summary>
    public static string Track
        => typeof(SourceCheck).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Track")?.Value ?? "exercises";

    /// <summary>The name these checks were compiled against for the learner's assembly (<c>Exercises</c> or <c>Solutions</c>).</summary>
    public static string ExercisesAssemblyName
        => typeof(SourceCheck).Assembly.GetReferencedAssemblies().Select(a => a.Name).FirstOrDefault(n => n is "Exercises" or "Solutions") ?? "Exercises";

    /// <summary>The folder with the sources of <paramref name="track"/> under the course root, or null when it is not there.</summary>
    public static string? SourceFolder(string? root = null, string? track = null)
    {
        try
        {
            var folder = Path.Combine(root ?? RepositoryRoot.Find(), track ?? Track);
            return Directory.Exists(folder) ? folder : null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Grades <paramref name="ids"/> against the current sources of <paramref name="track"/> (default: the track these
    /// checks were built for) under <paramref name="root"/> (default: the course this library is in).
    /// </summary>
    public static Result Grade(IReadOnlyList<string> ids, string? root = null, string? track = null, string? snapshotsDirectory = null)
    {
        root ??= RepositoryRoot.Find();
        var folder = SourceFolder(root, track) ?? throw new DirectoryNotFoundException($"no {track ?? Track}/ folder in {root}");
        var exercises = ids.Select(ExerciseCatalog.Get).ToList();
        var build = SourceBuild.Compile(root, folder, ExercisesAssemblyName);
        if (build.Image is null) return new Result([], build.Errors, Compiled: true);

        Grader.RouteConsole(); // before the copy's Grader, so the console is routed by this (long-lived) copy
        var context = ContextFor(build);
        var checks = context.LoadFromAssemblyName(typeof(SourceCheck).Assembly.GetName());
        var grade = checks.GetType(typeof(SourceCheck).FullName!, throwOnError: true)!
            .GetMethod(nameof(GradeLoaded), BindingFlags.NonPublic | BindingFlags.Static)!;
        var json = (string)grade.Invoke(null, [ids.ToArray(), snapshotsDirectory ?? SnapshotFile.Directory()])!;
        using var doc = JsonDocument.Parse(json);
        var verdicts = doc.RootElement.EnumerateArray().Select((e, i) => new Verdict(
            exercises[i],
            Enum.Parse<VerdictStatus>(e.GetProperty("status").GetString()!),
            e.GetProperty("summary").GetString()!,
            Strings(e, "details"),
            Strings(e, "actual"),
            Strings(e, "expected"))).ToList();
        return new Result(verdicts, [], !build.FromCache);
    }

    /// <summary>
    /// Grades one exercise as a notebook's check cell does: the current source when the course's sources are here, else
    /// the exercises this library was built with. Code that does not compile fails, with the compiler's errors.
    /// </summary>
    public static Verdict GradeOne(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        if (SourceFolder() is null) return Grader.Grade(exercise);
        var result = Grade([id]);
        if (result.CompileErrors.Count == 0) return result.Verdicts[0];
        var details = result.CompileErrors.Take(10).Append(result.CompileErrors.Count > 10 ? $"… and {result.CompileErrors.Count - 10} more" : "").Where(d => d.Length > 0).ToList();
        return new Verdict(exercise, VerdictStatus.Failed, "your code does not compile: fix the errors below, then run the check again", details, [], []);
    }

    /// <summary>Runs in the copy of this library loaded beside the compiled exercises: the grading <c>dotnet test</c> does.</summary>
    private static string GradeLoaded(string[] ids, string snapshotsDirectory)
    {
        var verdicts = ids.Select(id => Grader.Grade(ExerciseCatalog.Get(id), snapshotsDirectory));
        return JsonSerializer.Serialize(verdicts.Select(v => new
        {
            status = v.Status.ToString(),
            summary = v.Summary,
            details = v.Details,
            actual = v.Actual,
            expected = v.Expected,
        }));
    }

    /// <summary>The load context of this compiled assembly: the last one is kept while its sources stay the same.</summary>
    private static AssemblyLoadContext ContextFor(SourceBuildResult build)
    {
        lock (s_gate)
        {
            if (s_loaded is { } loaded && loaded.Key == build.Key) return loaded.Context;
            s_loaded?.Context.Unload(); // freed once nothing runs in it (a timed-out answer may keep it a while)
            var context = new ExercisesContext(build.Key, ExercisesAssemblyName, build.Image!, typeof(SourceCheck).Assembly);
            s_loaded = (build.Key, context);
            return context;
        }
    }

    private static IReadOnlyList<string> Strings(JsonElement e, string name)
        => e.GetProperty(name).EnumerateArray().Select(x => x.GetString() ?? "").ToList();

    /// <summary>
    /// The compiled exercises and a fresh copy of the checks (bound to them); everything else (the library, the
    /// framework) comes from the load context of the checks that made it, so both sides share one library.
    /// </summary>
    private sealed class ExercisesContext(string key, string exercisesName, byte[] image, Assembly checks)
        : AssemblyLoadContext("course-exercises-" + key, isCollectible: true)
    {
        private readonly AssemblyLoadContext _host = GetLoadContext(checks) ?? Default;

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == exercisesName)
            {
                using var stream = new MemoryStream(image, writable: false);
                return LoadFromStream(stream);
            }
            if (name.Name == checks.GetName().Name) return LoadFromAssemblyPath(checks.Location);
            return _host.LoadFromAssemblyName(name);
        }
    }
}
