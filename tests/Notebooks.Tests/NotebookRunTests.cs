using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>Every notebook runs top to bottom without a failing cell, before any exercise is done.</summary>
public sealed class NotebookRunTests
{
    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public async Task Runs_every_cell(string notebook)
    {
        var result = await NotebookExecutor.RunAsync(Paths.Notebook(notebook),
            new RunOptions { CellTimeout = TimeSpan.FromMinutes(5) }, TestContext.Current.CancellationToken);

        Assert.True(result.Success, $"{notebook} failed at {result.FailureMessage}");
        Assert.Equal(result.TotalCells, result.Cells.Count);
        Assert.Contains(result.Cells, c => c.Kind == CellKind.Code);
        // Every lesson shows at least one picture or chart: an SVG, an image or a plotly chart must appear in its outputs
        // or its markdown.
        var shown = result.Cells.SelectMany(c => c.Outputs).Select(o => o.HtmlValue ?? "")
            .Concat(result.Cells.Where(c => c.Kind == CellKind.Markdown).Select(c => c.Source));
        Assert.True(shown.Any(h => h.Contains("<svg", StringComparison.OrdinalIgnoreCase) || h.Contains("<img", StringComparison.OrdinalIgnoreCase)
                || h.Contains("Plotly.newPlot", StringComparison.Ordinal) || h.Contains("](images/", StringComparison.Ordinal)),
            $"{notebook}: no picture or chart was shown (an SVG, an image or a plotly chart)");
    }
}
