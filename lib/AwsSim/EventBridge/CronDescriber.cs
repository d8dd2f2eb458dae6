using System.Globalization;
using System.Text;

namespace AwsSim.EventBridge;

/// <summary>Plain-English descriptions of cron expressions, e.g. "At 10:15 UTC, Monday through Friday".</summary>
internal static class CronDescriber
{
    private static readonly string[] s_days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] s_ordinals = ["first", "second", "third", "fourth", "fifth"];

    public static string Describe(CronSchedule cron, string zone)
    {
        var it = cron.Items;
        var sb = new StringBuilder(TimeOfDay(it[0], it[1], zone));
        var days = Days(it[2], it[4]);
        if (days.Length == 0 && sb.ToString().StartsWith("At ", StringComparison.Ordinal) && char.IsAsciiDigit(sb[3])) days = ", every day";
        sb.Append(days);
        sb.Append(Months(it[3]));
        sb.Append(Years(it[5]));
        return sb.ToString();
    }

    private static string TimeOfDay(IReadOnlyList<CronItem> minutes, IReadOnlyList<CronItem> hours, string zone)
    {
        var mins = Values(minutes, 0, 59);
        var hrs = Values(hours, 0, 23);
        if (mins.Count * hrs.Count <= 6 && minutes.All(i => i.Kind == CronItemKind.Value) && hours.All(i => i.Kind == CronItemKind.Value))
        {
            var times = hrs.SelectMany(h => mins.Select(m => $"{h:00}:{m:00}")).ToList();
            return $"At {List(times)} {zone}";
        }

        string minutePart;
        if (IsAll(minutes)) minutePart = "Every minute";
        else if (minutes is [{ Kind: CronItemKind.All or CronItemKind.From } s] && s.Step > 1)
        {
            minutePart = s.Start == 0 ? $"Every {s.Step} minutes" : $"Every {s.Step} minutes from minute {s.Start} (minutes {List(mins.Select(Num))})";
        }
        else if (mins is [0]) minutePart = "At the start of the hour";
        else minutePart = $"At minute{(mins.Count > 1 ? "s" : "")} {List(mins.Select(Num))} past the hour";

        string hourPart;
        if (IsAll(hours)) hourPart = "";
        else if (hours is [{ Kind: CronItemKind.All or CronItemKind.From } hs] && hs.Step > 1)
        {
            hourPart = $", every {hs.Step} hours ({List(hrs.Select(h => $"{h:00}:00"))} {zone})";
        }
        else if (hours is [{ Kind: CronItemKind.Range } r] && r.Step == 1)
        {
            hourPart = $", from {r.Start:00}:{mins[0]:00} through {r.End:00}:{mins[^1]:00} {zone}";
        }
        else hourPart = $", during the hour{(hrs.Count > 1 ? "s" : "")} starting {List(hrs.Select(h => $"{h:00}:00"))} {zone}";

        if (IsAll(hours) && mins is [0]) return "Every hour, at the start of the hour";
        return minutePart + hourPart;
    }

    private static string Days(IReadOnlyList<CronItem> dom, IReadOnlyList<CronItem> dow)
    {
        if (dom is [{ Kind: CronItemKind.Any }])
        {
            if (IsAll(dow)) return "";
            return dow switch
            {
                [{ Kind: CronItemKind.LastOfMonth } l] => $", on the last {s_days[l.Start - 1]} of the month",
                [{ Kind: CronItemKind.Nth } n] => $", on the {s_ordinals[n.N - 1]} {s_days[n.Start - 1]} of the month",
                [{ Kind: CronItemKind.Last }] => ", on Saturday (the last day of the week)",
                [{ Kind: CronItemKind.Range, Step: 1 } r] => $", {s_days[r.Start - 1]} through {s_days[r.End - 1]}",
                _ => ", on " + List(dow.Select(i => i.Kind == CronItemKind.Range && i.Step == 1
                        ? $"{s_days[i.Start - 1]} through {s_days[i.End - 1]}"
                        : List(CronSchedule.Values(i, 1, 7).Select(d => s_days[d - 1])))),
            };
        }
        if (IsAll(dom)) return "";
        return dom switch
        {
            [{ Kind: CronItemKind.Last }] => ", on the last day of the month",
            [{ Kind: CronItemKind.NearestWeekday } w] => $", on the weekday nearest day {w.Start} of the month",
            [{ Kind: CronItemKind.Value } v] => $", on day {v.Start} of the month",
            [{ Kind: CronItemKind.Range, Step: 1 } r] => $", on days {r.Start} through {r.End} of the month",
            [{ Kind: CronItemKind.All or CronItemKind.From } s] when s.Step > 1 => $", every {s.Step} days of the month from day {s.Start}",
            _ => $", on days {List(Values(dom, 1, 31).Select(Num))} of the month",
        };
    }

    private static string Months(IReadOnlyList<CronItem> months)
    {
        if (IsAll(months)) return "";
        if (months is [{ Kind: CronItemKind.Range, Step: 1 } r]) return $", {s_months[r.Start - 1]} through {s_months[r.End - 1]}";
        return ", in " + List(Values(months, 1, 12).Select(m => s_months[m - 1]));
    }

    private static string Years(IReadOnlyList<CronItem> years)
    {
        if (IsAll(years)) return "";
        if (years is [{ Kind: CronItemKind.Range, Step: 1 } r]) return $", {r.Start} through {r.End}";
        var list = Values(years, 1970, 2199);
        if (list.Count > 8) return $", in {list.Count} years from {list[0]} to {list[^1]}";
        return $", in {List(list.Select(Num))}";
    }

    private static bool IsAll(IReadOnlyList<CronItem> items) => items is [{ Kind: CronItemKind.All, Step: 1 }];

    private static List<int> Values(IReadOnlyList<CronItem> items, int min, int max)
        => items.SelectMany(i => CronSchedule.Values(i, min, max)).Distinct().Order().ToList();

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
