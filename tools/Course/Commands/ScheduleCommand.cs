using System.Globalization;
using AwsSim.EventBridge;

namespace Course.Commands;

/// <summary>
/// <c>course schedule next|explain &lt;expression&gt;</c>: fire times and a plain-English reading of an EventBridge
/// schedule expression (<c>cron(…)</c>, <c>rate(…)</c>, <c>at(…)</c>, or the six cron fields on their own).
/// </summary>
/// <remarks>
/// Like the library, it never reads the wall clock: without <c>--from</c> it starts at <see cref="DefaultFrom"/>, the
/// instant the exercise checks start from, and says so, so its output matches the lessons and the checks.
/// </remarks>
internal sealed class ScheduleCommand : ICommand
{
    public string Name => "schedule";

    public string Summary => "fire times of a schedule expression: course schedule next \"cron(0 10 ? * MON-FRI *)\" --count 5";

    public string Usage => """
        usage: course schedule next <expression> [--from <ISO-8601 UTC>] [--count N] [--tz <zone>]
               course schedule explain <expression> [--from <ISO-8601 UTC>] [--tz <zone>]
          <expression>  cron(Minutes Hours Day-of-month Month Day-of-week Year), rate(value unit), at(yyyy-mm-ddThh:mm:ss),
                        or the six cron fields alone; quote it so the shell leaves * and ? alone
          --from        start instant, e.g. 2026-03-01T00:00:00Z (default: 2026-01-01T00:00:00Z, the course's fixed
                        start, as in the lessons and the exercise checks); fire times are strictly after it
          --count       how many fire times to print, 1-10000 (default 10)
          --tz          EventBridge Scheduler time zone, an IANA name such as Europe/Paris (default UTC)
        fire times print one per line as yyyy-MM-ddTHH:mm:ssZ (UTC)
        """;

    public int Run(Args args, CommandContext context)
    {
        if (args.Positional.Count < 2) throw new UsageException("give a subcommand (next or explain) and an expression");
        var sub = args.Positional[0];
        if (sub is not ("next" or "explain")) throw new UsageException($"unknown subcommand '{sub}': use next or explain");
        // Unquoted bare fields arrive as several words: join them back.
        var expression = string.Join(' ', args.Positional.Skip(1));
        var fromText = args.Text("from");
        var zone = args.Text("tz");
        var countText = sub == "next" ? args.Text("count") : null;
        args.RejectUnknown();
        // Bad values are invalid input, not usage mistakes: one "error: ..." line, exit code 2.
        var count = 10L;
        if (sub == "explain") count = 5;
        else if (countText is not null && (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 10_000))
        {
            throw new AwsSim.AwsValidationException("--count", countText, "must be a whole number from 1 to 10000");
        }
        var from = fromText is null ? DefaultFrom : ParseFrom(fromText);

        var schedule = ScheduleExpression.Parse(expression, zone);
        if (sub == "explain")
        {
            context.Out.WriteLine(schedule.Describe());
            context.Out.WriteLine($"next {count} after {ScheduleExpression.Format(from)}{(fromText is null ? " (the course's fixed start; --from <instant> for another)" : "")}:");
        }
        var times = schedule.Next(from, (int)count);
        foreach (var t in times) context.Out.WriteLine((sub == "explain" ? "  " : "") + ScheduleExpression.Format(t));
        if (times.Count < count && sub == "explain") context.Out.WriteLine("  (no more fire times before the end of 2199)");
        return 0;
    }

    /// <summary>Where fire times start when <c>--from</c> is not given: 2026-01-01T00:00:00Z, as the exercise checks.</summary>
    public static readonly DateTimeOffset DefaultFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset ParseFrom(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var from))
        {
            return from;
        }
        throw new AwsSim.AwsValidationException("--from", text, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
}
