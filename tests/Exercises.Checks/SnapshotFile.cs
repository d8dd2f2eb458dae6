using System.Text.Json;

namespace Exercises.Checks;

/// <summary>
/// Reads the expected answers: the Snapshooter files <c>tests/Exercises.Tests/__snapshots__/&lt;id&gt;.snap</c>, each a
/// JSON array of lines.
/// </summary>
public static class SnapshotFile
{
    /// <summary>Environment variable that points the checks at another snapshot folder (used by <c>course grade</c>).</summary>
    public const string DirectoryVariable = "COURSE_SNAPSHOTS_DIR";

    /// <summary>
    /// The snapshot folder: <see cref="DirectoryVariable"/> when set, else <c>tests/Exercises.Tests/__snapshots__</c>
    /// under the repository root found by walking up from this assembly (or the current directory) to <c>Course.sln</c>.
    /// </summary>
    public static string Directory()
    {
        var fromEnv = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        var root = RepositoryRoot.Find();
        return Path.Combine(root, "tests", "Exercises.Tests", "__snapshots__");
    }

    /// <summary>The file name of an exercise's snapshot.</summary>
    public static string FileName(string exerciseId) => exerciseId + ".snap";

    /// <summary>The expected lines, or null when no snapshot is recorded.</summary>
    public static IReadOnlyList<string>? TryRead(string exerciseId, string? directory = null)
    {
        var path = Path.Combine(directory ?? Directory(), FileName(exerciseId));
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).TrimStart('\uFEFF');
        using var doc = JsonDocument.Parse(text);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: an exercise snapshot must be a JSON array of lines.");
        }
        return doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }
}

/// <summary>Finds the repository root (the folder holding <c>Course.sln</c>).</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from this assembly's folder, then from the current directory, to the folder with Course.sln.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(RepositoryRoot).Assembly.Location), Environment.CurrentDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Could not find the course folder (the one with Course.sln) above " + AppContext.BaseDirectory);
    }
}
