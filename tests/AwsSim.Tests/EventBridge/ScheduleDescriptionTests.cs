using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class ScheduleDescriptionTests
{
    [Theory]
    [InlineData("cron(15 10 ? * MON-FRI *)", null, "At 10:15 UTC, Monday through Friday")]
    [InlineData("rate(5 minutes)", null, "Every 5 minutes")]
    [InlineData("rate(1 minute)", null, "Every minute")]
    [InlineData("rate(1 hour)", null, "Every hour")]
    [InlineData("rate(7 days)", null, "Every 7 days")]
    [InlineData("cron(0 10 * * ? *)", null, "At 10:00 UTC, every day")]
    [InlineData("cron(0/15 * * * ? *)", null, "Every 15 minutes")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", null, "Every 5 minutes, from 08:00 through 17:55 UTC, Monday through Friday")]
    [InlineData("cron(5,35 14 * * ? *)", null, "At 14:05 and 14:35 UTC, every day")]
    [InlineData("cron(15 10 ? * 6L 2019-2022)", null, "At 10:15 UTC, on the last Friday of the month, 2019 through 2022")]
    [InlineData("cron(0 9 ? * 2#1 *)", null, "At 09:00 UTC, on the first Monday of the month")]
    [InlineData("cron(0 0 3W * ? *)", null, "At 00:00 UTC, on the weekday nearest day 3 of the month")]
    [InlineData("cron(0 0 1 JAN,FEB,MAR ? *)", null, "At 00:00 UTC, on day 1 of the month, in January, February and March")]
    [InlineData("cron(0 0 L * ? *)", null, "At 00:00 UTC, on the last day of the month")]
    [InlineData("cron(0 * * * ? *)", null, "Every hour, at the start of the hour")]
    [InlineData("cron(0 12 ? * MON,WED,FRI *)", null, "At 12:00 UTC, on Monday, Wednesday and Friday")]
    [InlineData("cron(30 2 * * ? *)", "Europe/Paris", "At 02:30 Europe/Paris time, every day")]
    [InlineData("at(2026-03-01T09:30:00)", null, "Once, at 2026-03-01 09:30:00 UTC")]
    public void Reads_as_plain_English(string expression, string? zone, string expected)
        => Assert.Equal(expected, ScheduleExpression.Parse(expression, zone).Describe());
}
