using System.Text;

namespace AwsSim.CloudFront;

/// <summary>
/// Draws the four Lambda@Edge trigger points as SVG (for notebooks): viewer → CloudFront cache → origin on the top
/// row, the response back along the bottom, and the trigger boxes in between. Triggers that ran for a request can be
/// highlighted.
/// </summary>
public static class EdgeDiagram
{
    /// <summary>The diagram; <paramref name="ran"/> highlights those trigger points, <paramref name="caption"/> is written underneath.</summary>
    public static string Svg(IEnumerable<string>? ran = null, string? caption = null)
    {
        var highlight = new HashSet<string>(ran ?? LambdaEdge.EventTypes, StringComparer.Ordinal);
        var all = ran is null;
        var sb = new StringBuilder();
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"270\" viewBox=\"0 0 760 270\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"13\">");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        sb.Append("<rect x=\"0\" y=\"0\" width=\"760\" height=\"270\" fill=\"#ffffff\"/>");
        Box(sb, 20, 70, 110, 110, "#e8eef7", "#4a6fa5", "Viewer", "browser, app");
        Box(sb, 300, 70, 160, 110, "#fff4e0", "#d08400", "CloudFront", "edge location + cache");
        Box(sb, 630, 70, 110, 110, "#e9f5ea", "#3c8a46", "Origin", "S3, web server");
        // request path (top) and response path (bottom)
        Arrow(sb, 130, 100, 300, 100);
        Arrow(sb, 460, 100, 630, 100);
        Arrow(sb, 630, 150, 460, 150);
        Arrow(sb, 300, 150, 130, 150);
        Trigger(sb, 150, 40, LambdaEdge.ViewerRequest, "every request, before the cache", all || highlight.Contains(LambdaEdge.ViewerRequest));
        Trigger(sb, 475, 40, LambdaEdge.OriginRequest, "cache miss only", all || highlight.Contains(LambdaEdge.OriginRequest));
        Trigger(sb, 475, 185, LambdaEdge.OriginResponse, "after the origin, before caching", all || highlight.Contains(LambdaEdge.OriginResponse));
        Trigger(sb, 150, 185, LambdaEdge.ViewerResponse, "hit or miss; not for origin ≥ 400", all || highlight.Contains(LambdaEdge.ViewerResponse));
        sb.Append("<text x=\"380\" y=\"26\" text-anchor=\"middle\" font-size=\"12\" fill=\"#666\">viewer triggers: 128 MB, 5 s, 40 KB generated response · origin triggers: 30 s, 1 MB</text>");
        if (caption is not null)
            sb.Append($"<text x=\"380\" y=\"262\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">{System.Net.WebUtility.HtmlEncode(caption)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Box(StringBuilder sb, int x, int y, int w, int h, string fill, string stroke, string title, string sub)
    {
        sb.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"10\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>");
        sb.Append($"<text x=\"{x + w / 2}\" y=\"{y + h / 2 - 2}\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"15\">{title}</text>");
        sb.Append($"<text x=\"{x + w / 2}\" y=\"{y + h / 2 + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{sub}</text>");
    }

    private static void Arrow(StringBuilder sb, int x1, int y1, int x2, int y2)
        => sb.Append($"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#555\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>");

    private static void Trigger(StringBuilder sb, int x, int y, string name, string when, bool on)
    {
        var (fill, stroke, text) = on ? ("#ff9900", "#b36b00", "#000") : ("#f0f0f0", "#bbbbbb", "#999");
        sb.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"135\" height=\"44\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>");
        sb.Append($"<text x=\"{x + 67}\" y=\"{y + 18}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{text}\">λ {name}</text>");
        sb.Append($"<text x=\"{x + 67}\" y=\"{y + 34}\" text-anchor=\"middle\" font-size=\"9.5\" fill=\"{text}\">{System.Net.WebUtility.HtmlEncode(when)}</text>");
    }
}
