namespace Browser.Tests;

/// <summary>The course folder, its notebooks, and where results go.</summary>
internal static class Paths
{
    /// <summary>The folder with Course.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>notebooks/</c>.</summary>
    public static string NotebooksFolder => Path.Combine(Root, "notebooks");

    /// <summary>Every notebook's file name, sorted.</summary>
    public static IReadOnlyList<string> NotebookNames { get; } = Directory.GetFiles(NotebooksFolder, "*.ipynb")
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The test results folder (bin/…/TestResults), where the export and the screenshots go.</summary>
    public static string ResultsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");

    /// <summary>One theory row per page: each lesson's page and the index.</summary>
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var n in NotebookNames) data.Add(Path.ChangeExtension(n, ".html"));
        data.Add("index.html");
        return data;
    }

    /// <summary>One theory row per lesson page.</summary>
    public static TheoryData<string> Lessons()
    {
        var data = new TheoryData<string>();
        foreach (var n in NotebookNames) data.Add(Path.ChangeExtension(n, ".html"));
        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}
