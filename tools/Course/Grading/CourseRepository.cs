namespace Course.Grading;

/// <summary>Where things are in a course repository (the folder holding <c>Course.sln</c>).</summary>
internal static class CourseRepository
{
    /// <summary>The exercise test project, relative to the root.</summary>
    public const string TestProject = "tests/Exercises.Tests/Exercises.Tests.csproj";

    /// <summary>The expected answers, relative to the root.</summary>
    public const string Snapshots = "tests/Exercises.Tests/__snapshots__";

    /// <summary>Walks up from <paramref name="start"/> to the folder with Course.sln; a usage error when there is none.</summary>
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        }
        throw new UsageException($"no course here: no Course.sln in {start} or above it");
    }

    /// <summary>The built exercise test assembly under <paramref name="projectDirectory"/> (Debug), or null.</summary>
    public static string? TestAssembly(string projectDirectory, string configuration = "Debug")
    {
        var bin = Path.Combine(projectDirectory, "bin", configuration);
        if (!Directory.Exists(bin)) return null;
        return Directory.GetFiles(bin, "Exercises.Tests.dll", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "TestResults" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
    }

    /// <summary>Arguments for a quiet <c>dotnet build</c> whose output is only errors and warnings.</summary>
    public static List<string> QuietBuild(string project, params string[] extra)
    {
        var args = new List<string> { "build", project, "-nologo", "-v:q", "-clp:NoSummary" };
        args.AddRange(extra);
        return args;
    }

    /// <summary>Turns a selector (<c>lambda</c> or <c>lambda.bill</c>) into an xunit trait filter.</summary>
    public static string TraitFilter(string selector)
        => selector.Contains('.', StringComparison.Ordinal) ? "exercise=" + selector : "service=" + selector;

    /// <summary>True when <paramref name="selector"/> looks like a service or an exercise id.</summary>
    public static bool IsSelector(string selector)
        => System.Text.RegularExpressions.Regex.IsMatch(selector, @"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)?$");
}
