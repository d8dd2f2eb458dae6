using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

/// <summary>Everything AWS would refuse is refused with one error type that names the field, the token and what is allowed.</summary>
public class ScheduleErrorTests
{
    [Theory]
    [InlineData(null, "ScheduleExpression", null, "required")]
    [InlineData("", "ScheduleExpression", "", "must not be empty")]
    [InlineData("   ", "ScheduleExpression", "   ", "must not be empty")]
    [InlineData("cron(0 9 * * 1-5)", "ScheduleExpression", "cron(0 9 * * 1-5)", "has 5, like a Unix crontab")]
    [InlineData("0 9 * * 1-5", "ScheduleExpression", "0 9 * * 1-5", "has 5")]
    [InlineData("cron(0 0 9 * * ? *)", "ScheduleExpression", "cron(0 0 9 * * ? *)", "no seconds field")]
    [InlineData("cron(0 10 * * *)", "ScheduleExpression", "cron(0 10 * * *)", "Add a Year field")]
    [InlineData("cron()", "ScheduleExpression", "cron()", "needs 6 fields")]
    [InlineData("cron(0 10 * * ? *", "ScheduleExpression", "cron(0 10 * * ? *", "must end with ')'")]
    [InlineData("cron(0 10 * * ? *) now", "ScheduleExpression", "cron(0 10 * * ? *) now", "must end with ')'")]
    [InlineData("CRON(0 10 * * ? *)", "ScheduleExpression", "CRON", "lower case")]
    [InlineData("every(5 minutes)", "ScheduleExpression", "every", "must start with cron(, rate( or at(")]
    [InlineData("cron(0 12 * * * *)", "Day-of-week", "*", "you can't specify both")]
    [InlineData("cron(0 12 1 * MON *)", "Day-of-week", "MON", "must be ? because Day-of-month is '1'")]
    [InlineData("cron(0 12 ? * ? *)", "Day-of-week", "?", "only one of Day-of-month and Day-of-week may be ?")]
    [InlineData("cron(60 12 * * ? *)", "Minutes", "60", "out of range: Minutes takes 0-59")]
    [InlineData("cron(0 24 * * ? *)", "Hours", "24", "Hours takes 0-23")]
    [InlineData("cron(0 0 0 * ? *)", "Day-of-month", "0", "Day-of-month takes 1-31")]
    [InlineData("cron(0 0 32 * ? *)", "Day-of-month", "32", "1-31")]
    [InlineData("cron(0 0 1 13 ? *)", "Month", "13", "Month takes 1-12")]
    [InlineData("cron(0 0 1 JANUARY ? *)", "Month", "JANUARY", "JAN-DEC")]
    [InlineData("cron(0 0 ? * 0 *)", "Day-of-week", "0", "there is no 0")]
    [InlineData("cron(0 0 ? * 8 *)", "Day-of-week", "8", "1-7")]
    [InlineData("cron(0 0 ? * MONDAY *)", "Day-of-week", "MONDAY", "SUN-SAT")]
    [InlineData("cron(0 0 1 * ? 1969)", "Year", "1969", "Year takes 1970-2199")]
    [InlineData("cron(0 0 1 * ? 2200)", "Year", "2200", "1970-2199")]
    [InlineData("cron(0 0 1 * ? 2022-2019)", "Year", "2022-2019", "must go forward")]
    [InlineData("cron(0 9 ? * 3#1,6#3 *)", "Day-of-week", "3#1,6#3", "only one # expression is allowed")]
    [InlineData("cron(0 9 ? * 3#6 *)", "Day-of-week", "3#6", "must be 1-5")]
    [InlineData("cron(0 9 ? * 3# *)", "Day-of-week", "3#", "write day#n")]
    [InlineData("cron(0 9 3#2 * ? *)", "Day-of-month", "3#2", "# is allowed only in Day-of-week")]
    [InlineData("cron(0 9 ? * 2#1,4 *)", "Day-of-week", "2#1,4", "must stand alone")]
    [InlineData("cron(0 9 L,15 * ? *)", "Day-of-month", "L,15", "must stand alone")]
    [InlineData("cron(0 9 ? * 1/2 *)", "Day-of-week", "1/2", "/ (increments) is not allowed in Day-of-week")]
    [InlineData("cron(0 9 32W * ? *)", "Day-of-month", "32W", "1-31")]
    [InlineData("cron(0 9 LW * ? *)", "Day-of-month", "LW", "not among AWS's documented wildcards")]
    [InlineData("cron(0 9 L-3 * ? *)", "Day-of-month", "L-3", "'L' is not a value")]
    [InlineData("cron(0 9 * 6L ? *)", "Month", "6L", "'6L' is not a value of Month")]
    [InlineData("cron(0 9 ? L * *)", "Month", "L", "L is allowed only in Day-of-month")]
    [InlineData("cron(L 9 * * ? *)", "Minutes", "L", "L is allowed only")]
    [InlineData("cron(0 ? * * ? *)", "Hours", "?", "? is allowed only in Day-of-month and Day-of-week")]
    [InlineData("cron(0/0 * * * ? *)", "Minutes", "0/0", "increment after / must be a whole number from 1 to 60")]
    [InlineData("cron(0/61 * * * ? *)", "Minutes", "0/61", "from 1 to 60")]
    [InlineData("cron(/5 * * * ? *)", "Minutes", "/5", "write start/increment")]
    [InlineData("cron(5, * * * ? *)", "Minutes", "5,", "empty item")]
    [InlineData("cron(1-x * * * ? *)", "Minutes", "1-x", "'X' is not a value of Minutes")]
    [InlineData("cron(-5 * * * ? *)", "Minutes", "-5", "a value is missing")]
    [InlineData("cron(0 9 ? * MON-FRX *)", "Day-of-week", "MON-FRX", "'FRX' is not a value")]
    [InlineData("rate(5)", "ScheduleExpression", "rate(5)", "write rate(value unit)")]
    [InlineData("rate()", "ScheduleExpression", "rate()", "write rate(value unit)")]
    [InlineData("rate(0 minutes)", "rate value", "0", "must be 1 or more")]
    [InlineData("rate(-5 minutes)", "rate value", "-5", "positive whole number")]
    [InlineData("rate(1.5 hours)", "rate value", "1.5", "positive whole number")]
    [InlineData("rate(five minutes)", "rate value", "five", "positive whole number")]
    [InlineData("rate(1 minutes)", "rate unit", "minutes", "singular when the value is 1: rate(1 minute)")]
    [InlineData("rate(1 hours)", "rate unit", "hours", "rate(1 hour)")]
    [InlineData("rate(5 hour)", "rate unit", "hour", "plural when the value is not 1: rate(5 hours)")]
    [InlineData("rate(30 seconds)", "rate unit", "seconds", "faster than one a minute are not supported")]
    [InlineData("rate(2 weeks)", "rate unit", "weeks", "rate(7 days)")]
    [InlineData("rate(5 Minutes)", "rate unit", "Minutes", "lower case")]
    [InlineData("at(2026-02-30T10:00:00)", "at() date-time", "2026-02-30T10:00:00", "real date and time")]
    [InlineData("at(2026-03-01 10:00)", "at() date-time", "2026-03-01 10:00", "yyyy-mm-ddThh:mm:ss")]
    [InlineData("at(2026-03-01T10:00:00Z)", "at() date-time", "2026-03-01T10:00:00Z", "no time zone suffix")]
    [InlineData("at(2200-01-01T00:00:00)", "at() date-time", "2200-01-01T00:00:00", "1970-2199")]
    public void Is_refused_naming_the_field_and_the_token(string? expression, string field, string? token, string allowedPart)
    {
        var ex = Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse(expression));
        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Equal(field, ex.Field);
        Assert.Equal(token, ex.Value);
        Assert.Contains(allowedPart, ex.Message);
        Assert.IsAssignableFrom<AwsValidationException>(ex);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT-nope")]
    public void Unknown_time_zones_are_refused(string zone)
    {
        var ex = Assert.Throws<ScheduleExpressionException>(() => ScheduleExpression.Parse("cron(0 10 * * ? *)", zone));
        Assert.Equal("ScheduleExpressionTimezone", ex.Field);
        Assert.Equal(zone, ex.Value);
    }

    [Theory]
    [InlineData("cron(0 10 * * ? *)")]
    [InlineData("0 10 * * ? *")]
    [InlineData("  cron( 0  10 * * ? * )  ")]
    [InlineData("cron(0 18 ? * mon-fri *)")]
    [InlineData("cron(0 0 1 jan,feb ? *)")]
    [InlineData("cron(*/5 * * * ? *)")]
    [InlineData("cron(0 0 ? * TUE#2 *)")]
    [InlineData("cron(0 0 ? * FRIL *)")]
    [InlineData("cron(0 0 ? * 1,2,3 *)")]
    [InlineData("cron(0 0 1 JUL-DEC ? *)")]
    [InlineData("rate(1 day)")]
    [InlineData("rate(365 days)")]
    [InlineData("at(2026-12-31T23:59:59)")]
    public void Is_accepted(string expression)
        => Assert.NotNull(ScheduleExpression.Parse(expression));

    [Fact]
    public void Fuzzed_input_only_ever_raises_the_one_error_type()
    {
        var rng = new Random(4);
        const string alphabet = "0123456789 */-,?LW#()cronatem:TSUNMOFRIJADEC\t.xyz";
        string[] seeds = ["cron(0 10 * * ? *)", "rate(5 minutes)", "at(2026-03-01T09:30:00)", "cron(0/30 20-2 ? * MON-FRI *)", "cron(15 10 ? * 6L 2019-2022)", "0 0 3W * ? *"];
        var parsed = 0;
        for (var i = 0; i < 4000; i++)
        {
            string input;
            if (i % 2 == 0)
            {
                var chars = new char[rng.Next(0, 40)];
                for (var c = 0; c < chars.Length; c++) chars[c] = alphabet[rng.Next(alphabet.Length)];
                input = new string(chars);
            }
            else
            {
                // Mutate a valid expression: replace, insert or delete a few characters.
                var s = seeds[rng.Next(seeds.Length)].ToCharArray().ToList();
                for (var m = rng.Next(1, 4); m > 0; m--)
                {
                    var at = rng.Next(s.Count + 1);
                    switch (rng.Next(3))
                    {
                        case 0 when at < s.Count: s[at] = alphabet[rng.Next(alphabet.Length)]; break;
                        case 1: s.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                        default: if (at < s.Count) s.RemoveAt(at); break;
                    }
                }
                input = new string(s.ToArray());
            }
            try
            {
                var schedule = ScheduleExpression.Parse(input);
                parsed++;
                // Whatever parses must also answer and describe without failing.
                _ = schedule.Next(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 3);
                Assert.False(string.IsNullOrWhiteSpace(schedule.Describe()));
            }
            catch (ScheduleExpressionException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Field));
            }
        }
        Assert.InRange(parsed, 1, 3999);
    }
}
