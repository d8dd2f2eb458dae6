using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace NotebookRunner;

/// <summary>One lesson on the index page of an exported course.</summary>
/// <param name="File">The page's file name, e.g. <c>04-lambda.html</c>.</param>
/// <param name="Title">The lesson's title (its first <c># </c> heading).</param>
/// <param name="Success">False when a cell failed (the page shows how far it got).</param>
/// <param name="Cells">How many cells the notebook has.</param>
/// <param name="Charts">How many charts the page draws.</param>
/// <param name="Pictures">How many SVG pictures and images it shows.</param>
public sealed record ExportedPage(string File, string Title, bool Success, int Cells, int Charts, int Pictures);

/// <summary>
/// Writes a run notebook as a standalone HTML page that renders offline: markdown as HTML, code, every output (text,
/// HTML tables, SVG pictures, XPlot charts), with plotly.js loaded from a local <c>plotly.min.js</c> next to the page.
/// </summary>
/// <remarks>
/// XPlot's HTML and the lessons' chart helper load plotly.js from plotly's CDN; every such URL is rewritten to the
/// local copy, and the page loads it in its head, so <c>Plotly.newPlot</c> finds it without the network. The local copy
/// is npm's <c>plotly.js-dist-min</c> 2.35.3 (3.x and later drop XPlot's string titles), installed by <c>npm ci</c>.
/// </remarks>
public static partial class HtmlExport
{
    /// <summary>The local plotly.js file name the pages load.</summary>
    public const string PlotlyFile = "plotly.min.js";

    /// <summary>Where <c>npm ci</c> puts plotly.js, relative to the course folder.</summary>
    public static readonly string PlotlyInNodeModules = Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>What to do when plotly.min.js is missing.</summary>
    public const string PlotlyMissingAdvice =
        "charts need plotly.js: run `npm ci` in the course folder (it installs plotly.js-dist-min 2.35.3 from package-lock.json), then export again";

    private static readonly MarkdownPipeline s_markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The page's title: the first <c># </c> heading of the notebook, else the file name.</summary>
    public static string TitleOf(NotebookResult result)
    {
        foreach (var cell in result.Cells.Where(c => c.Kind == CellKind.Markdown))
        {
            var m = TitleLine().Match(cell.Source);
            if (m.Success) return m.Groups[1].Value.Trim();
        }
        return Path.GetFileNameWithoutExtension(result.Path);
    }

    /// <summary>Renders the whole page.</summary>
    /// <param name="result">The run notebook.</param>
    /// <param name="withIndexLink">Link back to <c>index.html</c> (a whole-course export).</param>
    public static string Page(NotebookResult result, bool withIndexLink = false)
    {
        var title = TitleOf(result);
        var body = new StringBuilder();
        foreach (var cell in result.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    body.Append("<section class=\"markdown\">").Append(RewriteLinks(Markdown.ToHtml(cell.Source, s_markdown))).AppendLine("</section>");
                    break;
                default:
                    AppendCodeCell(body, cell);
                    break;
            }
        }
        if (result.TotalCells > result.Cells.Count)
        {
            body.Append("<p class=\"not-run\">").Append(result.TotalCells - result.Cells.Count).AppendLine(" more cells were not run because a cell failed.</p>");
        }
        var html = body.ToString();
        var needsPlotly = ChartCount(html) > 0;

        var page = new StringBuilder();
        page.AppendLine("<!DOCTYPE html>");
        page.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<title>").Append(Encode(title)).AppendLine("</title>");
        page.AppendLine("<link rel=\"icon\" href=\"data:,\">");
        page.Append("<style>").Append(Css).AppendLine("</style>");
        if (needsPlotly)
        {
            page.Append("<script src=\"").Append(PlotlyFile).AppendLine("\"></script>");
            // A missing plotly.min.js must not give a silently blank chart: say what to do, in the page and the console.
            page.Append("<script>if (!window.Plotly) { console.error(").Append(JsString("plotly.min.js is missing: " + PlotlyMissingAdvice))
                .Append("); window.Plotly = { newPlot: function (id) { var el = typeof id === 'string' ? document.getElementById(id) : id; if (el) { el.className += ' chart-missing'; el.textContent = ")
                .Append(JsString("This chart needs plotly.min.js next to this page: " + PlotlyMissingAdvice + "."))
                .AppendLine("; } } }; }</script>");
        }
        page.AppendLine("</head><body>");
        page.Append("<nav>");
        if (withIndexLink) page.Append("<a href=\"index.html\">← AWS Compute Course</a> · ");
        page.Append("<span>").Append(Encode(Path.GetFileName(result.Path))).Append("</span>");
        page.Append(result.Success ? "" : " · <strong class=\"failed\">a cell failed</strong>");
        page.AppendLine("</nav>");
        page.AppendLine("<main>");
        page.Append(html);
        page.AppendLine("</main></body></html>");
        return page.ToString();
    }

    /// <summary>
    /// Writes the page for <paramref name="result"/> into <paramref name="outDirectory"/> (as <c>&lt;name&gt;.html</c>)
    /// with what it needs beside it: the notebook folder's <c>images/</c> and, when it draws charts, plotly.min.js.
    /// </summary>
    /// <param name="result">The run notebook.</param>
    /// <param name="outDirectory">The folder to write to (created).</param>
    /// <param name="courseRoot">The course folder, where <see cref="PlotlyInNodeModules"/> is looked for; null to skip copying.</param>
    /// <param name="withIndexLink">Link back to <c>index.html</c>.</param>
    /// <param name="problem">Set when the page draws charts and plotly.min.js could not be found.</param>
    public static ExportedPage WritePage(NotebookResult result, string outDirectory, string? courseRoot, bool withIndexLink, out string? problem)
    {
        Directory.CreateDirectory(outDirectory);
        var page = Page(result, withIndexLink);
        var file = Path.GetFileNameWithoutExtension(result.Path) + ".html";
        File.WriteAllText(Path.Combine(outDirectory, file), page, new UTF8Encoding(false));
        CopyImages(Path.GetDirectoryName(result.Path)!, outDirectory);
        var charts = ChartCount(page);
        problem = charts > 0 ? EnsurePlotly(outDirectory, courseRoot) : null;
        return new ExportedPage(file, TitleOf(result), result.Success, result.TotalCells, charts, PictureCount(page));
    }

    /// <summary>Writes <c>index.html</c>: every lesson with a link, whether it ran, and what it shows.</summary>
    public static string WriteIndex(string outDirectory, IReadOnlyList<ExportedPage> pages)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AWS Compute Course</title><link rel=\"icon\" href=\"data:,\">");
        sb.Append("<style>").Append(Css).AppendLine("</style></head><body><main>");
        sb.AppendLine("<h1>AWS Compute Course</h1>");
        sb.AppendLine("<p>The lessons, run and exported as pages that need no network. Start with the first one.</p>");
        sb.AppendLine("<table class=\"lessons\"><thead><tr><th>lesson</th><th>cells</th><th>charts</th><th>pictures</th><th>run</th></tr></thead><tbody>");
        foreach (var p in pages)
        {
            sb.Append("<tr><td><a href=\"").Append(Encode(p.File)).Append("\">").Append(Encode(p.Title)).Append("</a></td>")
              .Append("<td>").Append(p.Cells).Append("</td><td>").Append(p.Charts).Append("</td><td>").Append(p.Pictures).Append("</td>")
              .Append("<td>").Append(p.Success ? "✔ every cell ran" : "<strong class=\"failed\">✘ a cell failed</strong>").AppendLine("</td></tr>");
        }
        sb.AppendLine("</tbody></table></main></body></html>");
        var path = Path.Combine(outDirectory, "index.html");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Points every plotly CDN URL (script src, require path) at the local copy.</summary>
    public static string RewritePlotlyUrls(string html)
        => PlotlyCdnUrl().Replace(html, m => m.Value.EndsWith(".js", StringComparison.Ordinal) ? PlotlyFile : Path.GetFileNameWithoutExtension(PlotlyFile));

    /// <summary>How many charts a page draws (calls to <c>Plotly.newPlot</c>).</summary>
    public static int ChartCount(string html) => NewPlotCall().Matches(CodeListing().Replace(html, "")).Count;

    /// <summary>How many pictures a page shows (inline SVG elements and img elements).</summary>
    public static int PictureCount(string html)
    {
        var shown = CodeListing().Replace(html, "");
        return OpeningSvg().Matches(shown).Count + OpeningImg().Matches(shown).Count;
    }

    private static void AppendCodeCell(StringBuilder body, CellResult cell)
    {
        body.Append("<section class=\"cell").Append(cell.Success ? "" : " failed").AppendLine("\">");
        body.Append("<pre class=\"code\"><code>").Append(Encode(cell.Source.TrimEnd())).AppendLine("</code></pre>");
        var installsPackages = cell.Source.Contains("#r \"nuget:", StringComparison.Ordinal);
        var stdout = new StringBuilder();
        foreach (var o in cell.Outputs)
        {
            // Package-install progress ("Installing…", "Installed Packages") is noise in a finished page.
            if (installsPackages && o.Kind == OutputKind.Display && PackageProgress().IsMatch(o.HtmlValue ?? o.Text ?? "")) continue;
            // Console output arrives a line or a write at a time: one block for consecutive writes.
            if (o.Kind == OutputKind.StandardOutput) { stdout.Append(o.Text); continue; }
            FlushStdout(body, stdout);
            AppendOutput(body, o);
        }
        FlushStdout(body, stdout);
        if (!cell.Success && cell.Error is { } error)
        {
            body.Append("<pre class=\"output error\">").Append(Encode(error)).AppendLine("</pre>");
        }
        body.AppendLine("</section>");
    }

    private static void FlushStdout(StringBuilder body, StringBuilder stdout)
    {
        if (stdout.Length == 0) return;
        body.Append("<pre class=\"output stdout\">").Append(Encode(stdout.ToString().TrimEnd('\n'))).AppendLine("</pre>");
        stdout.Clear();
    }

    private static void AppendOutput(StringBuilder body, CellOutput o)
    {
        switch (o.Kind)
        {
            case OutputKind.StandardOutput:
                body.Append("<pre class=\"output stdout\">").Append(Encode((o.Text ?? "").TrimEnd('\n'))).AppendLine("</pre>");
                return;
            case OutputKind.StandardError:
            case OutputKind.Error:
                body.Append("<pre class=\"output error\">").Append(Encode((o.Text ?? "").TrimEnd('\n'))).AppendLine("</pre>");
                return;
        }
        if (o.HtmlValue is { } html)
        {
            body.Append("<div class=\"output html\">").Append(RewritePlotlyUrls(html)).AppendLine("</div>");
        }
        else if (o.Text is { } text)
        {
            body.Append("<pre class=\"output value\">").Append(Encode(text.TrimEnd('\n'))).AppendLine("</pre>");
        }
    }

    /// <summary>Links to other lessons point at their exported pages.</summary>
    private static string RewriteLinks(string html)
        => NotebookLink().Replace(html, m => m.Groups["pre"].Value + m.Groups["name"].Value + ".html" + m.Groups["anchor"].Value + "\"");

    private static void CopyImages(string notebookDirectory, string outDirectory)
    {
        var images = Path.Combine(notebookDirectory, "images");
        if (!Directory.Exists(images)) return;
        foreach (var file in Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(outDirectory, "images", Path.GetRelativePath(images, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Copies plotly.min.js next to the pages; returns what to do when it cannot be found.</summary>
    private static string? EnsurePlotly(string outDirectory, string? courseRoot)
    {
        var target = Path.Combine(outDirectory, PlotlyFile);
        var source = courseRoot is null ? null : Path.Combine(courseRoot, PlotlyInNodeModules);
        if (source is not null && File.Exists(source))
        {
            if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(source).Length) File.Copy(source, target, overwrite: true);
            return null;
        }
        return File.Exists(target) ? null : $"{Path.Combine(courseRoot ?? ".", PlotlyInNodeModules)} not found: {PlotlyMissingAdvice}";
    }

    /// <summary>Escapes only what HTML needs (the page is UTF-8, so "·" and "×" stay readable in the source).</summary>
    private static string Encode(string text)
        => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
               .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string JsString(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private const string Css = """
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #16191f; background: #fafafa; }
        nav { background: #232f3e; color: #fff; padding: 8px 24px; font-size: 14px; }
        nav a { color: #ff9900; text-decoration: none; }
        main { max-width: 960px; margin: 0 auto; padding: 16px 24px 48px; background: #fff; }
        h1 { border-bottom: 3px solid #ff9900; padding-bottom: 6px; }
        table { border-collapse: collapse; margin: 8px 0; }
        .markdown table th, .markdown table td, table.lessons th, table.lessons td { border: 1px solid #d5dbdb; padding: 4px 8px; text-align: left; vertical-align: top; }
        .markdown img { max-width: 100%; }
        code { background: #f2f3f3; padding: 1px 3px; border-radius: 3px; }
        pre { overflow-x: auto; }
        .cell { margin: 12px 0; }
        pre.code { background: #f2f3f3; border-left: 4px solid #879596; padding: 8px 12px; margin: 0; }
        pre.code code { background: none; padding: 0; }
        .output { margin: 4px 0 0 0; padding: 6px 12px; border-left: 4px solid #ff9900; }
        pre.output { background: #fff; }
        .output.error, .failed { color: #d13212; border-left-color: #d13212; }
        div.output.html { overflow-x: auto; }
        .chart-missing { display: block; padding: 24px; color: #d13212; border: 2px dashed #d13212; }
        .not-run { color: #d13212; font-style: italic; }
        """;

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline)] private static partial Regex TitleLine();
    [GeneratedRegex(@"Install(ing|ed) [Pp]ackages?|Restore sources", RegexOptions.None)] private static partial Regex PackageProgress();
    [GeneratedRegex(@"https?://cdn\.plot\.ly/[\w.\-]+")] private static partial Regex PlotlyCdnUrl();
    [GeneratedRegex(@"Plotly\.newPlot\s*\(")] private static partial Regex NewPlotCall();
    [GeneratedRegex(@"<pre class=""code"">.*?</pre>", RegexOptions.Singleline)] private static partial Regex CodeListing();
    [GeneratedRegex(@"<svg\b", RegexOptions.IgnoreCase)] private static partial Regex OpeningSvg();
    [GeneratedRegex(@"<img\b", RegexOptions.IgnoreCase)] private static partial Regex OpeningImg();
    [GeneratedRegex(@"(?<pre>href=""(?![a-z]+:)[^""#]*?)(?<name>[^""/#]+)\.ipynb(?<anchor>#[^""]*)?""")] private static partial Regex NotebookLink();
}
