using System.Globalization;

namespace AwsSim.EventBridge;

/// <summary>
/// Reads the six fields of an AWS cron expression exactly as the EventBridge / CloudWatch Events documentation describes
/// them [aws-facts §3.1]. Every refusal is a <see cref="ScheduleExpressionException"/> naming the field and the token.
/// </summary>
internal static class CronParser
{
    private sealed record Spec(CronFieldKind Kind, string Name, int Min, int Max, string Wildcards, string[]? Names, string Allowed);

    private static readonly string[] s_months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] s_days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Spec[] s_specs =
    [
        new(CronFieldKind.Minutes, "Minutes", 0, 59, ",-*/", null, "0-59 with the wildcards , - * /"),
        new(CronFieldKind.Hours, "Hours", 0, 23, ",-*/", null, "0-23 with the wildcards , - * /"),
        new(CronFieldKind.DayOfMonth, "Day-of-month", 1, 31, ",-*?/LW", null, "1-31 with the wildcards , - * ? / L W (e.g. 1, 1-15, L, 3W)"),
        new(CronFieldKind.Month, "Month", 1, 12, ",-*/", s_months, "1-12 or JAN-DEC with the wildcards , - * /"),
        new(CronFieldKind.DayOfWeek, "Day-of-week", 1, 7, ",-*?L#", s_days, "1-7 or SUN-SAT (1 = SUN) with the wildcards , - * ? L # (e.g. MON-FRI, 6L, 3#2)"),
        new(CronFieldKind.Year, "Year", 1970, 2199, ",-*/", null, "1970-2199 with the wildcards , - * /"),
    ];

    /// <summary>The field's name as AWS's documentation writes it.</summary>
    public static string NameOf(CronFieldKind kind) => s_specs[(int)kind].Name;

    public static CronSchedule Parse(string fieldsText, string expression, TimeZoneInfo zone)
    {
        var fields = fieldsText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            var allowed = fields.Length switch
            {
                0 => "cron(...) needs 6 fields: Minutes Hours Day-of-month Month Day-of-week Year, e.g. cron(0 10 * * ? *)",
                5 => "AWS cron needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year); this has 5, like a Unix crontab line. "
                     + "Add a Year field (* for every year) and put ? in Day-of-month or Day-of-week, e.g. cron(0 9 ? * MON-FRI *); "
                     + "note AWS numbers the days 1-7 = SUN-SAT, not 0-6",
                7 => "AWS cron has 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) and no seconds field; this has 7, like a Quartz expression: drop the seconds",
                _ => $"AWS cron needs exactly 6 fields separated by spaces (Minutes Hours Day-of-month Month Day-of-week Year); this has {fields.Length}",
            };
            throw new ScheduleExpressionException("ScheduleExpression", expression, allowed);
        }

        var items = new IReadOnlyList<CronItem>[6];
        for (var i = 0; i < 6; i++) items[i] = ParseField(s_specs[i], fields[i], expression);

        var domAny = items[2] is [{ Kind: CronItemKind.Any }];
        var dowAny = items[4] is [{ Kind: CronItemKind.Any }];
        if (domAny && dowAny)
        {
            throw new ScheduleExpressionException("Day-of-week", fields[4],
                "only one of Day-of-month and Day-of-week may be ?: give the other a value or * (e.g. cron(0 10 * * ? *))", expression);
        }
        if (!domAny && !dowAny)
        {
            throw new ScheduleExpressionException("Day-of-week", fields[4],
                $"must be ? because Day-of-month is '{fields[2]}': you can't specify both Day-of-month and Day-of-week; if one has a value or *, the other must be ? "
                + "(e.g. cron(0 12 * * ? *) daily, cron(0 12 ? * MON-FRI *) on weekdays)", expression);
        }

        return new CronSchedule(expression, zone, fields, items);
    }

    private static IReadOnlyList<CronItem> ParseField(Spec spec, string text, string expression)
    {
        if (text.Length > 64) Fail(spec, text[..20] + "…", "is too long", expression);
        var parts = text.Split(',');
        var list = new List<CronItem>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length == 0) Fail(spec, text, "has an empty item: a comma must separate two values (e.g. 5,35)", expression);
            list.Add(ParseItem(spec, part, text, expression));
        }
        if (list.Count > 1)
        {
            // ?, L, W, nL and # stand alone in their field.
            var special = list.FirstOrDefault(i => i.Kind is CronItemKind.Any or CronItemKind.Last or CronItemKind.NearestWeekday or CronItemKind.LastOfMonth or CronItemKind.Nth);
            if (special is not null)
            {
                if (list.Count(i => i.Kind == CronItemKind.Nth) > 1)
                {
                    Fail(spec, text, "only one # expression is allowed (e.g. 3#2 = the second Tuesday); 3#1,6#3 is invalid: use one rule per #", expression);
                }
                var what = special.Kind switch
                {
                    CronItemKind.Any => "?",
                    CronItemKind.Nth => "a # expression",
                    CronItemKind.NearestWeekday => "a W expression",
                    _ => "L",
                };
                Fail(spec, text, $"{what} must stand alone in its field, not in a list", expression);
            }
        }
        return list;
    }

    private static CronItem ParseItem(Spec spec, string item, string fieldText, string expression)
    {
        var up = item.ToUpperInvariant();
        if (up == "?")
        {
            if (!spec.Wildcards.Contains('?')) Fail(spec, item, "? is allowed only in Day-of-month and Day-of-week; use * for every value", expression);
            return new CronItem(CronItemKind.Any, 0, 0);
        }
        if (up == "L")
        {
            if (!spec.Wildcards.Contains('L')) Fail(spec, item, "L is allowed only in Day-of-month (last day of the month) and Day-of-week (e.g. 6L = last Friday)", expression);
            return spec.Kind == CronFieldKind.DayOfMonth ? new CronItem(CronItemKind.Last, 0, 0) : new CronItem(CronItemKind.Last, 7, 7);
        }
        if (up.Contains('#'))
        {
            if (!spec.Wildcards.Contains('#')) Fail(spec, item, "# is allowed only in Day-of-week (e.g. 3#2 = the second Tuesday of the month)", expression);
            var bits = up.Split('#');
            if (bits.Length != 2 || bits[0].Length == 0 || bits[1].Length == 0) Fail(spec, item, "write day#n, e.g. 3#2 or TUE#2 (the second Tuesday of the month)", expression);
            var day = ParseValue(spec, bits[0], item, expression);
            var n = ParseNumber(bits[1]);
            if (n is < 1 or > 5) Fail(spec, item, "the number after # must be 1-5 (which occurrence of that weekday in the month)", expression);
            return new CronItem(CronItemKind.Nth, day, day, 1, n!.Value);
        }
        if (up.Length > 1 && up.EndsWith('W') && spec.Kind == CronFieldKind.DayOfMonth && !up.Contains('/') && !up.Contains('-'))
        {
            var body = up[..^1];
            if (body == "L") Fail(spec, item, "LW is not among AWS's documented wildcards: use L (last day) or nW (weekday nearest day n, e.g. 3W)", expression);
            var day = ParseNumber(body);
            if (day is null) Fail(spec, item, "write nW with a day number, e.g. 3W (the weekday nearest the 3rd)", expression);
            if (day is < 1 or > 31) Fail(spec, item, "the day before W must be 1-31", expression);
            return new CronItem(CronItemKind.NearestWeekday, day!.Value, day.Value);
        }
        if (up.Length > 1 && up.EndsWith('L') && spec.Kind is CronFieldKind.DayOfWeek or CronFieldKind.DayOfMonth)
        {
            if (spec.Kind != CronFieldKind.DayOfWeek)
            {
                Fail(spec, item, spec.Kind == CronFieldKind.DayOfMonth
                    ? "L stands alone in Day-of-month (the last day of the month); offsets such as L-3 or 5L are not supported"
                    : "L is allowed only in Day-of-month and Day-of-week", expression);
            }
            var day = ParseValue(spec, up[..^1], item, expression);
            return new CronItem(CronItemKind.LastOfMonth, day, day);
        }
        if (up.Contains('W') && spec.Kind == CronFieldKind.DayOfMonth)
        {
            Fail(spec, item, "W goes after a single day number and stands alone, e.g. 3W", expression);
        }

        // Value, range, *, and increments.
        var step = 1;
        var slash = up.IndexOf('/');
        var rangePart = up;
        var hasStep = false;
        if (slash >= 0)
        {
            if (!spec.Wildcards.Contains('/')) Fail(spec, item, $"/ (increments) is not allowed in {spec.Name}; allowed: {spec.Allowed}", expression);
            var stepText = up[(slash + 1)..];
            rangePart = up[..slash];
            var span = spec.Max - spec.Min + 1;
            var s = ParseNumber(stepText);
            if (s is null || s < 1 || s > span) Fail(spec, item, $"the increment after / must be a whole number from 1 to {span}", expression);
            if (rangePart.Length == 0) Fail(spec, item, "write start/increment, e.g. 0/15 or */15", expression);
            step = s!.Value;
            hasStep = true;
        }
        if (rangePart == "*")
        {
            return new CronItem(CronItemKind.All, spec.Min, spec.Max, step);
        }
        var dash = rangePart.IndexOf('-');
        if (dash >= 0)
        {
            var a = ParseValue(spec, rangePart[..dash], item, expression);
            var b = ParseValue(spec, rangePart[(dash + 1)..], item, expression);
            if (a > b && spec.Kind == CronFieldKind.Year) Fail(spec, item, "a Year range must go forward, e.g. 2019-2022", expression);
            return new CronItem(CronItemKind.Range, a, b, step);
        }
        var v = ParseValue(spec, rangePart, item, expression);
        return hasStep ? new CronItem(CronItemKind.From, v, spec.Max, step) : new CronItem(CronItemKind.Value, v, v);
    }

    private static int ParseValue(Spec spec, string token, string item, string expression)
    {
        if (token.Length == 0) Fail(spec, item, $"a value is missing; allowed: {spec.Allowed}", expression);
        var n = ParseNumber(token);
        if (n is null && spec.Names is { } names)
        {
            var i = Array.IndexOf(names, token);
            if (i >= 0) return i + 1;
        }
        if (n is null)
        {
            Fail(spec, item, $"'{token}' is not a value of {spec.Name}; allowed: {spec.Allowed}", expression);
        }
        if (n < spec.Min || n > spec.Max)
        {
            var extra = spec.Kind == CronFieldKind.DayOfWeek && n == 0 ? " (AWS counts 1 = SUN to 7 = SAT; there is no 0)" : "";
            Fail(spec, item, $"{n} is out of range: {spec.Name} takes {spec.Min}-{spec.Max}{extra}; allowed: {spec.Allowed}", expression);
        }
        return n!.Value;
    }

    private static int? ParseNumber(string s)
    {
        if (s.Length is 0 or > 6) return null;
        foreach (var c in s) if (c is < '0' or > '9') return null;
        return int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(Spec spec, string token, string allowed, string expression)
        => throw new ScheduleExpressionException(spec.Name, token, allowed, expression);
}
