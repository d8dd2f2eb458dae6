using System.Text.Json;

namespace Notebooks.Tests;

/// <summary>The course folder, its notebooks, and the notebook list the per-notebook theories run over.</summary>
internal static class Paths
{
    /// <summary>The folder with Course.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>notebooks/</c>.</summary>
    public static string NotebooksFolder => Path.Combine(Root, "notebooks");

    /// <summary>The file names of every notebook, e.g. <c>04-lambda.ipynb</c>, sorted.</summary>
    public static IReadOnlyList<string> NotebookNames { get; } = Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb")
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>One theory row per notebook (the file name is the readable case name).</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var n in NotebookNames) data.Add(n);
        return data;
    }

    /// <summary>
    /// Skips a test that reads the reference answers where there are none: the learner edition that
    /// <c>course release</c> writes has no <c>solutions/</c>, and its <c>dotnet test</c> must still pass.
    /// </summary>
    public static void RequireSolutions()
    {
        if (!Directory.Exists(Path.Combine(Root, "solutions"))) Assert.Skip("this is the learner edition (no solutions/): the test checks the reference answers");
    }

    /// <summary>The full path of a notebook.</summary>
    public static string Notebook(string name) => Path.Combine(NotebooksFolder, name);

    /// <summary>A notebook's JSON.</summary>
    public static JsonDocument Json(string name) => JsonDocument.Parse(File.ReadAllText(Notebook(name)));

    /// <summary>A notebook's cells as (type, source) pairs.</summary>
    public static IReadOnlyList<(string Type, string Source)> Cells(string name)
    {
        using var doc = Json(name);
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("cell_type").GetString() ?? "", SourceOf(c))).ToList();
    }

    /// <summary>A cell's source, which .ipynb stores as a string or an array of lines.</summary>
    public static string SourceOf(JsonElement cell)
    {
        if (!cell.TryGetProperty("source", out var s)) return "";
        return s.ValueKind == JsonValueKind.Array ? string.Concat(s.EnumerateArray().Select(l => l.GetString())) : s.GetString() ?? "";
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
