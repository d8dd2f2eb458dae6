using System.Globalization;
using AwsSim.EventBridge;
using Exercises.EventBridge;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.EventBridge;

/// <summary>The EventBridge schedule exercises (lesson 06). Expressions are graded by their fire times, never their text.</summary>
public sealed class EventBridgeExercises : IExerciseSet
{
    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("eventbridge.expression", "Write the schedule expression for a requirement", 3, "exercises/EventBridge/ScheduleRequirements.cs",
            () => Each(
                new (string Name, Func<string> Expression, string After, int Count)[]
                {
                    ("NightlyCleanup", ScheduleRequirements.NightlyCleanup, "2026-01-30T12:00:00Z", 4),
                    ("BusinessHoursPoll", ScheduleRequirements.BusinessHoursPoll, "2026-01-30T17:20:00Z", 6),
                    ("BusinessHoursPoll", ScheduleRequirements.BusinessHoursPoll, "2026-02-02T08:50:00Z", 3),
                    ("MonthEndReport", ScheduleRequirements.MonthEndReport, "2026-01-15T00:00:00Z", 4),
                    ("MonthEndReport", ScheduleRequirements.MonthEndReport, "2028-02-01T00:00:00Z", 1),
                    ("FirstMondayDigest", ScheduleRequirements.FirstMondayDigest, "2026-01-01T00:00:00Z", 5),
                },
                c => Inv($"{c.Name}: next {c.Count} after {c.After}"),
                c => FireTimes(c.Expression(), c.After, c.Count),
                r => r),
            "describe your expression with course schedule explain \"...\"; day-of-week 1 = SUN, and one of day-of-month / day-of-week must be ?."),

        new("eventbridge.count", "Count a rule's invocations in a month", 3, "exercises/EventBridge/InvocationCount.cs",
            () => Each(
                new (string Expression, int Year, int Month)[]
                {
                    ("cron(0 3 * * ? *)", 2026, 2), ("cron(0 3 * * ? *)", 2028, 2), ("rate(5 minutes)", 2026, 1),
                    ("cron(0/15 9-17 ? * MON-FRI *)", 2026, 3), ("cron(0 9 ? * 2#1 *)", 2026, 6), ("cron(0 0 L * ? *)", 2026, 4),
                    ("cron(30 6 ? * 6L 2027)", 2026, 12), ("rate(1 day)", 2026, 2), ("rate(7 days)", 2026, 1), ("rate(1 hour)", 2026, 3),
                },
                c => Inv($"{c.Expression} in {c.Year}-{c.Month:00}"),
                c => InvocationCount.InMonth(c.Expression, c.Year, c.Month),
                r => r == 1 ? "1 invocation" : Num(r) + " invocations"),
            "run the rule on the simulated clock (aws.Events.PutRule, PutTargets, aws.Clock.AdvanceTo) and count aws.Events.Deliveries inside the month; a rate counts from creation."),

        new("eventbridge.fix", "Fix broken schedule expressions", 2, "exercises/EventBridge/FixTheExpression.cs",
            () => Each(
                new (string Name, Func<string> Expression)[]
                {
                    ("WeekdayStandup", FixTheExpression.WeekdayStandup),
                    ("HourlySync", FixTheExpression.HourlySync),
                    ("MondayBackup", FixTheExpression.MondayBackup),
                    ("NightlyFromCrontab", FixTheExpression.NightlyFromCrontab),
                    ("QuarterStart", FixTheExpression.QuarterStart),
                },
                c => $"{c.Name}: next 5 after 2026-01-01T00:00:00Z",
                c => FireTimes(c.Expression(), "2026-01-01T00:00:00Z", 5),
                r => r),
            "parse each broken expression with ScheduleExpression.Parse to read AWS's error; AWS numbers days 1 = SUN … 7 = SAT."),
    ];

    private static string FireTimes(string expression, string after, int count)
    {
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var times = ScheduleExpression.Parse(expression).Next(from, count);
        return times.Count == 0 ? "(never fires)" : string.Join(", ", times.Select(ScheduleExpression.Format));
    }
}
