using System.Text.Json;
using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>
/// Every notebook is the Polyglot Notebooks format VS Code saves (C# kernel metadata at the top and on every code cell)
/// and is stored clean: no outputs, no execution counts.
/// </summary>
public sealed class NotebookFormatTests
{
    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Is_polyglot_csharp_format(string notebook)
    {
        using var doc = Paths.Json(notebook);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        var kernelInfo = metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo");
        Assert.Equal("csharp", kernelInfo.GetProperty("defaultKernelName").GetString());
        Assert.Contains(kernelInfo.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "csharp");

        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.NotEmpty(cells);
        for (var i = 0; i < cells.Count; i++)
        {
            var type = cells[i].GetProperty("cell_type").GetString();
            Assert.True(type is "markdown" or "code", $"{notebook} cell {i + 1}: cell_type '{type}' (only markdown and code)");
            if (type != "code") continue;
            var kernel = cells[i].GetProperty("metadata").TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("kernelName", out var k) ? k.GetString() : null;
            Assert.True(kernel == "csharp", $"{notebook} cell {i + 1}: metadata.polyglot_notebook.kernelName is '{kernel}', must be 'csharp'");
        }

        // The runner's parser (Microsoft.DotNet.Interactive.Documents) reads the same cells.
        var parsed = NotebookExecutor.Parse(File.ReadAllText(Paths.Notebook(notebook)));
        Assert.Equal(cells.Count, parsed.Elements.Count);
    }

    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Is_stored_without_outputs(string notebook)
    {
        using var doc = Paths.Json(notebook);
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.TryGetProperty("outputs", out var outputs))
            {
                Assert.True(outputs.ValueKind == JsonValueKind.Array && outputs.GetArrayLength() == 0,
                    $"{notebook} cell {i + 1} has stored outputs: clear all outputs before committing");
            }
            if (cell.TryGetProperty("execution_count", out var count))
            {
                Assert.True(count.ValueKind == JsonValueKind.Null, $"{notebook} cell {i + 1} has an execution count ({count}): clear it before committing");
            }
        }
    }
}
