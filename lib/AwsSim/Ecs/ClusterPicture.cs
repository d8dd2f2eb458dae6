using System.Globalization;
using System.Net;
using System.Text;

namespace AwsSim.Ecs;

/// <summary>
/// Draws a cluster as SVG: one box per container instance, its width proportional to the instance's CPU units and its
/// height to its memory; each task a filled block as wide as its CPU and as tall as its memory, stacked corner to corner
/// so the unused CPU (right) and unused memory (top) stay visible. Instances are grouped by Availability Zone;
/// Fargate tasks are drawn on their own row; tasks waiting for capacity are listed underneath.
/// </summary>
public static class ClusterPicture
{
    private const double PxPerCpuUnit = 56.0 / 1024;    // 56 px per vCPU
    private const double PxPerMiB = 14.0 / 1024;        // 14 px per GiB
    private const int PerRow = 8;
    private static readonly string[] s_palette = ["#ff9900", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>The cluster as an SVG document.</summary>
    internal static string Svg(Cluster cluster, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var instances = cluster.ContainerInstances;
        var groups = cluster.ActiveTasks.Select(t => t.Group).Distinct().ToList();
        string Colour(string g) => s_palette[groups.IndexOf(g) % s_palette.Length];
        var body = new StringBuilder();
        double y = 30, width = 300;
        foreach (var az in instances.Select(i => i.AvailabilityZone).Distinct().Order(StringComparer.Ordinal))
        {
            var row = instances.Where(i => i.AvailabilityZone == az).ToList();
            body.Append(Text(8, y + 12, az, 13, "bold"));
            y += 18;
            for (var start = 0; start < row.Count; start += PerRow)
            {
                var chunk = row.Skip(start).Take(PerRow).ToList();
                var h = chunk.Max(i => Math.Max(i.RegisteredMemory * PxPerMiB, 12));
                double x = 8;
                foreach (var inst in chunk)
                {
                    var w = Math.Max(inst.RegisteredCpu * PxPerCpuUnit, 12);
                    var ih = Math.Max(inst.RegisteredMemory * PxPerMiB, 12);
                    var top = y + 14 + (h - ih);
                    body.Append(Text(x, y + 10, $"{inst.Ec2InstanceId[..Math.Min(9, inst.Ec2InstanceId.Length)]} {inst.InstanceType.Name}{(inst.Status == "DRAINING" ? " DRAINING" : "")}", 10));
                    body.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{top:0.#}\" width=\"{w:0.#}\" height=\"{ih:0.#}\" fill=\"#f7f7f7\" stroke=\"{(inst.Status == "DRAINING" ? "#d62728" : "#232f3e")}\" stroke-width=\"1.5\"{(inst.Status == "DRAINING" ? " stroke-dasharray=\"4 2\"" : "")}><title>{Esc(inst.ToString())}</title></rect>"));
                    double cx = 0, cy = 0;
                    foreach (var t in inst._tasks)
                    {
                        var tw = Math.Max(t.Cpu * PxPerCpuUnit, 2);
                        var th = Math.Max(t.Memory * PxPerMiB, 2);
                        var bx = x + Math.Min(cx, w - tw);
                        var by = top + ih - Math.Min(cy + th, ih);
                        body.Append(Invariant($"<rect x=\"{bx:0.#}\" y=\"{by:0.#}\" width=\"{tw:0.#}\" height=\"{th:0.#}\" fill=\"{Colour(t.Group)}\" fill-opacity=\"{(t.LastStatus == "RUNNING" ? 0.9 : 0.45)}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{Esc(t.ToString())}</title></rect>"));
                        cx += t.Cpu * PxPerCpuUnit;
                        cy += t.Memory * PxPerMiB;
                    }
                    var freeCpu = inst.RemainingCpu / 1024.0;
                    var freeGiB = inst.RemainingMemory / 1024.0;
                    body.Append(Text(x, top + ih + 11, Invariant($"free {freeCpu:0.##} vCPU, {freeGiB:0.##} GiB"), 9, fill: "#555"));
                    x += Math.Max(w, 120) + 14;
                }
                width = Math.Max(width, x);
                y += h + 36;
            }
        }
        var fargate = cluster.ActiveTasks.Where(t => t.LaunchType == "FARGATE").ToList();
        if (fargate.Count > 0)
        {
            body.Append(Text(8, y + 12, $"Fargate ({fargate.Count} tasks, no instances to manage)", 13, "bold"));
            y += 18;
            double x = 8, rowH = 0;
            foreach (var t in fargate)
            {
                var tw = Math.Max(t.Cpu * PxPerCpuUnit, 4);
                var th = Math.Max(t.Memory * PxPerMiB, 4);
                if (x + tw > Math.Max(width, 600)) { x = 8; y += rowH + 6; rowH = 0; }
                body.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{tw:0.#}\" height=\"{th:0.#}\" fill=\"{Colour(t.Group)}\" fill-opacity=\"{(t.CapacityProviderName == "FARGATE_SPOT" ? 0.55 : 0.9)}\" stroke=\"#232f3e\" stroke-width=\"0.5\"><title>{Esc(t.ToString())}</title></rect>"));
                x += tw + 6;
                rowH = Math.Max(rowH, th);
            }
            y += rowH + 14;
            width = Math.Max(width, 600);
        }
        var unplaced = cluster.ActiveTasks.Where(t => t.LaunchType == "EC2" && t.ContainerInstance is null).ToList();
        if (unplaced.Count > 0)
        {
            foreach (var g in unplaced.GroupBy(t => (t.Group, t.PendingReason)))
            {
                body.Append(Text(8, y + 12, $"{g.Count()} × {g.Key.Group} PENDING, not placed: {g.Key.PendingReason}", 11, fill: "#d62728"));
                y += 16;
            }
        }
        y += 4;
        double lx = 8;
        foreach (var g in groups)
        {
            body.Append(Invariant($"<rect x=\"{lx:0.#}\" y=\"{y:0.#}\" width=\"10\" height=\"10\" fill=\"{Colour(g)}\"/>"));
            body.Append(Text(lx + 14, y + 9, g, 10));
            lx += 24 + g.Length * 6;
        }
        y += 18;
        var header = Text(8, 18, title ?? $"Cluster {cluster.ClusterName}: {instances.Count} instances, {cluster.ActiveTasks.Count} tasks", 14, "bold");
        return Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Math.Max(width, lx) + 8:0}\" height=\"{y:0}\" font-family=\"sans-serif\" style=\"background:#fff\">") + header + body + "</svg>";
    }

    /// <summary>Several pictures side by side (e.g. binpack and spread), as HTML for a notebook.</summary>
    public static string SideBySide(params (string Title, string Svg)[] pictures)
    {
        var sb = new StringBuilder("<div style=\"display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap\">");
        foreach (var (t, svg) in pictures)
        {
            sb.Append("<figure style=\"margin:0\"><figcaption style=\"font:bold 14px sans-serif;margin-bottom:4px\">").Append(Esc(t)).Append("</figcaption>").Append(svg).Append("</figure>");
        }
        return sb.Append("</div>").ToString();
    }

    private static string Text(double x, double y, string text, int size, string weight = "normal", string fill = "#232f3e")
        => Invariant($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{Esc(text)}</text>");

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
