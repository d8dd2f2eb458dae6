using System.Globalization;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

public class SchedulerTests
{
    private const string Fn = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static (SimulatedAws, FakeLambdaInvoker) Account(string start)
    {
        var aws = new SimulatedAws(start: T(start));
        var lambda = new FakeLambdaInvoker();
        aws.Events.LambdaInvoker = lambda;
        return (aws, lambda);
    }

    [Fact]
    public void A_one_time_schedule_fires_once_with_its_input_filled_in()
    {
        var (aws, lambda) = Account("2026-03-01T00:00:00Z");
        var arn = aws.Events.CreateSchedule("launch", "at(2026-03-02T09:30:00)", new EventTarget("t", Fn + "launch",
            Input: """{"schedule":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>"}"""), "Europe/Paris");
        aws.Clock.Advance(TimeSpan.FromDays(10));
        var call = Assert.Single(lambda.Calls);
        Assert.Equal("launch", call.Function);
        Assert.Equal($$"""{"schedule":"{{arn}}","at":"2026-03-02T08:30:00Z"}""", call.Payload);
        Assert.Equal("arn:aws:scheduler:us-east-1:123456789012:schedule/default/launch", arn);
    }

    [Fact]
    public void A_cron_schedule_in_New_York_skips_the_missing_hour_and_respects_its_end_date()
    {
        var (aws, _) = Account("2026-03-06T00:00:00Z");
        aws.Events.CreateSchedule("nightly", "cron(30 2 * * ? *)", new EventTarget("t", Fn + "f"), "America/New_York",
            endDate: T("2026-03-10T12:00:00Z"));
        aws.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(new[] { "2026-03-06T07:30:00Z", "2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z" },
            aws.Events.ScheduleInvocations.Select(i => ScheduleExpression.Format(i.Time)));
    }

    [Fact]
    public void A_rate_schedule_without_a_start_date_starts_at_once_and_with_one_starts_there()
    {
        var (aws, _) = Account("2026-01-01T00:00:00Z");
        aws.Events.CreateSchedule("now", "rate(1 hour)", new EventTarget("t", Fn + "f"));
        aws.Events.CreateSchedule("later", "rate(1 hour)", new EventTarget("t", Fn + "g"), startDate: T("2026-01-01T02:30:00Z"));
        aws.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, aws.Events.ScheduleInvocations.Where(i => i.ScheduleName == "now").Select(i => i.Time.Hour));
        Assert.Equal(new[] { "02:30", "03:30" }, aws.Events.ScheduleInvocations.Where(i => i.ScheduleName == "later").Select(i => i.Time.ToString("HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal("{}", aws.Events.ScheduleInvocations[0].Payload);
    }

    [Fact]
    public void Deleting_a_schedule_stops_it_and_bad_input_is_refused()
    {
        var (aws, _) = Account("2026-01-01T00:00:00Z");
        aws.Events.CreateSchedule("s", "rate(5 minutes)", new EventTarget("t", Fn + "f"));
        aws.Clock.Advance(TimeSpan.FromMinutes(6));
        aws.Events.DeleteSchedule("s");
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, aws.Events.ScheduleInvocations.Count);
        Assert.Equal("ScheduleExpressionTimezone", Assert.Throws<ScheduleExpressionException>(() => aws.Events.CreateSchedule("x", "rate(5 minutes)", new EventTarget("t", Fn + "f"), "Nowhere/Town")).Field);
        Assert.Equal("EndDate", Assert.Throws<AwsValidationException>(() => aws.Events.CreateSchedule("y", "rate(5 minutes)", new EventTarget("t", Fn + "f"), startDate: T("2026-02-01T00:00:00Z"), endDate: T("2026-01-01T00:00:00Z"))).Field);
        aws.Events.CreateSchedule("z", "rate(5 minutes)", new EventTarget("t", Fn + "f"));
        Assert.Equal("ConflictException", Assert.Throws<AwsException>(() => aws.Events.CreateSchedule("z", "rate(5 minutes)", new EventTarget("t", Fn + "f"))).ErrorCode);
    }
}
