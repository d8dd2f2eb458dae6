using System.Globalization;
using AwsSim.EventBridge;
using Exercises.EventBridge;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.EventBridge;

/// <summary>The EventBridge schedule exercises (lesson 06). Expressions are graded by their fire times, never their text.</summary>
public sealed class EventBridgeExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "06-cron";

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
            [
                "Describe your expression with course schedule explain \"cron(...)\" and compare its next fire times with the requirement.",
                "AWS cron has six fields (the last is the year), and exactly one of Day-of-month and Day-of-week must be ?.",
                "Day-of-week 1 is SUN; L, W and # give the last day, the nearest weekday and the n-th weekday of a month.",
            ]),

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
            [
                "Let the simulator count: put the rule on a SimulatedAws and move its clock through the month.",
                "Every delivery is logged with its time: count only those inside the month, and don't stop the clock early.",
                "A rate counts from when the rule is created, so when you create it matters; a cron follows the calendar whenever it is created.",
            ]),

        new("eventbridge.fix", "Fix broken schedule expressions", 2, "exercises/EventBridge/FixTheExpression.cs",
            () => Each(
                new (string Name, Func<string> Expression, string After, int Count)[]
                {
                    ("PayrollRun", FixTheExpression.PayrollRun, "2026-01-01T00:00:00Z", 4),
                    ("BusinessHoursSync", FixTheExpression.BusinessHoursSync, "2026-01-02T17:10:00Z", 4),
                    ("PatchTuesday", FixTheExpression.PatchTuesday, "2026-01-01T00:00:00Z", 3),
                    ("NightlyFromCrontab", FixTheExpression.NightlyFromCrontab, "2026-01-02T00:00:00Z", 4),
                    ("QuarterEnd", FixTheExpression.QuarterEnd, "2026-01-01T00:00:00Z", 5),
                },
                c => Inv($"{c.Name}: next {c.Count} after {c.After}"),
                c => FireTimes(c.Expression(), c.After, c.Count),
                r => r),
            [
                "First make AWS accept each expression (ScheduleExpression.Parse says what it refuses), then check what it does with course schedule explain.",
                "An expression AWS accepts can still fire at the wrong times: compare its fire times with the requirement in the comment, not with the broken text.",
                "A crontab counts Monday as 1, AWS counts Sunday as 1; L, # and ranges in the day fields say \"last\", \"n-th\" and \"from … to\".",
            ]),
    ];

    private static string FireTimes(string expression, string after, int count)
    {
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var times = ScheduleExpression.Parse(expression).Next(from, count);
        return times.Count == 0 ? "(never fires)" : string.Join(", ", times.Select(ScheduleExpression.Format));
    }
}
