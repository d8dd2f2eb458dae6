using System.Globalization;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

/// <summary>Edge cases of the cron engine: month ends, leap years, L / W / # at month boundaries, wrapping ranges, years.</summary>
public class CronScheduleTests
{
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string[] Next(string expression, string after, int count, string? zone = null)
        => ScheduleExpression.Parse(expression, zone).Next(T(after), count).Select(ScheduleExpression.Format).ToArray();

    [Theory]
    // day 31 only in 31-day months; 30 skips February
    [InlineData("cron(0 0 31 * ? *)", "2024-01-31T00:00:00Z", "2024-03-31T00:00:00Z,2024-05-31T00:00:00Z,2024-07-31T00:00:00Z")]
    [InlineData("cron(0 0 30 * ? *)", "2024-01-15T00:00:00Z", "2024-01-30T00:00:00Z,2024-03-30T00:00:00Z,2024-04-30T00:00:00Z")]
    // L = last day, whatever the month's length, leap years included
    [InlineData("cron(0 12 L * ? *)", "2023-01-31T12:00:00Z", "2023-02-28T12:00:00Z,2023-03-31T12:00:00Z,2023-04-30T12:00:00Z")]
    [InlineData("cron(0 12 L 2 ? *)", "2023-03-01T00:00:00Z", "2024-02-29T12:00:00Z,2025-02-28T12:00:00Z,2026-02-28T12:00:00Z")]
    // Feb 29 only in leap years (2100 is not one)
    [InlineData("cron(0 0 29 2 ? *)", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z,2032-02-29T00:00:00Z,2036-02-29T00:00:00Z")]
    [InlineData("cron(0 0 29 2 ? 2096-2104)", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z")]
    // year rollover
    [InlineData("cron(59 23 31 12 ? *)", "2024-12-31T23:59:00Z", "2025-12-31T23:59:00Z,2026-12-31T23:59:00Z")]
    public void Month_ends_and_leap_years(string expression, string after, string expected)
        => Assert.Equal(expected.Split(','), Next(expression, after, expected.Split(',').Length));

    [Theory]
    // 1W when the 1st is a Saturday (2024-06-01): Monday the 3rd, not Friday May 31
    [InlineData("cron(0 0 1W 6 ? 2024)", "2024-01-01T00:00:00Z", "2024-06-03T00:00:00Z")]
    // 15W on a Saturday (2024-06-15) -> Friday 14th; on a Sunday (2024-09-15) -> Monday 16th
    [InlineData("cron(0 0 15W 6 ? 2024)", "2024-01-01T00:00:00Z", "2024-06-14T00:00:00Z")]
    [InlineData("cron(0 0 15W 9 ? 2024)", "2024-01-01T00:00:00Z", "2024-09-16T00:00:00Z")]
    // 30W when the 30th is a Sunday and the last day (2024-06-30): Friday 28th, not Monday July 1st
    [InlineData("cron(0 0 30W 6 ? 2024)", "2024-01-01T00:00:00Z", "2024-06-28T00:00:00Z")]
    // 31W: no 31st in a 30-day month, so no fire there (April, June skipped); 2024-03-31 is a Sunday -> Friday 29th
    [InlineData("cron(0 0 31W * ? 2024)", "2024-03-01T00:00:00Z", "2024-03-29T00:00:00Z,2024-05-31T00:00:00Z,2024-07-31T00:00:00Z")]
    // a weekday stays put
    [InlineData("cron(0 0 3W 7 ? 2024)", "2024-01-01T00:00:00Z", "2024-07-03T00:00:00Z")]
    public void Nearest_weekday_never_crosses_the_month(string expression, string after, string expected)
        => Assert.Equal(expected.Split(','), Next(expression, after, expected.Split(',').Length));

    [Theory]
    // 5L = last Thursday; 6L = last Friday (Feb 2024 ends Thursday 29th)
    [InlineData("cron(0 9 ? * 5L *)", "2024-02-01T00:00:00Z", "2024-02-29T09:00:00Z,2024-03-28T09:00:00Z,2024-04-25T09:00:00Z")]
    [InlineData("cron(0 9 ? * 6L *)", "2024-02-01T00:00:00Z", "2024-02-23T09:00:00Z,2024-03-29T09:00:00Z")]
    // L alone in Day-of-week = Saturday (the last day of the week)
    [InlineData("cron(0 9 ? * L *)", "2024-01-01T00:00:00Z", "2024-01-06T09:00:00Z,2024-01-13T09:00:00Z")]
    // 2#5: a fifth Monday exists only in some months (2024: Jan, Apr, Jul, Sep, Dec)
    [InlineData("cron(0 0 ? * 2#5 *)", "2024-01-01T00:00:00Z", "2024-01-29T00:00:00Z,2024-04-29T00:00:00Z,2024-07-29T00:00:00Z,2024-09-30T00:00:00Z,2024-12-30T00:00:00Z")]
    // 1#1 = first Sunday, when the 1st is a Sunday (2024-09-01) and when it is a Monday (2024-07-01 -> 7th)
    [InlineData("cron(0 0 ? * SUN#1 *)", "2024-06-30T00:00:00Z", "2024-07-07T00:00:00Z,2024-08-04T00:00:00Z,2024-09-01T00:00:00Z")]
    [InlineData("cron(0 0 ? * 7#1 *)", "2024-05-31T00:00:00Z", "2024-06-01T00:00:00Z,2024-07-06T00:00:00Z")]
    public void Last_and_nth_weekdays_around_month_boundaries(string expression, string after, string expected)
        => Assert.Equal(expected.Split(','), Next(expression, after, expected.Split(',').Length));

    [Theory]
    // hours 22-1 wrap past midnight; days checked on the calendar day of each fire (Fri 2024-01-05)
    [InlineData("cron(0 22-1 ? * FRI *)", "2024-01-05T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-05T01:00:00Z,2024-01-05T22:00:00Z,2024-01-05T23:00:00Z,2024-01-12T00:00:00Z")]
    // minutes 50-10/10 wrap: 50, 0, 10
    [InlineData("cron(50-10/10 9 * * ? *)", "2024-01-01T00:00:00Z", "", "2024-01-01T09:00:00Z,2024-01-01T09:10:00Z,2024-01-01T09:50:00Z,2024-01-02T09:00:00Z")]
    // FRI-MON wraps the week
    [InlineData("cron(0 12 ? * FRI-MON *)", "2024-01-03T00:00:00Z", "", "2024-01-05T12:00:00Z,2024-01-06T12:00:00Z,2024-01-07T12:00:00Z,2024-01-08T12:00:00Z,2024-01-12T12:00:00Z")]
    // NOV-FEB wraps the year
    [InlineData("cron(0 0 1 NOV-FEB ? *)", "2024-02-15T00:00:00Z", "", "2024-11-01T00:00:00Z,2024-12-01T00:00:00Z,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,2025-11-01T00:00:00Z")]
    // 28-3 wraps the month: 28..31 then 1..3
    [InlineData("cron(0 0 28-3 2 ? 2024)", "2024-01-01T00:00:00Z", "", "2024-02-01T00:00:00Z,2024-02-02T00:00:00Z,2024-02-03T00:00:00Z,2024-02-28T00:00:00Z,2024-02-29T00:00:00Z")]
    public void Ranges_that_wrap(string expression, string after, string unused, string expected)
    {
        _ = unused;
        Assert.Equal(expected.Split(','), Next(expression, after, expected.Split(',').Length));
    }

    [Theory]
    [InlineData("cron(0 0 1 1 ? 2030)", "2024-01-01T00:00:00Z", 3, "2030-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2199)", "1970-01-01T00:00:00Z", 2, "2199-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 1970/100)", "1969-06-01T00:00:00Z", 4, "1970-01-01T00:00:00Z,2070-01-01T00:00:00Z,2170-01-01T00:00:00Z")]
    [InlineData("cron(30 6 ? * MON 2025,2027)", "2025-12-28T00:00:00Z", 2, "2025-12-29T06:30:00Z,2027-01-04T06:30:00Z")]
    [InlineData("cron(0 0 * * ? 2020)", "2021-01-01T00:00:00Z", 1, "")]
    [InlineData("cron(* * * * ? *)", "2199-12-31T23:58:00Z", 3, "2199-12-31T23:59:00Z")]
    public void The_year_field_and_the_2199_cap(string expression, string after, int count, string expected)
    {
        var want = expected.Length == 0 ? [] : expected.Split(',');
        Assert.Equal(want, Next(expression, after, count));
    }

    [Fact]
    public void Far_away_or_impossible_schedules_are_answered_without_stepping_minute_by_minute()
    {
        // February 30th never exists: the search looks at each year once and ends at 2199.
        Assert.Null(ScheduleExpression.Parse("cron(0 0 30 2 ? *)").Next(T("1970-01-01T00:00:00Z")));
        Assert.Equal(T("2199-02-28T00:00:00Z"), ScheduleExpression.Parse("cron(0 0 28 2 ? 2199)").Next(T("1970-01-01T00:00:00Z")));
        // A thousand leap days, back to back.
        var leap = ScheduleExpression.Parse("cron(0 0 29 2 ? *)").Next(T("1970-01-01T00:00:00Z"), 1000);
        Assert.Equal(56, leap.Count); // 1972..2196 (2100 is not a leap year)
        Assert.All(leap, t => Assert.True(DateTime.IsLeapYear(t.Year) && t.Month == 2 && t.Day == 29));
    }

    [Theory]
    [InlineData("2024-01-01T10:14:59Z", "2024-01-01T10:15:00Z")]
    [InlineData("2024-01-01T10:15:00Z", "2024-01-02T10:15:00Z")]
    [InlineData("2024-01-01T10:15:30Z", "2024-01-02T10:15:00Z")]
    public void Next_is_strictly_after_the_instant_with_its_seconds_dropped(string after, string expected)
        => Assert.Equal(T(expected), ScheduleExpression.Parse("cron(15 10 * * ? *)").Next(T(after)));

    [Fact]
    public void Occurrences_in_a_window_include_the_start_and_exclude_the_end()
    {
        var s = ScheduleExpression.Parse("cron(0 * * * ? *)");
        var hours = s.Between(T("2024-01-01T00:00:00Z"), T("2024-01-02T00:00:00Z")).ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal(T("2024-01-01T00:00:00Z"), hours[0]);
        Assert.Equal(T("2024-01-01T23:00:00Z"), hours[^1]);
    }

    [Fact]
    public void Matches_agrees_with_next_over_a_month_of_minutes()
    {
        // A brute-force check of the field-by-field search against minute-by-minute matching.
        foreach (var text in new[] { "cron(0/7 20-2 ? * MON-FRI *)", "cron(15,45 */3 L * ? *)", "cron(0 9 ? * 6L *)", "cron(5 0 3W * ? *)", "cron(0 12 ? * 2#3 *)" })
        {
            var cron = (CronSchedule)ScheduleExpression.Parse(text);
            var start = new DateTime(2024, 2, 1);
            var brute = Enumerable.Range(1, 60 * 24 * 62).Select(i => start.AddMinutes(i)).Where(cron.Matches).ToList();
            var fast = cron.Between(new DateTimeOffset(start.AddMinutes(1), TimeSpan.Zero), new DateTimeOffset(start.AddMinutes(60 * 24 * 62 + 1), TimeSpan.Zero)).Select(t => t.UtcDateTime).ToList();
            Assert.Equal(brute, fast);
            Assert.NotEmpty(fast);
        }
    }

    [Theory]
    [InlineData("rate(1 minute)", "2024-01-01T00:00:30Z", "2024-01-01T00:01:00Z,2024-01-01T00:02:00Z")]
    [InlineData("rate(5 minutes)", "2024-01-01T10:02:00Z", "2024-01-01T10:07:00Z,2024-01-01T10:12:00Z")]
    [InlineData("rate(1 hour)", "2024-02-29T23:30:00Z", "2024-03-01T00:30:00Z,2024-03-01T01:30:00Z")]
    [InlineData("rate(7 days)", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z,2025-01-13T00:00:00Z")]
    [InlineData("rate(1 day)", "2024-02-28T06:00:00Z", "2024-02-29T06:00:00Z,2024-03-01T06:00:00Z")]
    public void Rates_count_from_the_start(string expression, string after, string expected)
        => Assert.Equal(expected.Split(','), Next(expression, after, 2));

    [Fact]
    public void A_rate_keeps_its_start_when_asked_from_later()
    {
        var rate = (RateSchedule)ScheduleExpression.Parse("rate(10 minutes)");
        Assert.Equal(T("2024-01-01T00:40:00Z"), rate.Next(T("2024-01-01T00:33:00Z"), start: T("2024-01-01T00:00:00Z")));
        Assert.Equal(T("2024-01-01T00:10:00Z"), rate.Next(T("2023-12-31T00:00:00Z"), start: T("2024-01-01T00:00:00Z")));
        Assert.Null(rate.Next(T("2199-12-31T23:55:00Z")));
    }

    [Theory]
    [InlineData("at(2026-03-01T09:30:00)", null, "2026-03-01T09:00:00Z", "2026-03-01T09:30:00Z")]
    [InlineData("at(2026-03-01T09:30:00)", null, "2026-03-01T09:30:00Z", "")]
    [InlineData("at(2026-07-01T09:30:00)", "Europe/Paris", "2026-01-01T00:00:00Z", "2026-07-01T07:30:00Z")]
    [InlineData("at(2026-01-01T09:30:00)", "America/New_York", "2026-01-01T00:00:00Z", "2026-01-01T14:30:00Z")]
    // 02:30 does not exist on 2026-03-08 in New York: skipped
    [InlineData("at(2026-03-08T02:30:00)", "America/New_York", "2026-01-01T00:00:00Z", "")]
    public void At_fires_once(string expression, string? zone, string after, string expected)
    {
        var want = expected.Length == 0 ? [] : expected.Split(',');
        Assert.Equal(want, Next(expression, after, 3, zone));
    }

    [Theory]
    // Spring forward (US 2026-03-08 02:00 -> 03:00): the 02:30 run is skipped that day.
    [InlineData("cron(30 2 * * ? *)", "America/New_York", "2026-03-07T00:00:00Z", "2026-03-07T07:30:00Z,2026-03-09T06:30:00Z")]
    // Fall back (US 2026-11-01 02:00 -> 01:00): 01:30 happens twice but runs once, at its first (EDT) instant.
    [InlineData("cron(30 1 * * ? *)", "America/New_York", "2026-10-31T00:00:00Z", "2026-10-31T05:30:00Z,2026-11-01T05:30:00Z,2026-11-02T06:30:00Z")]
    // Every 30 minutes through the fall-back night: 01:00 and 01:30 once each, then 02:00 EST.
    [InlineData("cron(0/30 1-2 1 11 ? 2026)", "America/New_York", "2026-11-01T00:00:00Z", "2026-11-01T05:00:00Z,2026-11-01T05:30:00Z,2026-11-01T07:00:00Z,2026-11-01T07:30:00Z")]
    // Europe: 10:15 local is 09:15 UTC in winter and 08:15 UTC in summer (change on 2026-03-29)
    [InlineData("cron(15 10 ? * SUN *)", "Europe/Berlin", "2026-03-21T00:00:00Z", "2026-03-22T09:15:00Z,2026-03-29T08:15:00Z")]
    public void Scheduler_time_zones_follow_the_documented_daylight_saving_behaviour(string expression, string zone, string after, string expected)
        => Assert.Equal(expected.Split(','), Next(expression, after, expected.Split(',').Length, zone));

    [Fact]
    public void Starting_inside_the_repeated_hour_does_not_repeat_a_run()
    {
        // 2026-11-01 01:15 EST (06:15 UTC) is the second 01:15 in New York; 01:30 already ran at 05:30 UTC.
        var s = ScheduleExpression.Parse("cron(30 1 * * ? *)", "America/New_York");
        Assert.Equal(T("2026-11-02T06:30:00Z"), s.Next(T("2026-11-01T06:15:00Z")));
    }

    [Fact]
    public void A_rate_in_a_time_zone_is_a_fixed_duration()
    {
        var s = ScheduleExpression.Parse("rate(1 day)", "America/New_York");
        Assert.Equal(T("2026-03-09T12:00:00Z"), s.Next(T("2026-03-08T12:00:00Z")));
    }
}
