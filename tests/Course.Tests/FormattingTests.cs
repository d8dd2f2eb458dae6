using Course.Commands;
using Course.Grading;
using Exercises.Checks;

namespace Course.Tests;

/// <summary>The gradebook CSV, the feedback Markdown, compiler-error parsing and the check table.</summary>
public sealed class FormattingTests
{
    private static ExerciseScore Score(string id, int points, int earned, string status, string summary = "", params string[] details)
        => new(id, "title of " + id, points, earned, status, summary, details, $"exercises/X/{id}.cs");

    private static readonly IReadOnlyList<ExerciseScore> Catalog =
    [
        Score("a.one", 2, 0, ExerciseScore.NotAttempted),
        Score("b.two", 3, 0, ExerciseScore.NotAttempted),
    ];

    private static SubmissionResult Result(string name, params ExerciseScore[] scores)
        => new(name, "/x/" + name, scores, true, [], [], [], TimeSpan.Zero);

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("o'neil, j", "\"o'neil, j\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1", "-1")]
    [InlineData("@me", "'@me")]
    public void Csv_cells_are_quoted_and_formulas_neutralised(string value, string cell)
        => Assert.Equal(cell, Gradebook.Cell(value));

    [Fact]
    public void The_gradebook_has_a_column_per_exercise_and_the_totals()
    {
        var csv = Gradebook.ToCsv(Catalog,
        [
            Result("alice", Score("a.one", 2, 2, ExerciseScore.Passed), Score("b.two", 3, 0, ExerciseScore.Failed, "not quite")),
            new SubmissionResult("bob", "/x/bob", Catalog.Select(c => c.Zero(ExerciseScore.Failed, "your code does not compile")).ToList(), false, ["e"], ["tests/x.snap (changed)"], [], TimeSpan.Zero),
        ]);
        Assert.Equal(
            "submission,a.one,b.two,total,possible,percent,compiled,notes\r\n" +
            "alice,2,0,2,5,40.0,yes,\r\n" +
            "bob,0,0,0,5,0.0,no,does not compile; 1 file(s) edited outside exercises/ (ignored)\r\n", csv);
        var rows = Csv.Read(csv);
        Assert.Equal("2", rows[0]["total"]);
    }

    [Fact]
    public void Feedback_names_each_failed_check_with_its_first_difference_and_hint()
    {
        var r = Result("alice",
            Score("a.one", 2, 2, ExerciseScore.Passed, "passed"),
            Score("b.two", 3, 0, ExerciseScore.Failed, "not quite: line 2 differs", "expected: 2 → 4", "yours:    2 → 5", "          ^ first different character", "hint: double it"));
        var md = Feedback.ToMarkdown(r);
        Assert.Contains("**Score: 2/5 points (40%)**", md, StringComparison.Ordinal);
        Assert.Contains("| `b.two` | title of b.two | 0/3 | failed |", md, StringComparison.Ordinal);
        Assert.Contains("### b.two: title of b.two (0/3)", md, StringComparison.Ordinal);
        Assert.Contains("not quite: line 2 differs", md, StringComparison.Ordinal);
        Assert.Contains("```text\nexpected: 2 → 4\nyours:    2 → 5\n", md, StringComparison.Ordinal);
        Assert.Contains("Hint: double it", md, StringComparison.Ordinal);
        Assert.DoesNotContain("### a.one", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_shows_compiler_errors_and_ignored_edits()
    {
        var r = new SubmissionResult("bob", "/x/bob", Catalog.Select(c => c.Zero(ExerciseScore.Failed, "your code does not compile")).ToList(), false,
            ["exercises/X/A.cs(3,5): error CS1002: ; expected"], ["tests/Exercises.Tests/__snapshots__/a.one.snap (changed)"], [], TimeSpan.Zero);
        var md = Feedback.ToMarkdown(r);
        Assert.Contains("## Your code does not compile", md, StringComparison.Ordinal);
        Assert.Contains("exercises/X/A.cs(3,5): error CS1002: ; expected", md, StringComparison.Ordinal);
        Assert.Contains("## Changes outside exercises/ (ignored)", md, StringComparison.Ordinal);
        Assert.Contains("- `tests/Exercises.Tests/__snapshots__/a.one.snap (changed)`", md, StringComparison.Ordinal);
        Assert.DoesNotContain("## What to fix", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiler_errors_are_picked_out_once_with_paths_relative_to_the_learner_folder()
    {
        var output = """
            /tmp/ws/exercises/Lambda/Bill.cs(10,2): error CS1031: Type expected [/tmp/ws/exercises/Exercises.csproj]
              /tmp/ws/exercises/Lambda/Bill.cs(10,2): error CS1031: Type expected [/tmp/ws/exercises/Exercises.csproj]
            /tmp/ws/exercises/Lambda/Bill.cs(4,1): warning CS0168: unused [/tmp/ws/exercises/Exercises.csproj]
            CSC : error CS2001: Source file 'x.cs' could not be found. [/tmp/ws/exercises/Exercises.csproj]
            """;
        Assert.Equal(
            ["exercises/Lambda/Bill.cs(10,2): error CS1031: Type expected", "error CS2001: Source file 'x.cs' could not be found."],
            BuildErrors.Parse(output, "/tmp/ws/exercises", "exercises/"));
    }

    [Fact]
    public void The_check_table_reads_what_the_exercise_tests_write()
    {
        // The real writer (ScoreReport, used by the tests' Scoreboard) and the CLI's reader agree.
        var def = new ExerciseDefinition("a.one", "Double it", 2, "exercises/A/One.cs", () => ["x"], "double it");
        var other = new ExerciseDefinition("b.two", "Triple it", 3, "exercises/B/Two.cs", () => throw new NotImplementedException(), "");
        var verdicts = new[]
        {
            new Verdict(def, VerdictStatus.Failed, "not quite: line 1 differs", ["expected: 1 → 2", "yours:    1 → 3", "hint: double it"], ["1 → 3"], ["1 → 2"]),
            new Verdict(other, VerdictStatus.NotAttempted, "not attempted yet: edit exercises/B/Two.cs", [], [], []),
        };
        var scores = ExerciseScore.ReadSummary(ScoreReport.ToJson(verdicts));
        Assert.Equal(2, scores.Count);
        Assert.Equal(new ExerciseScore("a.one", "Double it", 2, 0, ExerciseScore.Failed, "not quite: line 1 differs", scores[0].Details, "exercises/A/One.cs"), scores[0]);
        Assert.Equal(["expected: 1 → 2", "yours:    1 → 3", "hint: double it"], scores[0].Details);

        var text = CheckCommand.Render(scores);
        var lines = text.Split('\n');
        Assert.Equal("exercise  title      points  status", lines[0]);
        Assert.Equal("a.one     Double it     0/2  failed: not quite: line 1 differs", lines[1]);
        Assert.Equal("b.two     Triple it     0/3  not attempted (edit exercises/B/Two.cs)", lines[2]);
        Assert.Contains("✘ a.one (exercises/A/One.cs): not quite: line 1 differs\n    expected: 1 → 2\n    yours:    1 → 3", text, StringComparison.Ordinal);
        Assert.EndsWith("Total (exercises): 0/5 points (0%); 0 passed, 1 failed, 1 not attempted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_progress_file_gives_the_verdicts_so_far_and_the_exercise_that_was_running()
    {
        using var tmp = new TempFolder();
        var def = new ExerciseDefinition("a.one", "Double it", 2, "exercises/A/One.cs", () => ["x"], "");
        var line = ScoreReport.ToJsonLine(new Verdict(def, VerdictStatus.Passed, "passed", [], ["x"], ["x"]));
        var path = tmp.Write("progress.log", $"start a.one\nverdict {line}\nstart b.two\nverdict {{\"id\":\"b.tw");
        var p = Progress.Read(path);
        Assert.Equal(ExerciseScore.Passed, p.Verdicts["a.one"].Status);
        Assert.Equal(2, p.Verdicts["a.one"].Earned);
        Assert.Equal(["b.two"], p.Unfinished);
    }

    [Fact]
    public void The_summary_table_marks_not_attempted_and_failed_differently()
    {
        var table = GradeCommand.SummaryTable(Catalog,
            [Result("alice", Score("a.one", 2, 2, ExerciseScore.Passed), Score("b.two", 3, 0, ExerciseScore.NotAttempted))]);
        var lines = table.Split('\n');
        Assert.Equal(["submission", "a.one/2", "b.two/3", "total", "%", "notes"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["alice", "2", "-", "2/5", "40"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("(- = not attempted, 0 = failed)", lines[^1]);
    }
}
