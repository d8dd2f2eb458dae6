using System.Globalization;
using System.Text;

namespace Course.Grading;

/// <summary><c>feedback.md</c>: what a learner reads about their submission.</summary>
internal static class Feedback
{
    /// <summary>The Markdown text.</summary>
    public static string ToMarkdown(SubmissionResult r)
    {
        var sb = new StringBuilder();
        sb.Append("# Feedback: ").Append(r.Name).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"**Score: {r.Earned}/{r.Possible} points ({r.Percent.ToString("0.#", CultureInfo.InvariantCulture)}%)**\n\n");
        if (!r.Compiled)
        {
            sb.Append("## Your code does not compile\n\nNo exercise could be graded. The compiler said:\n\n```text\n");
            foreach (var e in r.CompilerErrors) sb.Append(e).Append('\n');
            if (r.CompilerErrors.Count == 0) sb.Append("(no error lines were found in the build output)\n");
            sb.Append("```\n\nRun `dotnet build` in your course folder to see the same errors, fix them, then `course check`.\n\n");
        }

        sb.Append("| exercise | title | points | status |\n|---|---|---:|---|\n");
        foreach (var s in r.Scores)
        {
            sb.Append("| `").Append(s.Id).Append("` | ").Append(Md(s.Title)).Append(" | ")
              .Append(CultureInfo.InvariantCulture, $"{s.Earned}/{s.Points}").Append(" | ").Append(Md(s.Status)).Append(" |\n");
        }

        var failed = r.Scores.Where(s => s.Status == ExerciseScore.Failed).ToList();
        if (r.Compiled && failed.Count > 0)
        {
            sb.Append("\n## What to fix\n");
            foreach (var s in failed)
            {
                sb.Append("\n### ").Append(s.Id).Append(": ").Append(Md(s.Title)).Append(CultureInfo.InvariantCulture, $" (0/{s.Points})\n\n");
                if (s.File.Length > 0) sb.Append("File: `").Append(s.File).Append("`\n\n");
                sb.Append(Md(s.Summary)).Append("\n\n");
                var diff = s.Details.Where(d => !d.StartsWith("hint: ", StringComparison.Ordinal)).ToList();
                if (diff.Count > 0)
                {
                    sb.Append("```text\n");
                    foreach (var d in diff) sb.Append(d.Replace("```", "'''")).Append('\n');
                    sb.Append("```\n\n");
                }
                foreach (var h in s.Details.Where(d => d.StartsWith("hint: ", StringComparison.Ordinal))) sb.Append("Hint: ").Append(Md(h[6..])).Append("\n\n");
            }
        }

        var notAttempted = r.Scores.Where(s => s.Status == ExerciseScore.NotAttempted).ToList();
        if (r.Compiled && notAttempted.Count > 0)
        {
            sb.Append("\n## Not attempted\n\n");
            foreach (var s in notAttempted) sb.Append("- `").Append(s.Id).Append("`: edit `").Append(s.File).Append("`\n");
        }

        if (r.Edits.Count > 0)
        {
            sb.Append("\n## Changes outside exercises/ (ignored)\n\nYour grade comes from your code in `exercises/` only, checked with the course's own tests and expected answers. These changes were not used:\n\n");
            foreach (var e in r.Edits) sb.Append("- `").Append(e).Append("`\n");
        }

        if (r.Notes.Count > 0)
        {
            sb.Append("\n## Notes\n\n");
            foreach (var n in r.Notes) sb.Append("- ").Append(Md(n)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Text safe inside a Markdown table cell or paragraph.</summary>
    private static string Md(string s) => s.Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "").Replace("\n", " ");
}
