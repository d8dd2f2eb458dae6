using System.Xml.Linq;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class ScheduleTimelineTests
{
    [Fact]
    public void Draws_one_tick_per_fire_and_one_row_per_day()
    {
        var schedule = ScheduleExpression.Parse("cron(0 8,12,18 ? * MON-FRI *)");
        var svg = ScheduleTimeline.ToSvg(schedule, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)); // Monday
        var doc = XDocument.Parse(svg); // well-formed
        XNamespace ns = "http://www.w3.org/2000/svg";
        var ticks = doc.Descendants(ns + "line").Count(l => (string?)l.Attribute("stroke") == "#d9480f");
        Assert.Equal(15, ticks);
        Assert.Contains("Mon 2026-01-05", svg);
        Assert.Contains("Sun 2026-01-11", svg);
        Assert.Contains("15 fires in 7 days", svg);
    }

    [Fact]
    public void Rows_follow_the_schedule_time_zone()
    {
        var schedule = ScheduleExpression.Parse("cron(30 23 * * ? *)", "America/New_York");
        var svg = ScheduleTimeline.ToSvg(schedule, new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero), days: 2);
        Assert.Contains("2026-01-05 23:30", svg);
        Assert.Contains("times in America/New_York", svg);
    }
}
