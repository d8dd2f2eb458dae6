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

        // It reads cleanly in an 80-column terminal: text, code, outputs, pictures and charts all fit (course run
        // prints outputs two columns in).
        var text = new TerminalText(color: false, width: 80, pictureCommand: $"course run notebooks/{notebook} --html out/html");
        var printed = result.Cells.SelectMany(c => c.Kind == CellKind.Markdown
            ? [text.Markdown(c.Source)]
            : c.Outputs.Select(o => o.Text is { } plain ? text.Output(plain, indent: 2) : text.Html(o.HtmlValue ?? "", indent: 2)).Select(o => Indent(o))
                .Prepend(text.Code(c.Source, $"notebooks/{notebook}, cell {c.Number}")));
        var tooWide = printed.SelectMany(p => p.Replace("\r\n", "\n").Split('\n')).Where(l => l.Length > 80).ToList();
        Assert.True(tooWide.Count == 0, $"{notebook}: {tooWide.Count} lines wider than 80 columns, e.g. {tooWide.FirstOrDefault()}");
    }

    private static string Indent(string output) => string.Join('\n', output.Split('\n').Select(l => "  " + l));
}
