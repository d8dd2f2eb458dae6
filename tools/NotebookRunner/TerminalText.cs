using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Turns notebook markdown and HTML outputs into text a terminal shows well: headings, lists, tables and code stay
/// readable, links show their target, pictures become <c>[picture: …]</c> and charts <c>[chart: …]</c>.
/// </summary>
/// <param name="color">Use ANSI styles (bold headings, dim code). Off for files, pipes and <c>NO_COLOR</c>.</param>
public sealed partial class TerminalText(bool color)
{
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Cyan = "\u001b[36m";
    private const string Reset = "\u001b[0m";

    /// <summary>Whether ANSI styles are used.</summary>
    public bool Color { get; } = color;

    /// <summary>Renders a markdown cell.</summary>
    public string Markdown(string markdown)
    {
        var text = ReplacePictures(markdown.Replace("\r\n", "\n"));
        var lines = text.Split('\n');
        var sb = new StringBuilder();
        var fence = (string?)null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal)) { fence = null; continue; }
                sb.Append("    ").AppendLine(Style(Dim, line));
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                continue;
            }
            if (trimmed.StartsWith('|'))
            {
                var table = new List<string>();
                while (i < lines.Length && lines[i].TrimStart().StartsWith('|')) table.Add(lines[i++].Trim());
                i--;
                AppendTable(sb, table.Select(SplitRow).ToList(), headerRows: 1, separatorRow: true);
                continue;
            }
            var heading = HeadingLine().Match(line);
            if (heading.Success)
            {
                var level = heading.Groups[1].Value.Length;
                var title = Inline(heading.Groups[2].Value.Trim(), styled: false);
                sb.AppendLine(Style(Bold, title));
                if (level <= 2) sb.AppendLine(new string(level == 1 ? '═' : '─', Math.Max(3, title.Length)));
                continue;
            }
            if (HorizontalRule().IsMatch(line)) { sb.AppendLine(new string('─', 40)); continue; }
            var bullet = BulletLine().Match(line);
            if (bullet.Success)
            {
                sb.Append(bullet.Groups[1].Value).Append("  • ").AppendLine(Inline(bullet.Groups[2].Value));
                continue;
            }
            if (trimmed.StartsWith('>'))
            {
                sb.Append("  │ ").AppendLine(Inline(trimmed.TrimStart('>').TrimStart()));
                continue;
            }
            sb.AppendLine(Inline(line));
        }
        return CollapseBlankLines(sb.ToString());
    }

    /// <summary>Renders an HTML output (a bill table, an SVG picture, a chart) as text.</summary>
    public string Html(string html)
    {
        if (html.Contains("Plotly.newPlot", StringComparison.Ordinal) || html.Contains("plotly", StringComparison.OrdinalIgnoreCase) && html.Contains("<script", StringComparison.OrdinalIgnoreCase))
        {
            return $"[chart: {ChartTitle(html) ?? "plotly chart"}]";
        }
        var s = StyleOrScript().Replace(html, "");
        // An object the kernel shows as a collapsible property tree: its summary line is its ToString().
        if (TreeViewSummary().Match(s) is { Success: true } tree) s = tree.Groups[1].Value;
        s = ReplacePictures(s);
        s = ListItem().Replace(s, "\n  • ");
        s = TableElement().Replace(s, m => "\n" + TableText(m.Value) + "\n");
        s = LineBreakingTag().Replace(s, "\n");
        s = AnyTag().Replace(s, "");
        s = WebUtility.HtmlDecode(s);
        var lines = s.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
        return CollapseBlankLines(string.Join('\n', lines)).Trim('\n');
    }

    /// <summary>A code cell's source, indented and dimmed.</summary>
    public string Code(string source)
        => string.Join('\n', source.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => Style(Dim, "  │ " + l)));

    /// <summary>Wraps text in an ANSI style when colour is on.</summary>
    public string Style(string ansi, string text) => Color && text.Length > 0 ? ansi + text + Reset : text;

    /// <summary>Bold text when colour is on.</summary>
    public string Strong(string text) => Style(Bold, text);

    /// <summary>Dim text when colour is on.</summary>
    public string Faint(string text) => Style(Dim, text);

    private string Inline(string text, bool styled = true)
    {
        var s = MarkdownImage().Replace(text, m => $"[picture: {m.Groups[1].Value}]");
        s = MarkdownLink().Replace(s, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        s = BoldText().Replace(s, m => styled ? Style(Bold, m.Groups[2].Value) : m.Groups[2].Value);
        s = ItalicText().Replace(s, m => m.Groups[1].Value);
        s = InlineCode().Replace(s, m => styled && Color ? Style(Cyan, m.Groups[1].Value) : "`" + m.Groups[1].Value + "`");
        s = LineBreakingTag().Replace(s, " ");
        s = AnyTag().Replace(s, "");
        return WebUtility.HtmlDecode(s);
    }

    /// <summary>SVG and img elements become <c>[picture: title]</c> (the SVG's title or aria-label, the img's alt).</summary>
    private static string ReplacePictures(string text)
    {
        var s = SvgElement().Replace(text, m =>
        {
            var title = SvgTitle().Match(m.Value) is { Success: true } t ? t.Groups[1].Value
                : AriaLabel().Match(m.Value) is { Success: true } a ? a.Groups[1].Value : "diagram";
            return $"[picture: {WebUtility.HtmlDecode(AnyTag().Replace(title, "")).Trim()}]";
        });
        return ImgElement().Replace(s, m => AltText().Match(m.Value) is { Success: true } alt ? $"[picture: {alt.Groups[1].Value}]" : "[picture]");
    }

    private static string? ChartTitle(string html)
    {
        var m = PlotlyTitle().Match(html);
        return m.Success ? Regex.Unescape(m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : m.Groups[2].Value) : null;
    }

    private string TableText(string tableHtml)
    {
        var rows = new List<List<string>>();
        var headerRows = 0;
        foreach (Match row in TableRow().Matches(tableHtml))
        {
            var cells = TableCell().Matches(row.Value).Select(c => WebUtility.HtmlDecode(AnyTag().Replace(LineBreakingTag().Replace(c.Groups[2].Value, " "), "")).Trim()).ToList();
            if (cells.Count == 0) continue;
            if (rows.Count == headerRows && TableCell().Matches(row.Value).All(c => c.Groups[1].Value == "th")) headerRows++;
            rows.Add(cells);
        }
        var sb = new StringBuilder();
        AppendTable(sb, rows, headerRows, separatorRow: false);
        return sb.ToString().TrimEnd('\n');
    }

    private void AppendTable(StringBuilder sb, List<List<string>> rows, int headerRows, bool separatorRow)
    {
        if (separatorRow) rows = rows.Where(r => !r.All(c => TableSeparatorCell().IsMatch(c))).ToList();
        rows = rows.Select(r => r.Select(c => Inline(c, styled: false)).ToList()).ToList();
        if (rows.Count == 0) return;
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var line = "  " + string.Join("  ", Enumerable.Range(0, columns).Select(c => (c < rows[i].Count ? rows[i][c] : "").PadRight(widths[c]))).TrimEnd();
            sb.AppendLine(i < headerRows ? Style(Bold, line) : line);
            if (i == headerRows - 1) sb.Append("  ").AppendLine(string.Join("  ", widths.Select(w => new string('─', w))));
        }
    }

    private static List<string> SplitRow(string row)
    {
        var inner = row.Trim();
        if (inner.StartsWith('|')) inner = inner[1..];
        if (inner.EndsWith('|')) inner = inner[..^1];
        return inner.Split('|').Select(c => c.Trim()).ToList();
    }

    private static string CollapseBlankLines(string text) => BlankLines().Replace(text, "\n\n");

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")] private static partial Regex HeadingLine();
    [GeneratedRegex(@"^\s*([-*_])(\s*\1){2,}\s*$")] private static partial Regex HorizontalRule();
    [GeneratedRegex(@"^(\s*)[-*+]\s+(.*)$")] private static partial Regex BulletLine();
    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)]*)\)")] private static partial Regex MarkdownImage();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")] private static partial Regex MarkdownLink();
    [GeneratedRegex(@"(\*\*|__)(.+?)\1")] private static partial Regex BoldText();
    [GeneratedRegex(@"`([^`]+)`")] private static partial Regex InlineCode();
    [GeneratedRegex(@"(?<![\*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\*\w])")] private static partial Regex ItalicText();
    [GeneratedRegex(@"<svg\b.*?</svg>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex SvgElement();
    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex SvgTitle();
    [GeneratedRegex(@"aria-label\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)] private static partial Regex AriaLabel();
    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex ImgElement();
    [GeneratedRegex(@"alt\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)] private static partial Regex AltText();
    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex StyleOrScript();
    [GeneratedRegex(@"<table\b.*?</table>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex TableElement();
    [GeneratedRegex(@"<tr\b.*?</tr>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex TableRow();
    [GeneratedRegex(@"<(td|th)\b[^>]*>(.*?)</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex TableCell();
    [GeneratedRegex(@"^:?-{3,}:?$")] private static partial Regex TableSeparatorCell();
    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|ul|ol|h[1-6]|pre|summary|details|tr|strong|b)>(?=\s*<(ul|ol|div|p|table))|</(p|div|li|ul|ol|h[1-6]|pre|summary|details|tr)>", RegexOptions.IgnoreCase)] private static partial Regex LineBreakingTag();
    [GeneratedRegex(@"<[^>]+>")] private static partial Regex AnyTag();
    [GeneratedRegex(@"^\s*<details[^>]*class=""dni-treeview""[^>]*>\s*<summary>(.*?)</summary>", RegexOptions.Singleline)] private static partial Regex TreeViewSummary();
    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase)] private static partial Regex ListItem();
    [GeneratedRegex(@"""title""\s*:\s*(?:""((?:[^""\\]|\\.)*)""|\{\s*""text""\s*:\s*""((?:[^""\\]|\\.)*)"")")] private static partial Regex PlotlyTitle();
    [GeneratedRegex(@"\n{3,}")] private static partial Regex BlankLines();
}
