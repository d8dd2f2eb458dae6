using System.Text.Json;

namespace Notebooks.Tests;

/// <summary>Builds small Polyglot notebooks for the runner and export tests.</summary>
internal static class TestNotebook
{
    /// <summary>The .ipynb JSON of a notebook with these cells ("markdown" or "code", and the source).</summary>
    public static string Json(params (string Type, string Source)[] cells) => JsonSerializer.Serialize(new
    {
        cells = cells.Select(c => c.Type == "markdown"
            ? (object)new { cell_type = "markdown", metadata = new { }, source = c.Source }
            : new
            {
                cell_type = "code",
                execution_count = (int?)null,
                metadata = new { polyglot_notebook = new { kernelName = "csharp" } },
                outputs = Array.Empty<object>(),
                source = c.Source,
            }),
        metadata = new
        {
            kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
            polyglot_notebook = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { name = "csharp" } } } },
        },
        nbformat = 4,
        nbformat_minor = 5,
    });
}
