using System.Text.Json;
using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>
/// <c>course export --to cs</c>: the file-based app it writes (running it is slow; .ci/extra runs 00 and 04 with
/// <c>dotnet run</c>).
/// </summary>
public sealed class CsExportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cs-export-tests-" + Guid.NewGuid().ToString("N"));

    public CsExportTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_lesson_becomes_top_level_statements_with_project_references_and_shims()
    {
        var notebook = Path.Combine(_folder, "notebooks", "07-demo.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(notebook)!);
        File.WriteAllText(notebook, Notebook(
            ("markdown", "# 07 · Demo\n\n## Goals\n- learn"),
            ("code", "#r \"../lib/AwsSim/bin/Debug/net10.0/AwsSim.dll\"\n#r \"nuget: XPlot.Plotly, 4.1.0\"\nusing AwsSim;\nvar aws = new SimulatedAws(); // the account"),
            ("code", "class Counter\n{\n    public int N; // a { brace in a comment\n}\nusing XPlot.Plotly;\nvar c = new Counter();\nc.N // shown"),
            ("code", "Exercises.Checks.Check.Exercise(\"demo.one\")"),
            ("code", "var xs = new[] { 1, 2 };\nstring.Join(\",\", xs.Select(x =>\n{\n    var y = x * 2;\n    return y;\n}))")));

        var cs = CsExport.ToCSharp(notebook, Path.Combine(_folder, "out", "cs"), _folder).Replace("\r\n", "\n");
        var lines = cs.Split('\n');

        Assert.Equal("#!/usr/bin/env dotnet", lines[0]);
        Assert.Contains("#:project ../../lib/AwsSim/AwsSim.csproj", lines);
        Assert.Contains("#:project ../../tests/Exercises.Checks/Exercises.Checks.csproj", lines);
        Assert.Contains("#:package XPlot.Plotly@4.1.0", lines);
        Assert.Contains("#:property PublishAot=false", lines);
        Assert.Contains("#:property ManagePackageVersionsCentrally=false", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#r", StringComparison.Ordinal));
        Assert.Contains("// # 07 · Demo", lines);
        Assert.Contains("// - learn", lines);

        // usings first, then statements in cell order, then the moved class, then the shims
        var usingXPlot = Array.IndexOf(lines, "using XPlot.Plotly;");
        var firstStatement = Array.IndexOf(lines, "var aws = new SimulatedAws(); // the account");
        var counter = Array.IndexOf(lines, "var c = new Counter();");
        var classCounter = Array.IndexOf(lines, "class Counter");
        Assert.True(usingXPlot > 0 && usingXPlot < firstStatement && firstStatement < counter && counter < classCounter,
            $"order: using {usingXPlot}, first statement {firstStatement}, statement {counter}, class {classCounter}");
        Assert.True(lines.Count(l => l == "using AwsSim;") == 1);
        Assert.Contains("display(c.N); // shown", lines);
        Assert.Contains("display(Exercises.Checks.Check.Exercise(\"demo.one\"));", lines);
        Assert.Contains("    public int N; // a { brace in a comment", lines);
        Assert.Contains("display(string.Join(\",\", xs.Select(x =>", lines);
        Assert.Contains("})));", lines);
        Assert.True(Array.IndexOf(lines, "static class NotebookShims") > classCounter);
    }

    [Fact]
    public void Every_course_notebook_exports()
    {
        foreach (var name in Paths.NotebookNames)
        {
            var cs = CsExport.ToCSharp(Paths.Notebook(name), Path.Combine(Paths.Root, "out", "cs"), Paths.Root);
            Assert.Contains("#:project ../../lib/AwsSim/AwsSim.csproj", cs, StringComparison.Ordinal);
            Assert.DoesNotContain("\n#r ", cs, StringComparison.Ordinal);
        }
    }

    private static string Notebook(params (string Type, string Source)[] cells) => TestNotebook.Json(cells);
}
