using System.Globalization;
using System.Net;
using System.Text;

namespace AwsSim.Batch;

/// <summary>Draws a Batch run: the Gantt chart behind <see cref="BatchService.ToSvg"/> and the text of <see cref="BatchService.Summary"/>.</summary>
internal static class BatchChart
{
    internal static string Svg(IReadOnlyCollection<ComputeEnvironment> environments, IReadOnlyList<BatchJob> jobs, AccountContext aws, int width, int maxRows)
    {
        var attempts = jobs.Where(j => j.ArraySize is null).SelectMany(j => j.AttemptList.Select(a => (Job: j, Attempt: a))).ToList();
        var instances = environments.SelectMany(e => e.InstanceList).ToDictionary(i => i.InstanceId);
        var start = attempts.Select(a => a.Attempt.StartingAt).Concat(instances.Values.Select(i => i.LaunchedAt)).DefaultIfEmpty(aws.Clock.Now).Min();
        var end = attempts.Select(a => a.Attempt.StoppedAt).Concat(instances.Values.Select(i => i.TerminatedAt ?? aws.Clock.Now)).DefaultIfEmpty(aws.Clock.Now).Max();
        if (end <= start) end = start + TimeSpan.FromMinutes(1);

        // Rows: each instance's slots in launch order, then each Fargate environment's lanes.
        var rows = new List<(string Label, string Host, int Slot)>();
        foreach (var ce in environments)
        {
            foreach (var i in ce.InstanceList)
            {
                var used = attempts.Where(a => a.Attempt.Host == i.InstanceId).Select(a => a.Attempt.Slot).DefaultIfEmpty(0).Max();
                for (var s = 0; s <= used; s++) rows.Add((s == 0 ? $"{i.InstanceId[^4..]} {i.InstanceType}{(i.IsSpot ? " spot" : "")}" : "", i.InstanceId, s));
            }
            if (ce.IsFargate)
            {
                for (var s = 0; s < ce.FargateLanes.Count; s++) rows.Add((s == 0 ? $"Fargate {ce.ComputeEnvironmentName}" : "", "fargate:" + ce.ComputeEnvironmentName, s));
            }
        }
        var hidden = Math.Max(0, rows.Count - maxRows);
        rows = rows.Take(maxRows).ToList();
        const int left = 170, top = 30, rowH = 16;
        var plotW = width - left - 20;
        var height = top + rows.Count * rowH + 40 + (hidden > 0 ? 16 : 0);
        var total = (end - start).TotalSeconds;
        double X(DateTimeOffset t) => left + (t - start).TotalSeconds / total * plotW;
        var rowIndex = rows.Select((r, i) => (r, i)).ToDictionary(x => (x.r.Host, x.r.Slot), x => x.i);

        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        sb.Append(Invariant($"<text x=\"{left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">AWS Batch: jobs on instances ({attempts.Count:#,0} attempts, {instances.Count:#,0} instances)</text>"));
        foreach (var ((label, host, slot), i) in rows.Select((r, i) => (r, i)))
        {
            var y = top + i * rowH;
            if (label.Length > 0) sb.Append(Invariant($"<text x=\"4\" y=\"{y + 12}\">{WebUtility.HtmlEncode(label)}</text>"));
            if (slot == 0 && instances.TryGetValue(host, out var inst))
            {
                var slots = rows.Count(r => r.Host == host);
                sb.Append(Invariant($"<rect x=\"{X(inst.LaunchedAt):0.#}\" y=\"{y + 1}\" width=\"{Math.Max(1, X(inst.TerminatedAt ?? end) - X(inst.LaunchedAt)):0.#}\" height=\"{slots * rowH - 2}\" fill=\"#e8e8e8\"><title>{inst.InstanceId} {inst.InstanceType} up {inst.LaunchedAt:HH:mm:ss}–{(inst.TerminatedAt is { } t ? t.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "running")} ({inst.TerminationReason ?? "running"})</title></rect>"));
            }
        }
        foreach (var (job, a) in attempts)
        {
            var host = a.Host.StartsWith("i-", StringComparison.Ordinal) ? a.Host : "fargate:" + a.ComputeEnvironment;
            if (!rowIndex.TryGetValue((host, Math.Max(0, a.Slot)), out var r)) continue;
            var y = top + r * rowH;
            var color = a.StatusReason.StartsWith("Host EC2", StringComparison.Ordinal) ? "#f90" : a.StatusReason == BatchScheduler.TimeoutReason ? "#8e44ad" : a.ExitCode == 0 ? "#2e9e4f" : "#d13212";
            var x0 = X(a.StartingAt);
            sb.Append(Invariant($"<rect x=\"{x0:0.##}\" y=\"{y + 3}\" width=\"{Math.Max(0.8, X(a.StoppedAt) - x0):0.##}\" height=\"{rowH - 6}\" fill=\"{color}\" stroke=\"#fff\" stroke-width=\"0.3\"><title>{WebUtility.HtmlEncode(job.JobId)} attempt {a.Number}: {a.StartingAt:HH:mm:ss}–{a.StoppedAt:HH:mm:ss} {WebUtility.HtmlEncode(a.StatusReason)}</title></rect>"));
        }
        var axisY = top + rows.Count * rowH + 4;
        sb.Append(Invariant($"<line x1=\"{left}\" y1=\"{axisY}\" x2=\"{left + plotW}\" y2=\"{axisY}\" stroke=\"#333\"/>"));
        for (var k = 0; k <= 5; k++)
        {
            var t = start + TimeSpan.FromSeconds(total * k / 5);
            var x = left + plotW * k / 5.0;
            sb.Append(Invariant($"<line x1=\"{x:0.#}\" y1=\"{axisY}\" x2=\"{x:0.#}\" y2=\"{axisY + 4}\" stroke=\"#333\"/><text x=\"{x:0.#}\" y=\"{axisY + 16}\" text-anchor=\"middle\">+{FormatSpan(t - start)}</text>"));
        }
        if (hidden > 0) sb.Append(Invariant($"<text x=\"{left}\" y=\"{axisY + 32}\">… {hidden:#,0} more rows not shown</text>"));
        sb.Append("</svg>");
        return sb.ToString();
    }

    internal static string Summary(IReadOnlyCollection<ComputeEnvironment> environments, IReadOnlyList<BatchJob> all, AccountContext aws)
    {
        var jobs = all.Where(j => j.ArraySize is null).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"Jobs: {jobs.Count:#,0} ({string.Join(", ", BatchJobStatus.All.Select(s => (s, n: jobs.Count(j => j.Status == s))).Where(x => x.n > 0).Select(x => $"{x.n:#,0} {x.s}"))})"));
        foreach (var ce in environments)
        {
            var cost = ce.InstanceList.Sum(i => i.Cost);
            sb.AppendLine(ce.IsFargate
                ? Invariant($"{ce.ComputeEnvironmentName} (FARGATE): peak {ce.PeakvCpus:0.##} vCPUs of tasks")
                : Invariant($"{ce.ComputeEnvironmentName} ({ce.Type}, {ce.AllocationStrategy}): {ce.InstanceList.Count} instances launched, peak {ce.PeakvCpus} vCPUs, {ce.Live.Count} running now, {Money.Format(cost)} billed"));
        }
        sb.Append("Bill so far: ").Append(Money.Format(aws.Bill.Total));
        return sb.ToString();
    }

    private static string FormatSpan(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : $"{t.Minutes}m{t.Seconds:00}s";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
