namespace AwsSim.Tests;

/// <summary>Paths shared by the tests: the repository root and the AWS sample data in samples/.</summary>
internal static class Paths
{
    /// <summary>The folder with Course.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>samples/</c> in the repository: real AWS sample events and cron examples (sources and licences in its README).</summary>
    public static string Oracles => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}
