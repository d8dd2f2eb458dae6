namespace AwsSim.Tests;

/// <summary>Paths shared by the tests: the repository root and the read-only oracles beside it.</summary>
internal static class Paths
{
    /// <summary>The folder with Course.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/oracles</c> next to the repository (real AWS sample data, read-only).</summary>
    public static string Oracles => Path.GetFullPath(Path.Combine(Root, "..", "shared", "oracles"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}
