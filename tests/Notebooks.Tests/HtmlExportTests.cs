using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>The exported HTML page: markdown as HTML, code, outputs, charts on the local plotly.min.js.</summary>
public sealed class HtmlExportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "html-export-tests-" + Guid.NewGuid().ToString("N"));

    public HtmlExportTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static NotebookResult Result(string path, params CellResult[] cells) => new(path, cells.Length, cells, TimeSpan.Zero);

    private static CellResult Markdown(int n, string source) => new(n, CellKind.Markdown, "markdown", source, [], true, null, TimeSpan.Zero);

    private static CellResult Code(int n, string source, params CellOutput[] outputs) => new(n, CellKind.Code, "csharp", source, outputs, true, null, TimeSpan.Zero);

    private static CellOutput Out(OutputKind kind, string mime, string value) => new(kind, new Dictionary<string, string> { [mime] = value });

    [Fact]
    public void A_page_has_markdown_code_outputs_and_charts_on_the_local_plotly()
    {
        var chart = "<div id=\"c1\"></div><script src=\"https://cdn.plot.ly/plotly-latest.min.js\"></script><script>Plotly.newPlot('c1', [], {});</script>";
        var result = Result(Path.Combine(_folder, "04-x.ipynb"),
            Markdown(1, "# 04 · Title\n\nSee [the map](00-start-here.ipynb#map) and **this**.\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            Code(2, "Console.WriteLine(\"<hi>\");", Out(OutputKind.StandardOutput, "text/plain", "<hi>\n"), Out(OutputKind.StandardOutput, "text/plain", "two\n")),
            Code(3, "display(HTML(chart))", Out(OutputKind.Display, "text/html", chart)),
            Code(4, "display(HTML(svg))", Out(OutputKind.Display, "text/html", "<svg width=\"10\" height=\"10\"><title>T</title></svg>")));

        var page = HtmlExport.Page(result, withIndexLink: true);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<title>04 · Title</title>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"00-start-here.html#map\">the map</a>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>this</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<table>", page, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(&quot;&lt;hi&gt;&quot;);", page, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"output stdout\">&lt;hi&gt;\ntwo</pre>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"index.html\"", page, StringComparison.Ordinal);
        Assert.Equal(1, HtmlExport.ChartCount(page));
        Assert.Equal(1, HtmlExport.PictureCount(page));
    }

    [Fact]
    public void Without_plotly_min_js_the_export_says_to_run_npm_ci()
    {
        var result = Result(Path.Combine(_folder, "c.ipynb"),
            Code(1, "chart", Out(OutputKind.Display, "text/html", "<div id=\"c\"></div><script>Plotly.newPlot('c', [], {});</script>")));
        var emptyCourse = Directory.CreateDirectory(Path.Combine(_folder, "course")).FullName;

        var page = HtmlExport.WritePage(result, Path.Combine(_folder, "out"), emptyCourse, withIndexLink: false, out var problem);

        Assert.Equal("c.html", page.File);
        Assert.NotNull(problem);
        Assert.Contains("npm ci", problem, StringComparison.Ordinal);
        // The page itself says so too, instead of drawing a blank chart.
        Assert.Contains("npm ci", File.ReadAllText(Path.Combine(_folder, "out", "c.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void With_plotly_installed_it_is_copied_next_to_the_pages()
    {
        var course = Path.Combine(_folder, "course");
        Directory.CreateDirectory(Path.Combine(course, "node_modules", "plotly.js-dist-min"));
        File.WriteAllText(Path.Combine(course, HtmlExport.PlotlyInNodeModules), "/* plotly */");
        var result = Result(Path.Combine(_folder, "c.ipynb"),
            Code(1, "chart", Out(OutputKind.Display, "text/html", "<script>Plotly.newPlot('c', [], {});</script>")));

        HtmlExport.WritePage(result, Path.Combine(_folder, "out"), course, withIndexLink: false, out var problem);

        Assert.Null(problem);
        Assert.Equal("/* plotly */", File.ReadAllText(Path.Combine(_folder, "out", HtmlExport.PlotlyFile)));
    }
}
