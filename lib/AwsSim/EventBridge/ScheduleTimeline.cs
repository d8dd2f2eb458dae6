using System.Globalization;
using System.Net;
using System.Text;

namespace AwsSim.EventBridge;

/// <summary>
/// Draws fire times as an SVG timeline: one row per day, hours 00–24 across, a tick at every fire time. Shown in
/// notebooks with <c>display(HTML(ScheduleTimeline.ToSvg(...)))</c>; needs nothing from the network.
/// </summary>
public static class ScheduleTimeline
{
    private const int Left = 118, Width = 600, RowHeight = 26, Top = 46;

    /// <summary>The fire times of <paramref name="schedule"/> from <paramref name="from"/> (the day it falls on) for <paramref name="days"/> days.</summary>
    /// <param name="schedule">The schedule; rows use its time zone (UTC for rules).</param>
    /// <param name="from">The first day shown (its time of day is ignored).</param>
    /// <param name="days">How many days, 1–62.</param>
    public static string ToSvg(ScheduleExpression schedule, DateTimeOffset from, int days = 7)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Validate.Range("days", days, 1, 62);
        var zone = schedule.TimeZone;
        var firstDay = TimeZoneInfo.ConvertTime(from, zone).Date;
        var startUtc = new DateTimeOffset(DateTime.SpecifyKind(firstDay, DateTimeKind.Unspecified), zone.GetUtcOffset(firstDay));
        var endUtc = startUtc.AddDays(days + 1);
        var times = schedule.Occurrences(startUtc.AddTicks(-1)).TakeWhile(t => t < endUtc).Take(100_000).ToList();
        var title = $"{schedule.Text}: {schedule.Describe()}";
        return ToSvg(times, firstDay, days, zone, title);
    }

    /// <summary>Draws given fire times (e.g. a rule's delivery log) for <paramref name="days"/> days from <paramref name="firstDay"/>.</summary>
    public static string ToSvg(IEnumerable<DateTimeOffset> fireTimes, DateTime firstDay, int days, TimeZoneInfo? zone = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fireTimes);
        Validate.Range("days", days, 1, 62);
        zone ??= TimeZoneInfo.Utc;
        var zoneName = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
        var perDay = new List<double>[days];
        for (var i = 0; i < days; i++) perDay[i] = new List<double>();
        foreach (var t in fireTimes)
        {
            var local = TimeZoneInfo.ConvertTime(t, zone).DateTime;
            var row = (int)(local.Date - firstDay.Date).TotalDays;
            if (row < 0 || row >= days) continue;
            perDay[row].Add(local.TimeOfDay.TotalHours);
        }

        var height = Top + days * RowHeight + 30;
        var total = Left + Width + 90;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"{height}\" viewBox=\"0 0 {total} {height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        sb.Append(Inv($"<rect width=\"{total}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        sb.Append(Inv($"<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{WebUtility.HtmlEncode(title ?? "Fire times")}</text>"));
        for (var h = 0; h <= 24; h += 3)
        {
            var x = Left + Width * h / 24.0;
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Top - 6}\" x2=\"{x:0.#}\" y2=\"{Top + days * RowHeight}\" stroke=\"#dddddd\"/>"));
            sb.Append(Inv($"<text x=\"{x:0.#}\" y=\"{Top - 10}\" text-anchor=\"middle\" fill=\"#555555\">{h:00}:00</text>"));
        }
        sb.Append(Inv($"<text x=\"{Left + Width + 8}\" y=\"{Top - 10}\" fill=\"#555555\">fires ({zoneName})</text>"));
        for (var i = 0; i < days; i++)
        {
            var y = Top + i * RowHeight;
            var day = firstDay.Date.AddDays(i);
            sb.Append(Inv($"<rect x=\"{Left}\" y=\"{y + 4}\" width=\"{Width}\" height=\"{RowHeight - 8}\" fill=\"{(i % 2 == 0 ? "#f4f7fb" : "#eaf0f7")}\"/>"));
            sb.Append(Inv($"<text x=\"8\" y=\"{y + RowHeight / 2 + 4}\">{day.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)}</text>"));
            foreach (var hours in perDay[i])
            {
                var x = Left + Width * hours / 24.0;
                sb.Append(Inv($"<line x1=\"{x:0.##}\" y1=\"{y + 5}\" x2=\"{x:0.##}\" y2=\"{y + RowHeight - 5}\" stroke=\"#d9480f\" stroke-width=\"2\"><title>{day.AddHours(hours).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</title></line>"));
            }
            sb.Append(Inv($"<text x=\"{Left + Width + 8}\" y=\"{y + RowHeight / 2 + 4}\">{perDay[i].Count}</text>"));
        }
        var count = perDay.Sum(d => d.Count);
        sb.Append(Inv($"<text x=\"8\" y=\"{height - 10}\" fill=\"#555555\">{count:#,0} fire{(count == 1 ? "" : "s")} in {days} day{(days == 1 ? "" : "s")}; times in {zoneName}</text>"));
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
