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

    /// <summary>
    /// One theory row per page: each lesson's page and the index. When the browser tests cannot run here, one row only,
    /// so the reason is said once rather than once per page.
    /// </summary>
    public static IEnumerable<TheoryDataRow<string>> Pages()
    {
        if (ExportedCourse.SkipReason is not null)
        {
            return [new TheoryDataRow<string>("index.html") { TestDisplayName = "Browser tests (every exported page)" }];
        }
        return NotebookNames.Select(n => new TheoryDataRow<string>(Path.ChangeExtension(n, ".html"))).Append(new TheoryDataRow<string>("index.html"));
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
