using System.Text.RegularExpressions;

namespace Notebooks.Tests;

/// <summary>
/// Every lesson follows the course rhythm: a title, goals, at least one picture or chart, exercises with a check cell
/// (not on the start page), a recap, and links that resolve.
/// </summary>
public sealed partial class NotebookStructureTests
{
    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Follows_the_lesson_rhythm(string notebook)
    {
        var cells = Paths.Cells(notebook);
        var markdownLines = cells.Where(c => c.Type == "markdown").SelectMany(c => c.Source.Split('\n')).Select(l => l.TrimEnd()).ToList();
        var code = cells.Where(c => c.Type == "code").Select(c => c.Source).ToList();

        Assert.True(cells.Count > 0 && cells[0].Type == "markdown" && cells[0].Source.StartsWith("# ", StringComparison.Ordinal),
            $"{notebook}: the first cell must be markdown starting with a '# ' title");
        Assert.True(markdownLines.Contains("## Goals"), $"{notebook}: needs a '## Goals' section");
        Assert.True(markdownLines.Contains("## Recap"), $"{notebook}: needs a '## Recap' section");
        if (notebook != "00-start-here.ipynb")
        {
            Assert.True(code.Any(c => c.Contains("Check.Exercise(", StringComparison.Ordinal)),
                $"{notebook}: needs at least one exercise check cell (Exercises.Checks.Check.Exercise(\"<id>\"))");
        }
        var markdown = string.Join('\n', markdownLines);
        var hasPicture = MarkdownImage().IsMatch(markdown) || markdown.Contains("<svg", StringComparison.OrdinalIgnoreCase)
            || markdown.Contains("<img", StringComparison.OrdinalIgnoreCase)
            || code.Any(c => c.Contains("Chart.", StringComparison.Ordinal) || c.Contains("svg", StringComparison.OrdinalIgnoreCase)
                || c.Contains("Picture", StringComparison.Ordinal) || c.Contains("Render", StringComparison.Ordinal));
        Assert.True(hasPicture, $"{notebook}: needs at least one picture (image, SVG) or chart");
    }

    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Relative_links_resolve(string notebook)
    {
        var markdown = string.Join('\n', Paths.Cells(notebook).Where(c => c.Type == "markdown").Select(c => c.Source));
        var broken = new List<string>();
        foreach (Match m in LinkTarget().Matches(markdown))
        {
            var target = m.Groups[1].Value;
            if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var file = Uri.UnescapeDataString(target.Split('#')[0]);
            if (!File.Exists(Path.Combine(Paths.NotebooksFolder, file))) broken.Add(target);
        }
        Assert.True(broken.Count == 0, $"{notebook}: links to missing files: {string.Join(", ", broken)} (write lessons that do not exist yet as plain text)");
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]+\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();
}
