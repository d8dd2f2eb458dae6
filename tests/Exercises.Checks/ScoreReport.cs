using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Exercises.Checks;

/// <summary>The score summary: per exercise points earned / possible and status, then the total and percentage.</summary>
public static class ScoreReport
{
    /// <summary>
    /// The summary as an aligned text table: one row per exercise attempted, then one line for all those not attempted
    /// yet (a learner starting out sees three lines, not a page), then the total.
    /// </summary>
    public static string ToText(IReadOnlyList<Verdict> verdicts, string track = "exercises")
    {
        var attempted = verdicts.Where(v => v.Status != VerdictStatus.NotAttempted).ToList();
        var untouched = verdicts.Where(v => v.Status == VerdictStatus.NotAttempted).ToList();
        var rows = attempted.Select(v => new[] { v.Exercise.Id, v.Exercise.Title, $"{v.PointsEarned}/{v.Exercise.Points}", v.StatusText, v.Status == VerdictStatus.Failed ? v.Summary : "" }).ToList();
        var header = new[] { "exercise", "title", "points", "status", attempted.Any(v => v.Status == VerdictStatus.Failed) ? "first problem" : "" };
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        if (rows.Count > 0)
        {
            foreach (var r in all) sb.AppendLine(string.Join("  ", r.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
        if (untouched.Count > 0) sb.AppendLine(NotAttemptedLine(untouched));
        var earned = verdicts.Sum(v => v.PointsEarned);
        var possible = verdicts.Sum(v => v.Exercise.Points);
        sb.Append(CultureInfo.InvariantCulture, $"Exercise score ({track}): {earned}/{possible} points ({Percent(earned, possible)}); ")
          .Append(CultureInfo.InvariantCulture, $"{verdicts.Count(v => v.Status == VerdictStatus.Passed)} passed, {verdicts.Count(v => v.Status == VerdictStatus.Failed)} failed, {untouched.Count} not attempted");
        return sb.ToString();
    }

    /// <summary>
    /// One line for every exercise not attempted yet: their ids when there are a few, else how many per lesson's service.
    /// </summary>
    public static string NotAttemptedLine(IReadOnlyList<Verdict> untouched)
    {
        var points = untouched.Sum(v => v.Exercise.Points);
        var which = untouched.Count <= 4
            ? string.Join(", ", untouched.Select(v => v.Exercise.Id))
            : string.Join(", ", untouched.GroupBy(v => v.Exercise.Service).Select(g => g.Count() == 1 ? g.Single().Exercise.Id : $"{g.Key} ×{g.Count()}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"not attempted yet: {untouched.Count} exercise{(untouched.Count == 1 ? "" : "s")}, {points} points ({which}); course check lists them with the file to edit");
    }

    /// <summary>The summary as JSON (for gradebooks and <c>course check</c>).</summary>
    public static string ToJson(IReadOnlyList<Verdict> verdicts, string track = "exercises")
    {
        var earned = verdicts.Sum(v => v.PointsEarned);
        var possible = verdicts.Sum(v => v.Exercise.Points);
        var doc = new
        {
            track,
            earned,
            possible,
            percent = possible == 0 ? 0 : Math.Round(100m * earned / possible, 1),
            exercises = verdicts.Select(Row),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// One verdict as a single JSON line (the same fields as an entry of <see cref="ToJson"/>'s <c>exercises</c>), for the
    /// progress file a grader reads when the test process dies before it can write the summary.
    /// </summary>
    public static string ToJsonLine(Verdict verdict)
        => JsonSerializer.Serialize(Row(verdict), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static object Row(Verdict v) => new
    {
        id = v.Exercise.Id,
        title = v.Exercise.Title,
        points = v.Exercise.Points,
        earned = v.PointsEarned,
        status = v.StatusText,
        summary = v.Summary,
        details = v.Details,
        file = v.Exercise.StubFile,
    };

    private static string Percent(int earned, int possible)
        => possible == 0 ? "0%" : (100m * earned / possible).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
