using System.Numerics;

namespace AwsSim.EventBridge;

/// <summary>
/// A parsed <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c> expression. Fire times are found field by
/// field (year → month → day → hour → minute) with bit masks, never by stepping minute by minute, so even
/// <c>cron(0 0 29 2 ? *)</c> or a year far away is answered at once.
/// </summary>
/// <remarks>
/// Meanings [aws-facts §3.1]: <c>,</c> list; <c>-</c> range (a range may wrap, e.g. hours <c>20-2</c> = 20–23 and 0–2,
/// <c>FRI-MON</c>, <c>NOV-FEB</c>; Day-of-week is checked on the calendar day of each fire time, so
/// <c>cron(0/30 20-2 ? * MON-FRI *)</c> has no Saturday 00:00–02:30 runs); <c>*</c> all; <c>/</c> increments
/// (<c>1/10</c> = 1, 11, 21…); <c>?</c> any; <c>L</c> last day of the month, or in Day-of-week the last day of the week
/// (Saturday) and <c>5L</c> the last Thursday of the month; <c>3W</c> the weekday nearest the 3rd, never crossing into
/// another month (as Quartz: 1W on a Saturday the 1st fires Monday the 3rd; a day that does not exist in a month,
/// such as 31W in April, does not fire that month); <c>3#2</c> the second Tuesday (no fire in a month without that
/// occurrence, e.g. a fifth Monday).
/// </remarks>
public sealed class CronSchedule : ScheduleExpression
{
    private readonly ulong _minutes;      // bit m = minute m
    private readonly uint _hours;         // bit h = hour h
    private readonly uint _daysOfMonth;   // bit d = day d (1–31)
    private readonly uint _months;        // bit m = month m (1–12)
    private readonly uint _daysOfWeek;    // bit d = weekday d (1 = Sunday … 7 = Saturday)
    private readonly ulong[] _years = new ulong[4]; // bit (y − 1970)
    private readonly bool _useDayOfWeek;  // Day-of-month is '?'
    private readonly bool _lastDayOfMonth;
    private readonly int _nearestWeekdayTo;  // nW, 0 when not used
    private readonly int _lastWeekdayOfMonth; // nL in Day-of-week, 0 when not used
    private readonly int _nthWeekday;         // d in d#n, 0 when not used
    private readonly int _nth;                // n in d#n

    internal CronSchedule(string text, TimeZoneInfo zone, string[] fields, IReadOnlyList<CronItem>[] items)
        : base(text, zone)
    {
        Fields = fields;
        Items = items;
        _minutes = Mask(items[0], 0, 59);
        _hours = (uint)Mask(items[1], 0, 23);
        _months = (uint)Mask(items[3], 1, 12);
        _useDayOfWeek = items[2] is [{ Kind: CronItemKind.Any }];
        if (_useDayOfWeek)
        {
            switch (items[4])
            {
                case [{ Kind: CronItemKind.LastOfMonth } l]: _lastWeekdayOfMonth = l.Start; break;
                case [{ Kind: CronItemKind.Nth } n]: _nthWeekday = n.Start; _nth = n.N; break;
                default: _daysOfWeek = (uint)Mask(items[4], 1, 7); break;
            }
        }
        else
        {
            switch (items[2])
            {
                case [{ Kind: CronItemKind.Last }]: _lastDayOfMonth = true; break;
                case [{ Kind: CronItemKind.NearestWeekday } w]: _nearestWeekdayTo = w.Start; break;
                default: _daysOfMonth = (uint)Mask(items[2], 1, 31); break;
            }
        }
        foreach (var item in items[5])
        {
            foreach (var y in Values(item, 1970, 2199)) _years[(y - 1970) >> 6] |= 1UL << ((y - 1970) & 63);
        }
    }

    /// <summary>The six fields as written.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The items of each field as read, in field order (see <see cref="CronFieldKind"/>).</summary>
    internal IReadOnlyList<IReadOnlyList<CronItem>> Items { get; }

    /// <inheritdoc />
    public override string Describe() => CronDescriber.Describe(this, ZoneName);

    /// <inheritdoc />
    public override DateTimeOffset? Next(DateTimeOffset after)
    {
        var utcAfter = Clamp(UtcMinute(after));
        var cursor = ToLocal(utcAfter).AddMinutes(1);
        while (true)
        {
            var local = NextLocal(cursor);
            if (local is null) return null;
            var utc = ToUtc(local.Value);
            // Daylight saving: a wall-clock time that does not exist is skipped; one that happens twice runs once
            // (its first instant), so a candidate that maps to or before the start is passed over.
            if (utc is { } u && u > utcAfter) return new DateTimeOffset(u, TimeSpan.Zero);
            cursor = local.Value.AddMinutes(1);
        }
    }

    /// <summary>True when the schedule fires at this wall-clock minute (in <see cref="ScheduleExpression.TimeZone"/>).</summary>
    public bool Matches(DateTime wallClock)
    {
        if (wallClock.Year is < 1970 or > 2199) return false;
        return YearOk(wallClock.Year)
            && (_months >> wallClock.Month & 1) != 0
            && (DayMask(wallClock.Year, wallClock.Month) >> wallClock.Day & 1) != 0
            && (_hours >> wallClock.Hour & 1) != 0
            && (_minutes >> wallClock.Minute & 1) != 0;
    }

    private static DateTime Clamp(DateTime t)
    {
        if (t.Year < 1970) return new DateTime(1969, 12, 31, 0, 0, 0);
        if (t > SearchLimit.AddDays(2)) return SearchLimit.AddDays(2);
        return t;
    }

    /// <summary>The first matching wall-clock minute at or after <paramref name="from"/>, or null before the end of 2199.</summary>
    internal DateTime? NextLocal(DateTime from)
    {
        int y = from.Year, mo = from.Month, d = from.Day, h = from.Hour, mi = from.Minute;
        if (y < 1970) { y = 1970; mo = 1; d = 1; h = 0; mi = 0; }
        while (true)
        {
            if (y > 2199) return null;
            if (!YearOk(y))
            {
                y = NextYear(y);
                if (y < 0) return null;
                mo = 1; d = 1; h = 0; mi = 0;
            }
            var m2 = NextBit(_months, mo);
            if (m2 < 0 || m2 > 12) { y++; mo = 1; d = 1; h = 0; mi = 0; continue; }
            if (m2 != mo) { mo = m2; d = 1; h = 0; mi = 0; }
            var days = DayMask(y, mo) & (~0u << d);
            if (days == 0) { mo++; if (mo > 12) { mo = 1; y++; } d = 1; h = 0; mi = 0; continue; }
            var d2 = BitOperations.TrailingZeroCount(days);
            if (d2 != d) { d = d2; h = 0; mi = 0; }
            var h2 = NextBit(_hours, h);
            if (h2 < 0) { NextDay(ref y, ref mo, ref d); h = 0; mi = 0; continue; }
            if (h2 != h) { h = h2; mi = 0; }
            var m = NextBit(_minutes, mi);
            if (m < 0)
            {
                h++; mi = 0;
                if (h > 23) { NextDay(ref y, ref mo, ref d); h = 0; }
                continue;
            }
            return new DateTime(y, mo, d, h, m, 0, DateTimeKind.Unspecified);
        }
    }

    private static void NextDay(ref int y, ref int mo, ref int d)
    {
        d++;
        if (d > DateTime.DaysInMonth(y, mo))
        {
            d = 1;
            mo++;
            if (mo > 12) { mo = 1; y++; }
        }
    }

    private bool YearOk(int y) => y is >= 1970 and <= 2199 && (_years[(y - 1970) >> 6] >> ((y - 1970) & 63) & 1) != 0;

    private int NextYear(int y)
    {
        for (var i = Math.Max(y, 1970) - 1970; i < 230; i++)
        {
            var word = _years[i >> 6] >> (i & 63);
            if (word != 0)
            {
                var candidate = i + BitOperations.TrailingZeroCount(word);
                return candidate < 230 ? 1970 + candidate : -1;
            }
            i |= 63; // skip the rest of an empty word
        }
        return -1;
    }

    private static int NextBit(ulong mask, int from) => from >= 64 ? -1 : (mask >> from) == 0 ? -1 : from + BitOperations.TrailingZeroCount(mask >> from);

    /// <summary>The days of this month (bits 1–31) on which the schedule fires.</summary>
    internal uint DayMask(int year, int month)
    {
        var dim = DateTime.DaysInMonth(year, month);
        var monthBits = (uint)((2UL << dim) - 2); // bits 1..dim
        if (!_useDayOfWeek)
        {
            if (_lastDayOfMonth) return 1u << dim;
            if (_nearestWeekdayTo > 0) return NearestWeekday(year, month, dim);
            return _daysOfMonth & monthBits;
        }
        var firstDow = (int)new DateTime(year, month, 1).DayOfWeek + 1; // 1 = Sunday
        if (_lastWeekdayOfMonth > 0)
        {
            var first = 1 + (_lastWeekdayOfMonth - firstDow + 7) % 7;
            var last = first + (dim - first) / 7 * 7;
            return 1u << last;
        }
        if (_nthWeekday > 0)
        {
            var day = 1 + (_nthWeekday - firstDow + 7) % 7 + 7 * (_nth - 1);
            return day <= dim ? 1u << day : 0;
        }
        uint mask = 0;
        for (var dow = 1; dow <= 7; dow++)
        {
            if ((_daysOfWeek >> dow & 1) == 0) continue;
            for (var day = 1 + (dow - firstDow + 7) % 7; day <= dim; day += 7) mask |= 1u << day;
        }
        return mask;
    }

    private uint NearestWeekday(int year, int month, int dim)
    {
        var day = _nearestWeekdayTo;
        if (day > dim) return 0; // the day does not exist this month
        var dow = new DateTime(year, month, day).DayOfWeek;
        if (dow == DayOfWeek.Saturday) day = day == 1 ? 3 : day - 1;       // Friday before, or Monday the 3rd
        else if (dow == DayOfWeek.Sunday) day = day == dim ? day - 2 : day + 1; // Monday after, or Friday before the end
        return 1u << day;
    }

    internal static ulong Mask(IReadOnlyList<CronItem> items, int min, int max)
    {
        ulong mask = 0;
        foreach (var item in items)
        {
            foreach (var v in Values(item, min, max)) mask |= 1UL << v;
        }
        return mask;
    }

    /// <summary>The values one item stands for (wrapping ranges included).</summary>
    internal static IEnumerable<int> Values(CronItem item, int min, int max)
    {
        switch (item.Kind)
        {
            case CronItemKind.Value:
            case CronItemKind.Last when item.Start > 0:
                yield return item.Start;
                break;
            case CronItemKind.All:
                for (var v = min; v <= max; v += item.Step) yield return v;
                break;
            case CronItemKind.From:
                for (var v = item.Start; v <= max; v += item.Step) yield return v;
                break;
            case CronItemKind.Range:
                var span = max - min + 1;
                var length = (item.End - item.Start + span) % span + 1; // wraps when End < Start
                for (var k = 0; k < length; k += item.Step) yield return min + (item.Start - min + k) % span;
                break;
        }
    }
}
