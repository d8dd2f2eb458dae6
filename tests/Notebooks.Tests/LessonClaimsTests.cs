using System.Globalization;
using System.Text.RegularExpressions;
using AwsSim;
using AwsSim.Lambda;
using Exercises.Checks;

namespace Notebooks.Tests;

/// <summary>
/// No contradictions: what the lessons and the README claim agrees with the catalog, with the library's figures and with
/// the lesson order, so a learner never has to wonder which of two places is right.
/// </summary>
public sealed partial class LessonClaimsTests
{
    private static IReadOnlyList<string> Lessons => Paths.NotebookNames.Select(n => n[..^".ipynb".Length]).ToList();

    /// <summary>The catalog's exercises of a lesson, in the catalog's (lesson) order.</summary>
    private static List<string> CatalogOf(string lesson) => ExerciseCatalog.All.Where(e => e.Lesson == lesson).Select(e => e.Id).ToList();

    [Fact]
    public void Every_exercise_belongs_to_a_lesson_that_exists()
    {
        foreach (var e in ExerciseCatalog.All)
        {
            Assert.True(Lessons.Contains(e.Lesson), $"{e.Id}: its lesson '{e.Lesson}' is not a notebook");
        }
    }

    [Fact]
    public void The_course_maps_exercise_column_matches_the_catalog()
    {
        var map = Paths.Cells("00-start-here.ipynb").First(c => c.Type == "markdown" && c.Source.Contains("## Course map", StringComparison.Ordinal)).Source;
        var rows = MapRow().Matches(map).ToList();
        Assert.Equal(Lessons.Count, rows.Count);
        foreach (var row in rows)
        {
            var lesson = row.Groups["file"].Value[..^".ipynb".Length];
            var cell = row.Groups["exercises"].Value.Trim();
            var claimed = cell == "none"
                ? []
                : Code().Matches(cell).Select(m => m.Groups[1].Value)
                    .SelectMany(x => x.EndsWith(".*", StringComparison.Ordinal) ? ExerciseCatalog.All.Where(e => e.Service == x[..^2]).Select(e => e.Id) : [x])
                    .ToList();
            Assert.True(CatalogOf(lesson).SequenceEqual(claimed),
                $"00-start-here's course map says {lesson} has [{string.Join(", ", claimed)}]; the catalog says [{string.Join(", ", CatalogOf(lesson))}]");
        }
    }

    [Fact]
    public void The_readmes_lesson_table_matches_the_catalog_lesson_by_lesson()
    {
        var readme = File.ReadAllText(Path.Combine(Paths.Root, "README.md"));
        var rows = ReadmeRow().Matches(readme).ToList();
        Assert.Equal(Lessons, rows.Select(r => r.Groups["lesson"].Value));
        foreach (var row in rows)
        {
            var lesson = row.Groups["lesson"].Value;
            var claimed = Code().Matches(row.Groups["exercises"].Value).Select(m => m.Groups[1].Value).ToList();
            Assert.True(CatalogOf(lesson).SequenceEqual(claimed),
                $"README.md says {lesson} has [{string.Join(", ", claimed)}]; the catalog says [{string.Join(", ", CatalogOf(lesson))}]");
        }
    }

    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void A_lessons_check_cells_check_its_exercises_in_catalog_order(string notebook)
    {
        var lesson = notebook[..^".ipynb".Length];
        var checkedHere = Paths.Cells(notebook).Where(c => c.Type == "code").SelectMany(c => CheckCall().Matches(c.Source)).Select(m => m.Groups[1].Value).ToList();
        foreach (var id in checkedHere) Assert.True(ExerciseCatalog.All.Any(e => e.Id == id), $"{notebook} checks '{id}', which the catalog does not have");
        // A lesson may check an earlier lesson's exercise again (the capstone does); its own come in catalog order.
        Assert.Equal(CatalogOf(lesson), checkedHere.Where(id => ExerciseCatalog.Get(id).Lesson == lesson).ToList());
    }

    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Next_leads_to_the_next_lesson(string notebook)
    {
        var markdown = string.Join('\n', Paths.Cells(notebook).Where(c => c.Type == "markdown").Select(c => c.Source));
        var nexts = NextLink().Matches(markdown).Select(m => m.Groups[1].Value).ToList();
        var i = Paths.NotebookNames.ToList().IndexOf(notebook);
        if (i == Paths.NotebookNames.Count - 1)
        {
            Assert.Empty(nexts);
            return;
        }
        Assert.True(nexts.Count == 1, $"{notebook}: expected one '**Next:** [..](..)' link, found {nexts.Count}");
        Assert.Equal(Paths.NotebookNames[i + 1], nexts[0]);
        Assert.DoesNotMatch(LooseNext(), markdown);
    }

    [Fact]
    public void Worked_savings_are_the_difference_of_the_rounded_figures_shown()
    {
        // Lesson 04: the x86_64 and arm64 bills of 3M requests × 1 s at 512 MB, and the saving printed beside them.
        var usage = new LambdaUsage(Requests: 3_000_000, MemoryMb: 512, DurationMs: 1000);
        var x86 = LambdaPricing.MonthlyBill(usage).Total;
        var arm = LambdaPricing.MonthlyBill(usage with { Architecture = Architecture.Arm64 }).Total;
        var shown = (Parse(Money.Format(x86)), Parse(Money.Format(arm)));
        var code = string.Join('\n', Paths.Cells("04-lambda.ipynb").Where(c => c.Type == "code").Select(c => c.Source));
        Assert.Contains("Money.Format(Math.Round(bill.Total, 2) - Math.Round(arm.Total, 2))", code, StringComparison.Ordinal);
        Assert.Equal(Money.Format(shown.Item1 - shown.Item2), Money.Format(Math.Round(x86, 2) - Math.Round(arm, 2)));

        // Everywhere: money printed as a difference is a difference of rounded amounts.
        foreach (var notebook in Paths.NotebookNames)
        {
            foreach (var (_, source) in Paths.Cells(notebook).Where(c => c.Type == "code"))
            {
                foreach (Match m in FormattedDifference().Matches(source))
                {
                    Assert.True(m.Value.Contains("Math.Round(", StringComparison.Ordinal),
                        $"{notebook}: {m.Value} prints a difference of unrounded amounts; the figures shown may not add up to it");
                }
            }
        }
    }

    [Fact]
    public void Outputs_are_explained_where_they_first_appear()
    {
        // (lesson, the code that first prints it, what the learner sees, where the markdown beside it explains it)
        var explained = new[] { ("04-lambda.ipynb", "first.Attributes", "ErrorCode=200", "`ErrorCode`") };
        foreach (var (notebook, printer, output, explanation) in explained)
        {
            var cells = Paths.Cells(notebook);
            var first = cells.Select((c, i) => (c, i)).First(x => x.c.Type == "code" && x.c.Source.Contains(printer, StringComparison.Ordinal)).i;
            var beside = new[] { first - 1, first + 1 }.Where(i => i >= 0 && i < cells.Count && cells[i].Type == "markdown").Select(i => cells[i].Source);
            Assert.True(beside.Any(s => s.Contains(explanation, StringComparison.Ordinal)), $"{notebook}: cell {first} prints {output}, and the markdown beside it does not explain it");
        }
    }

    private static decimal Parse(string usd) => decimal.Parse(usd.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| (?<n>\d\d) \| \[[^\]]*\]\((?<file>\d\d-[a-z-]+\.ipynb)\) \|[^|\n]*\|(?<exercises>[^|\n]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex MapRow();

    [GeneratedRegex(@"^\| `(?<lesson>\d\d-[a-z-]+)` \|[^|\n]*\|(?<exercises>[^|\n]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    [GeneratedRegex(@"`([a-z0-9-]+\.(?:[a-z0-9-]+|\*))`")]
    private static partial Regex Code();

    [GeneratedRegex(@"Check\.Exercise\(""([^""]+)""\)")]
    private static partial Regex CheckCall();

    [GeneratedRegex(@"\*\*Next:\*\* \[[^\]]+\]\(([^)]+)\)")]
    private static partial Regex NextLink();

    [GeneratedRegex(@"(?m)^(?!\*\*Next:\*\*).*\bNext( lesson)?:")]
    private static partial Regex LooseNext();

    [GeneratedRegex(@"Money\.Format\([^;]*? - [^;]*?\)\)")]
    private static partial Regex FormattedDifference();
}
