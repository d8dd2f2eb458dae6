using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NotebookRunner;

/// <summary>
/// Turns notebook markdown and HTML outputs into text a terminal shows well, fitted to its width: markdown through
/// Markdig's syntax tree, HTML through AngleSharp's DOM, so no text is dropped (an <c>&lt;account&gt;</c> in code
/// stays). Tables wrap their cells, or become a list when they cannot fit; a chart becomes a small table of its
/// points; a picture becomes the lines it is made of (each drawn element's title) and a pointer to the command that
/// shows it drawn.
/// </summary>
/// <param name="color">Use ANSI styles (bold headings, dim code). Off for files, pipes and <c>NO_COLOR</c>.</param>
/// <param name="width">The terminal's width in columns (at least 40).</param>
/// <param name="pictureCommand">
/// The command that shows this lesson's pictures and charts drawn (e.g. <c>course run notebooks/06-cron.ipynb --html
/// out/html</c>), named under each one; null names none.
/// </param>
public sealed partial class TerminalText(bool color, int width = 80, string? pictureCommand = null)
{
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Cyan = "\u001b[36m";
    private const string Reset = "\u001b[0m";
    private const int MaxPictureLines = 12;
    private const int MaxChartRows = 12;

    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();
    private static readonly HashSet<string> s_htmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "br", "code", "del", "details", "div", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "svg", "table", "tbody", "td", "th", "thead",
        "tr", "u", "ul", "style", "script",
    };

    private int _pictures; // pictures met while rendering one HTML output: the pointer to see them drawn follows once
    private string _source = ""; // the markdown being rendered

    /// <summary>Whether ANSI styles are used.</summary>
    public bool Color { get; } = color;

    /// <summary>The width text is fitted to.</summary>
    public int Width { get; } = Math.Max(40, width);

    /// <summary>Renders a markdown cell.</summary>
    public string Markdown(string markdown)
    {
        _source = markdown.Replace("\r\n", "\n");
        var document = Markdig.Markdown.Parse(_source, s_pipeline);
        var sb = new StringBuilder();
        foreach (var block in document) RenderBlock(block, sb, Width);
        var text = CollapseBlankLines(sb.ToString()).Trim('\n');
        return text.Length == 0 ? "" : text + "\n";
    }

    /// <summary>Renders an HTML output (a bill table, an SVG picture, a chart) as text.</summary>
    /// <param name="html">The output's HTML.</param>
    /// <param name="indent">Columns the caller puts before each line: the text is fitted to what is left.</param>
    public string Html(string html, int indent = 0)
    {
        var width = Math.Max(30, Width - indent);
        if (html.Contains("Plotly.newPlot", StringComparison.Ordinal)) return Chart(html, width);
        var body = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        // An object the kernel shows as a collapsible property tree: its summary line is its ToString().
        if (body.QuerySelector("details.dni-treeview > summary") is { } summary && body.FirstElementChild?.ClassList.Contains("dni-treeview") == true)
        {
            return Normalize(summary.TextContent);
        }
        var sb = new StringBuilder();
        _pictures = 0;
        RenderNodes(body.ChildNodes, sb, width);
        if (_pictures > 0)
        {
            EnsureLineStart(sb);
            AppendPointer(sb, width);
        }
        // Text between block elements is not wrapped by the walk: wrap every line that is still too long.
        var lines = sb.ToString().Split('\n').SelectMany(l => VisibleLength(l) <= width ? [l.TrimEnd()] : Wrap(l.TrimEnd(), width, hanging: 2));
        return CollapseBlankLines(string.Join('\n', lines)).Trim('\n');
    }

    /// <summary>
    /// Plain text output (what a cell printed) fitted to the width: tabs become two spaces and a long line wraps, its
    /// continuation indented, so nothing is cut.
    /// </summary>
    /// <param name="text">The output.</param>
    /// <param name="indent">Columns the caller puts before each line.</param>
    public string Output(string text, int indent = 0)
    {
        var width = Math.Max(30, Width - indent);
        return string.Join('\n', text.Replace("\r\n", "\n").Replace("\t", "  ").Split('\n').SelectMany(l => VisibleLength(l) <= width ? [l] : Wrap(l, width, hanging: 2)));
    }

    /// <summary>A code cell's source, indented and dimmed, folded when long (a line says how to see it whole).</summary>
    /// <param name="source">The cell's code.</param>
    /// <param name="whole">Where the whole cell can be read, e.g. <c>notebooks/04-lambda.ipynb, cell 15</c>.</param>
    public string Code(string source, string? whole = null)
    {
        const int keep = 15;
        const int fold = 20;
        var lines = source.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var shown = lines.Length > fold ? lines.Take(keep) : lines;
        var cut = false;
        var result = shown.Select(l =>
        {
            var line = "  │ " + l;
            if (line.Length <= Width) return Style(Dim, line);
            cut = true;
            return Style(Dim, line[..(Width - 1)] + "…");
        }).ToList();
        if (lines.Length > fold || cut)
        {
            var more = lines.Length > fold ? $"{lines.Length - keep} more lines" : "long lines cut";
            result.Add(Style(Dim, $"  ⋯ {more}" + (whole is null ? "" : $"; the whole cell: {whole}")));
        }
        return string.Join('\n', result);
    }

    /// <summary>Wraps text in an ANSI style when colour is on.</summary>
    public string Style(string ansi, string text) => Color && text.Length > 0 ? ansi + text + Reset : text;

    /// <summary>Bold text when colour is on.</summary>
    public string Strong(string text) => Style(Bold, text);

    /// <summary>Dim text when colour is on.</summary>
    public string Faint(string text) => Style(Dim, text);

    // ---- markdown blocks

    private void RenderBlock(Block block, StringBuilder sb, int width)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var titleLines = Wrap(Inlines(heading.Inline, styled: false).Trim(), width);
                foreach (var line in titleLines) sb.AppendLine(Style(Bold, line));
                if (heading.Level <= 2) sb.AppendLine(new string(heading.Level == 1 ? '═' : '─', Math.Clamp(titleLines.Max(VisibleLength), 3, width)));
                sb.AppendLine();
                break;
            case ParagraphBlock paragraph when paragraph.Inline?.Descendants<HtmlInline>().Any(h => HtmlTagName().Match(h.Tag).Groups[1].Value.ToLowerInvariant() is "svg" or "img" or "table" or "div" or "figure" or "details") == true:
                // A picture or table written as HTML inside a paragraph: render the paragraph as HTML.
                sb.AppendLine(Html(Markdig.Markdown.ToHtml(_source.Substring(paragraph.Span.Start, paragraph.Span.Length), s_pipeline))).AppendLine();
                break;
            case ParagraphBlock paragraph:
                AppendWrapped(sb, Inlines(paragraph.Inline), width);
                sb.AppendLine();
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = $"  {(list.IsOrdered ? $"{number++}." : "•")} ";
                    var inner = new StringBuilder();
                    foreach (var child in item) RenderBlock(child, inner, width - bullet.Length);
                    var lines = CollapseBlankLines(inner.ToString()).Trim('\n').Split('\n');
                    for (var i = 0; i < lines.Length; i++) sb.AppendLine((i == 0 ? bullet : new string(' ', bullet.Length)) + lines[i]);
                }
                sb.AppendLine();
                break;
            case QuoteBlock quote:
                var quoted = new StringBuilder();
                foreach (var child in quote) RenderBlock(child, quoted, width - 4);
                foreach (var line in CollapseBlankLines(quoted.ToString()).Trim('\n').Split('\n')) sb.AppendLine("  │ " + line);
                sb.AppendLine();
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.ToString().TrimEnd('\n').Split('\n')) sb.Append("    ").AppendLine(Style(Dim, line));
                sb.AppendLine();
                break;
            case ThematicBreakBlock:
                sb.AppendLine(new string('─', Math.Min(40, width))).AppendLine();
                break;
            case Table table:
                var rows = table.OfType<TableRow>()
                    .Select(r => r.OfType<TableCell>().Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => Inlines(p.Inline, styled: false).Trim()))).ToList())
                    .ToList();
                AppendTable(sb, rows, table.OfType<TableRow>().TakeWhile(r => r.IsHeader).Count(), width);
                sb.AppendLine();
                break;
            case HtmlBlock html:
                sb.AppendLine(Html(html.Lines.ToString())).AppendLine();
                break;
            case ContainerBlock container:
                foreach (var child in container) RenderBlock(child, sb, width);
                break;
        }
    }

    private string Inlines(ContainerInline? container, bool styled = true)
    {
        if (container is null) return "";
        var sb = new StringBuilder();
        foreach (var inline in container) AppendInline(inline, sb, styled);
        return sb.ToString();
    }

    private void AppendInline(Inline inline, StringBuilder sb, bool styled)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                sb.Append(styled && Color ? Style(Cyan, code.Content) : "`" + code.Content + "`");
                break;
            case LinkInline { IsImage: true } image:
                sb.Append(PictureLine(Inlines(image, styled: false), image.Url));
                break;
            case LinkInline link:
                var text = Inlines(link, styled);
                sb.Append(string.IsNullOrEmpty(link.Url) || link.Url == text ? text : $"{text} ({link.Url})");
                break;
            case AutolinkInline autolink:
                sb.Append(autolink.Url);
                break;
            case EmphasisInline emphasis:
                var inner = Inlines(emphasis, styled);
                sb.Append(styled && emphasis.DelimiterCount >= 2 && emphasis.DelimiterChar is '*' or '_' ? Style(Bold, inner) : inner);
                break;
            case LineBreakInline lineBreak:
                sb.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                // A real tag (<br>, <b>…) is markup; anything else in angle brackets (<account>) is text the author wrote.
                var name = HtmlTagName().Match(html.Tag) is { Success: true } m ? m.Groups[1].Value : "";
                if (!s_htmlTags.Contains(name)) sb.Append(html.Tag);
                else if (name.Equals("br", StringComparison.OrdinalIgnoreCase)) sb.Append('\n');
                break;
            case ContainerInline container:
                foreach (var child in container) AppendInline(child, sb, styled);
                break;
        }
    }

    // ---- HTML

    private void RenderNodes(INodeList nodes, StringBuilder sb, int width)
    {
        foreach (var node in nodes) RenderNode(node, sb, width);
    }

    private void RenderNode(INode node, StringBuilder sb, int width)
    {
        if (node is IText text)
        {
            var inPre = node.Ancestors<IElement>().Any(a => a.LocalName == "pre");
            sb.Append(inPre ? text.Data : WhiteSpace().Replace(text.Data, " "));
            return;
        }
        if (node is not IElement element) return;
        switch (element.LocalName)
        {
            case "style" or "script" or "head":
                return;
            case "svg":
                EnsureLineStart(sb);
                sb.AppendLine(Picture(element, width));
                return;
            case "img":
                EnsureLineStart(sb);
                _pictures++;
                sb.AppendLine(PictureLine(element.GetAttribute("alt") ?? "", element.GetAttribute("src"), withCommand: false));
                return;
            case "table":
                EnsureLineStart(sb);
                var rows = element.QuerySelectorAll("tr")
                    .Select(r => r.Children.Where(c => c.LocalName is "td" or "th").ToList()).Where(r => r.Count > 0).ToList();
                var headerRows = rows.TakeWhile(r => r.All(c => c.LocalName == "th")).Count();
                AppendTable(sb, rows.Select(r => r.Select(c => Normalize(InnerText(c, width))).ToList()).ToList(), headerRows, width);
                return;
            case "br":
                sb.Append('\n');
                return;
            case "li":
                EnsureLineStart(sb);
                sb.Append("  • ");
                RenderNodes(element.ChildNodes, sb, width);
                EnsureLineStart(sb);
                return;
            case "p" or "div" or "ul" or "ol" or "pre" or "details" or "summary" or "figure" or "figcaption" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr":
                EnsureLineStart(sb);
                RenderNodes(element.ChildNodes, sb, width);
                EnsureLineStart(sb);
                return;
            default:
                RenderNodes(element.ChildNodes, sb, width);
                return;
        }
    }

    private string InnerText(IElement element, int width)
    {
        var sb = new StringBuilder();
        RenderNodes(element.ChildNodes, sb, width);
        return sb.ToString();
    }

    private static void EnsureLineStart(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
    }

    // ---- pictures and charts

    /// <summary>
    /// An SVG picture as text: its heading (first bold text, else its title), then what it is made of: each drawn
    /// element's title (the tooltip a browser shows), times of day grouped by date; then where to see it drawn.
    /// </summary>
    private string Picture(IElement svg, int width)
    {
        var heading = svg.QuerySelectorAll("text").FirstOrDefault(t => t.GetAttribute("font-weight") == "bold")?.TextContent
                      ?? svg.GetAttribute("aria-label") ?? svg.QuerySelector("title")?.TextContent ?? "diagram";
        heading = Normalize(heading);
        var titles = svg.QuerySelectorAll("title").Select(t => Normalize(t.TextContent)).Where(t => t.Length > 0 && t != heading).Distinct().ToList();
        var sb = new StringBuilder();
        AppendLines(sb, PictureLine(heading, null, withCommand: false), width, 0, hanging: 2);
        foreach (var line in Timeline(titles) ?? titles.Take(MaxPictureLines).Append(titles.Count > MaxPictureLines ? $"… and {titles.Count - MaxPictureLines} more" : null).OfType<string>())
        {
            AppendLines(sb, line, width, indent: 2, hanging: line.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0 and < 20 ? colon + 2 : 2);
        }
        if (titles.Count == 0)
        {
            // A diagram with no titled parts: its labels, in drawing order.
            var labels = svg.QuerySelectorAll("text").Select(t => Normalize(t.TextContent)).Where(t => t.Length > 0).Skip(1).ToList();
            if (labels.Count > 0) AppendLines(sb, string.Join(" · ", labels), width, indent: 2, hanging: 0);
        }
        _pictures++;
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>Where to see the lesson's pictures drawn, as dim lines.</summary>
    private void AppendPointer(StringBuilder sb, int width)
    {
        if (pictureCommand is null) return;
        foreach (var line in Wrap($"(see it drawn: {pictureCommand})", width - 2, hanging: 1)) sb.Append("  ").AppendLine(Style(Dim, line));
    }

    /// <summary>Appends text wrapped to the width, every line indented, continuation lines by <paramref name="hanging"/> more.</summary>
    private static void AppendLines(StringBuilder sb, string text, int width, int indent, int hanging)
    {
        foreach (var line in Wrap(text, width - indent, hanging)) sb.Append(' ', indent).AppendLine(line);
    }

    /// <summary>Titles that are all date-times (a schedule's fire times) as one line per date; null otherwise.</summary>
    private static List<string>? Timeline(List<string> titles)
    {
        if (titles.Count < 2 || !titles.All(t => DateTimeTitle().IsMatch(t))) return null;
        var days = titles.Select(t => DateTimeTitle().Match(t)).GroupBy(m => m.Groups["date"].Value, StringComparer.Ordinal).ToList();
        var lines = days.Take(MaxPictureLines).Select(d =>
        {
            var date = DateOnly.ParseExact(d.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return $"{date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)}: {string.Join(" ", d.Select(m => m.Groups["time"].Value))}";
        }).ToList();
        if (days.Count > MaxPictureLines) lines.Add($"… and {days.Count - MaxPictureLines} more days");
        return lines;
    }

    private string PictureLine(string alt, string? source, bool withCommand = true)
    {
        var line = $"[picture: {(alt.Length > 0 ? alt : "diagram")}]";
        if (source is { Length: > 0 } && !source.StartsWith("data:", StringComparison.Ordinal) && !source.StartsWith("http", StringComparison.Ordinal)) return line + $" (open {source})";
        return withCommand && pictureCommand is not null ? line + Style(Dim, $" (see it drawn: {pictureCommand})") : line;
    }

    private string Chart(string html, int width)
    {
        var sb = new StringBuilder(ChartText(html, width));
        sb.Append('\n');
        AppendPointer(sb, width);
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>A plotly chart as its title and a table of its points (a sample of them when there are many).</summary>
    private string ChartText(string html, int width)
    {
        var title = JsonAfter(html, "var layout = ") is { } layout ? TitleOf(layout) : null;
        var sb = new StringBuilder(string.Join('\n', Wrap($"[chart: {title ?? "plotly chart"}]", width, hanging: 2)));
        try
        {
            if (JsonAfter(html, "var data = ") is { ValueKind: JsonValueKind.Array } data)
            {
                var traces = data.EnumerateArray().Where(t => t.TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.Array && t.TryGetProperty("y", out _)).ToList();
                if (traces.Count > 0)
                {
                    var xTitle = JsonAfter(html, "var layout = ") is { } l && l.TryGetProperty("xaxis", out var xaxis) ? TitleOf(xaxis) : null;
                    var xs = traces.SelectMany(t => t.GetProperty("x").EnumerateArray().Select(Cell)).Distinct().ToList();
                    var step = Math.Max(1, (int)Math.Ceiling(xs.Count / (double)MaxChartRows));
                    var header = new List<string> { xTitle ?? "x" };
                    header.AddRange(traces.Select((t, i) => t.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } s ? s : $"series {i + 1}"));
                    var rows = new List<List<string>> { header };
                    for (var i = 0; i < xs.Count; i += step)
                    {
                        var row = new List<string> { xs[i] };
                        foreach (var t in traces)
                        {
                            var tx = t.GetProperty("x").EnumerateArray().Select(Cell).ToList();
                            var ty = t.GetProperty("y").EnumerateArray().Select(Cell).ToList();
                            var at = tx.IndexOf(xs[i]);
                            row.Add(at >= 0 && at < ty.Count ? ty[at] : "");
                        }
                        rows.Add(row);
                    }
                    var table = new StringBuilder();
                    AppendTable(table, rows, 1, width);
                    sb.Append('\n').Append(table.ToString().TrimEnd('\n'));
                    if (step > 1) sb.Append('\n').Append($"  (every {step}th of {xs.Count} points)");
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The points are a bonus: the title and the pointer below still say what the chart is.
        }
        return sb.ToString();
    }

    private static string Cell(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? Math.Round(d, 4).ToString("0.####", CultureInfo.InvariantCulture) : e.GetRawText(),
        JsonValueKind.String => e.GetString() ?? "",
        _ => e.GetRawText(),
    };

    private static string? TitleOf(JsonElement e)
        => e.TryGetProperty("title", out var t)
            ? t.ValueKind == JsonValueKind.String ? t.GetString() : t.ValueKind == JsonValueKind.Object && t.TryGetProperty("text", out var text) ? text.GetString() : null
            : null;

    /// <summary>The JSON value that follows <paramref name="marker"/> in a script (XPlot writes <c>var data = […];</c>).</summary>
    private static JsonElement? JsonAfter(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(html[(at + marker.Length)..]), new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // ---- tables and wrapping

    /// <summary>
    /// A table fitted to <paramref name="width"/>: aligned columns when they fit; otherwise the widest columns wrap
    /// their cells; when even that cannot fit (too many columns), each row becomes a short list of "header: value".
    /// </summary>
    private void AppendTable(StringBuilder sb, List<List<string>> rows, int headerRows, int width)
    {
        rows = rows.Where(r => r.Any(c => c.Length > 0)).Select(r => r.Select(c => Normalize(c)).ToList()).ToList();
        if (rows.Count == 0) return;
        var columns = rows.Max(r => r.Count);
        foreach (var r in rows) while (r.Count < columns) r.Add("");
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => VisibleLength(r[c]))).ToArray();
        var available = width - 2 - 2 * (columns - 1);
        // A column may wrap between words, never inside one: the longest word is its least width.
        var least = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Split(' ').Max(VisibleLength))).ToArray();
        while (widths.Sum() > available)
        {
            var shrinkable = Enumerable.Range(0, columns).Where(c => widths[c] > least[c]).ToList();
            if (shrinkable.Count == 0) break;
            var widest = shrinkable.MaxBy(c => widths[c]);
            widths[widest]--;
        }
        if (widths.Sum() > available)
        {
            AppendTableAsList(sb, rows, headerRows, width);
            return;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var wrapped = rows[i].Select((c, j) => Wrap(c, widths[j])).ToList();
            var height = wrapped.Max(w => w.Count);
            for (var line = 0; line < height; line++)
            {
                var text = "  " + string.Join("  ", wrapped.Select((w, j) => PadVisible(line < w.Count ? w[line] : "", widths[j]))).TrimEnd();
                sb.AppendLine(i < headerRows ? Style(Bold, text) : text);
            }
            if (i == headerRows - 1) sb.Append("  ").AppendLine(string.Join("  ", widths.Select(w => new string('─', w))));
        }
    }

    private void AppendTableAsList(StringBuilder sb, List<List<string>> rows, int headerRows, int width)
    {
        var header = headerRows > 0 ? rows[0] : null;
        foreach (var row in rows.Skip(headerRows))
        {
            var first = true;
            for (var c = 0; c < row.Count; c++)
            {
                if (row[c].Length == 0) continue;
                var label = header is not null && header[c].Length > 0 ? header[c] + ": " : "";
                var lines = Wrap(label + row[c], width - 4, hanging: 2);
                for (var l = 0; l < lines.Count; l++) sb.Append(first && l == 0 ? "  • " : "    ").AppendLine(lines[l]);
                first = false;
            }
        }
    }

    private static void AppendWrapped(StringBuilder sb, string text, int width)
    {
        foreach (var line in Wrap(text, width)) sb.AppendLine(line);
    }

    /// <summary>
    /// Word-wraps text to a width, keeping its own line breaks and leading spaces; a word longer than the width is
    /// split. Continuation lines start with <paramref name="hanging"/> spaces (after the first line's own indent).
    /// </summary>
    private static List<string> Wrap(string text, int width, int hanging = 0)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var lead = paragraph.Length - paragraph.TrimStart(' ').Length;
            var continuation = new string(' ', Math.Min(lead + hanging, width / 2));
            var line = new StringBuilder(new string(' ', lead));
            var lineLength = lead;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = word;
                var length = VisibleLength(w);
                var atStart = line.ToString().Trim().Length == 0;
                if (!atStart && lineLength + 1 + length > width)
                {
                    result.Add(line.ToString());
                    line.Clear().Append(continuation);
                    lineLength = continuation.Length;
                    atStart = true;
                }
                while (lineLength + length > width && !w.Contains('\u001b'))
                {
                    var room = Math.Max(1, width - lineLength);
                    result.Add(line.ToString() + w[..room]);
                    w = w[room..];
                    length = w.Length;
                    line.Clear().Append(continuation);
                    lineLength = continuation.Length;
                }
                if (!atStart) { line.Append(' '); lineLength++; }
                line.Append(w);
                lineLength += length;
            }
            result.Add(line.ToString().TrimEnd());
        }
        return result;
    }

    private static int VisibleLength(string s) => AnsiCode().Replace(s, "").Length;

    private static string PadVisible(string s, int width) => s + new string(' ', Math.Max(0, width - VisibleLength(s)));

    private static string Truncate(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";

    private static string Normalize(string s) => WhiteSpace().Replace(s, " ").Trim();

    private static string CollapseBlankLines(string text) => BlankLines().Replace(text, "\n\n");

    [GeneratedRegex(@"^</?([A-Za-z][A-Za-z0-9-]*)")] private static partial Regex HtmlTagName();
    [GeneratedRegex(@"\u001b\[[0-9;]*m")] private static partial Regex AnsiCode();
    [GeneratedRegex(@"\s+")] private static partial Regex WhiteSpace();
    [GeneratedRegex(@"\n{3,}")] private static partial Regex BlankLines();
    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[ T](?<time>\d{2}:\d{2})")] private static partial Regex DateTimeTitle();
}
