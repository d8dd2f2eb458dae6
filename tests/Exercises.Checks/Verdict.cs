using System.Net;
using System.Text;

namespace Exercises.Checks;

/// <summary>How an exercise stands.</summary>
public enum VerdictStatus
{
    /// <summary>The answer matches the expected answer.</summary>
    Passed,

    /// <summary>The answer differs, or the code threw, or it ran too long.</summary>
    Failed,

    /// <summary>The stub still throws <see cref="NotImplementedException"/>.</summary>
    NotAttempted,
}

/// <summary>The result of checking one exercise, with what a learner needs to fix it.</summary>
/// <param name="Exercise">The exercise.</param>
/// <param name="Status">Passed, failed or not attempted.</param>
/// <param name="Summary">One line: what happened.</param>
/// <param name="Details">More lines: the first difference, the exception, the hint.</param>
/// <param name="Actual">The learner's answer lines (empty when there was none).</param>
/// <param name="Expected">The expected lines (empty when none are recorded).</param>
[TypeFormatterSource(typeof(VerdictFormatterSource), PreferredMimeTypes = new[] { "text/html", "text/plain" })]
public sealed record Verdict(
    ExerciseDefinition Exercise,
    VerdictStatus Status,
    string Summary,
    IReadOnlyList<string> Details,
    IReadOnlyList<string> Actual,
    IReadOnlyList<string> Expected)
{
    /// <summary>Points earned: all of them when passed, none otherwise.</summary>
    public int PointsEarned => Status == VerdictStatus.Passed ? Exercise.Points : 0;

    /// <summary>"passed", "failed" or "not attempted".</summary>
    public string StatusText => Status switch
    {
        VerdictStatus.Passed => "passed",
        VerdictStatus.NotAttempted => "not attempted",
        _ => "failed",
    };

    /// <summary>The verdict as text, as the CLI and the notebooks print it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var mark = Status switch { VerdictStatus.Passed => "✔", VerdictStatus.NotAttempted => "…", _ => "✘" };
        sb.Append(mark).Append(' ').Append(Exercise.Id).Append(" — ").Append(Exercise.Title)
          .Append(" (").Append(PointsEarned).Append('/').Append(Exercise.Points).Append(" points): ").Append(Summary);
        foreach (var d in Details) sb.Append('\n').Append("  ").Append(d);
        return sb.ToString();
    }

    /// <summary>The verdict as a small HTML card for notebooks.</summary>
    public string ToHtml()
    {
        var (color, mark) = Status switch
        {
            VerdictStatus.Passed => ("#1d8102", "✔"),
            VerdictStatus.NotAttempted => ("#687078", "…"),
            _ => ("#d13212", "✘"),
        };
        var sb = new StringBuilder();
        sb.Append("<div class=\"exercise-verdict\" style=\"border-left:4px solid ").Append(color).Append(";padding:6px 10px;font-family:sans-serif\">");
        sb.Append("<b style=\"color:").Append(color).Append("\">").Append(mark).Append(' ').Append(WebUtility.HtmlEncode(Exercise.Id)).Append("</b> ")
          .Append(WebUtility.HtmlEncode(Exercise.Title)).Append(" — ").Append(PointsEarned).Append('/').Append(Exercise.Points).Append(" points<br/>")
          .Append(WebUtility.HtmlEncode(Summary));
        if (Details.Count > 0)
        {
            sb.Append("<pre style=\"margin:4px 0 0 0\">").Append(WebUtility.HtmlEncode(string.Join('\n', Details))).Append("</pre>");
        }
        sb.Append("</div>");
        return sb.ToString();
    }
}
