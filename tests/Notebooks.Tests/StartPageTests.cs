using System.Text.RegularExpressions;
using Exercises.Checks;

namespace Notebooks.Tests;

/// <summary>The start page and the README show the course map with every exercise and its points, and stay true.</summary>
public sealed partial class StartPageTests
{
    [Fact]
    public void The_readme_lists_every_exercise_with_its_points_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(Paths.Root, "README.md"));
        var listed = ExerciseWithPoints().Matches(readme).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        foreach (var e in ExerciseCatalog.All)
        {
            Assert.True(listed.TryGetValue(e.Id, out var points), $"README.md's lesson table does not list `{e.Id}` ({e.Points})");
            Assert.True(points == e.Points, $"README.md says `{e.Id}` is worth {points} points; the catalog says {e.Points}");
        }
        var unknown = listed.Keys.Except(ExerciseCatalog.All.Select(e => e.Id)).ToList();
        Assert.True(unknown.Count == 0, $"README.md lists exercises that do not exist: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_start_page_shows_the_catalog_the_map_and_the_three_ways()
    {
        var cells = Paths.Cells("00-start-here.ipynb");
        var markdown = string.Join('\n', cells.Where(c => c.Type == "markdown").Select(c => c.Source));
        var code = string.Join('\n', cells.Where(c => c.Type == "code").Select(c => c.Source));

        Assert.Contains("ExerciseCatalog.All", code, StringComparison.Ordinal);
        Assert.Contains("## Course map", markdown, StringComparison.Ordinal);
        Assert.Contains("## Three ways to take the course", markdown, StringComparison.Ordinal);
        foreach (var way in new[] { "VS Code", "course run", "--to cs" }) Assert.Contains(way, markdown, StringComparison.Ordinal);
        foreach (var lesson in Paths.NotebookNames.Where(n => n != "00-start-here.ipynb"))
        {
            Assert.True(markdown.Contains($"]({lesson})", StringComparison.Ordinal), $"the course map on 00-start-here does not link {lesson}");
        }
    }

    [GeneratedRegex(@"`([a-z0-9-]+\.[a-z0-9-]+)` \((\d+)\)")]
    private static partial Regex ExerciseWithPoints();
}
