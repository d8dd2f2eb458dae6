using System.Text.Json;
using AwsSim;
using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>The runner itself: stops at the first failure and names it, collects outputs, rewrites #r paths.</summary>
public sealed class RunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "notebook-runner-tests-" + Guid.NewGuid().ToString("N"));

    public RunnerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_throwing_cell_stops_the_run_and_is_named_by_number_first_line_and_error()
    {
        var path = Write("fails.ipynb",
            ("markdown", "# A notebook that fails"),
            ("code", "var x = 6 * 7;\nConsole.WriteLine($\"x = {x}\");"),
            ("code", "\n// the cell's first line below\nthrow new InvalidOperationException(\"boom at \" + x);"),
            ("code", "Console.WriteLine(\"never runs\");"));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Equal(4, result.TotalCells);
        Assert.Equal(3, result.Cells.Count);
        var failed = Assert.IsType<CellResult>(result.FailedCell);
        Assert.Equal(3, failed.Number);
        Assert.Equal("// the cell's first line below", failed.FirstLine);
        Assert.Contains("InvalidOperationException", failed.Error);
        Assert.Contains("boom at 42", failed.Error);
        Assert.StartsWith("cell 3: // the cell's first line below\n", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal("x = 42\n", result.Cells[1].Outputs.Single(o => o.Kind == OutputKind.StandardOutput).Text);
    }

    [Fact]
    public async Task A_compile_error_fails_its_cell_with_the_compiler_message()
    {
        var path = Write("compile.ipynb", ("code", "int n = \"not a number\";"));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.FailedCell?.Number);
        Assert.Contains("CS0029", result.FailedCell?.Error);
    }

    [Fact]
    public async Task Return_values_displays_and_markdown_are_collected_in_order()
    {
        var path = Write("outputs.ipynb",
            ("markdown", "# Title\n\nSome text."),
            ("code", "display(HTML(\"<b>bold</b>\"));\n\"a string\""),
            ("code", ""));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.FailureMessage);
        Assert.Equal(CellKind.Markdown, result.Cells[0].Kind);
        var outputs = result.Cells[1].Outputs;
        Assert.Equal("<b>bold</b>", outputs.Single(o => o.Kind == OutputKind.Display).HtmlValue);
        Assert.Equal("a string", outputs.Single(o => o.Kind == OutputKind.ReturnValue).Text);
        Assert.Empty(result.Cells[2].Outputs);
    }

    [Fact]
    public async Task A_relative_hash_r_resolves_against_the_notebook_folder_not_the_current_directory()
    {
        // Not an assembly this process has: it must be found next to the notebook.
        var sub = Directory.CreateDirectory(Path.Combine(_folder, "lessons"));
        var libs = Directory.CreateDirectory(Path.Combine(_folder, "libs"));
        var copy = Path.Combine(libs.FullName, "CopiedTestLibrary.dll");
        File.Copy(typeof(Xunit.Assert).Assembly.Location, copy);
        var path = Write(Path.Combine("lessons", "r.ipynb"), ("code", "#r \"../libs/CopiedTestLibrary.dll\"\nConsole.WriteLine(\"loaded\");"));
        var before = Environment.CurrentDirectory;

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.True(result.Success, result.FailureMessage);
        Assert.True(sub.Exists);
    }

    [Fact]
    public void Hash_r_of_an_assembly_this_process_has_points_at_the_loaded_copy()
    {
        var code = "#r \"../lib/AwsSim/bin/Debug/net10.0/AwsSim.dll\"\nusing AwsSim;";

        var rewritten = ReferencePaths.Rewrite(code, "/somewhere/notebooks");

        Assert.Equal($"#r \"{typeof(SimulatedAws).Assembly.Location}\"\nusing AwsSim;", rewritten);
    }

    [Theory]
    [InlineData("#r \"nuget: XPlot.Plotly, 4.1.0\"", "#r \"nuget: XPlot.Plotly, 4.1.0\"")]
    [InlineData("#r \"/abs/Thing.dll\"", "#r \"/abs/Thing.dll\"")]
    [InlineData("#r \"../bin/NotLoadedAnywhere.dll\"\nvar x = 1;", "#r \"/course/bin/NotLoadedAnywhere.dll\"\nvar x = 1;")]
    [InlineData("  #r \"libs/NotLoadedAnywhere.dll\"", "  #r \"/course/notebooks/libs/NotLoadedAnywhere.dll\"")]
    [InlineData("var s = \"#r \\\"x.dll\\\"\";", "var s = \"#r \\\"x.dll\\\"\";")]
    public void Hash_r_rewriting(string code, string expected)
    {
        Assert.Equal(expected, ReferencePaths.Rewrite(code, "/course/notebooks"));
    }

    [Fact]
    public void Terminal_text_makes_markdown_readable()
    {
        var text = new TerminalText(color: false);

        var shown = text.Markdown("# Title\n\nSee [the map](00-start-here.ipynb) and **this**, *that* and 2 * 3 * 4.\n\n- one\n- two\n\n![Course map](images/map.svg)\n\n<svg width=\"10\"><title>A diagram</title><rect/></svg>\n\n| a | bb |\n|---|---|\n| ccc | d |\n\n```csharp\nvar x = 1;\n```");

        Assert.Equal(
            "Title\n═════\n\nSee the map (00-start-here.ipynb) and this, that and 2 * 3 * 4.\n\n  • one\n  • two\n\n[picture: Course map] (open images/map.svg)\n\n[picture: A diagram]\n\n  a    bb\n  ───  ──\n  ccc  d\n\n    var x = 1;\n",
            shown.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Terminal_text_keeps_angle_brackets_that_are_not_html_tags()
    {
        var text = new TerminalText(color: false);

        var shown = text.Markdown("Images are named `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` (or `@sha256:<digest>`); see <account> in your console.<br>Next line.");

        Assert.Contains("`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`", shown, StringComparison.Ordinal);
        Assert.Contains("`@sha256:<digest>`", shown, StringComparison.Ordinal);
        Assert.Contains("see <account> in your console.", shown, StringComparison.Ordinal);
        Assert.Contains("\nNext line.", shown.Replace("\r\n", "\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_text_fits_every_line_to_the_width_wrapping_words_and_table_cells()
    {
        var text = new TerminalText(color: false, width: 50);
        var words = string.Join(' ', Enumerable.Repeat("serverless", 30));

        var paragraph = text.Markdown(words);
        var table = text.Markdown($"| lesson | what it teaches |\n|---|---|\n| 04 | {words} |");
        var wide = text.Markdown("| a | b | c | d | e | f | g |\n|---|---|---|---|---|---|---|\n| " + string.Join(" | ", Enumerable.Repeat("an-unbreakable-identifier", 7)) + " |");
        var output = text.Output("REPORT RequestId: 1\tDuration: 2.00 ms\t" + words, indent: 2);

        foreach (var shown in new[] { paragraph, table, wide, output })
        {
            Assert.All(shown.Replace("\r\n", "\n").Split('\n'), line => Assert.True(line.Length <= 50, $"{line.Length} columns: {line}"));
        }
        Assert.Equal(30, paragraph.Split("serverless").Length - 1); // nothing lost
        Assert.Equal(30, table.Split("serverless").Length - 1);
        Assert.Contains("  • a: an-unbreakable-identifier", wide, StringComparison.Ordinal); // too wide for columns: a list
        Assert.DoesNotContain('\t', output);
    }

    [Fact]
    public void Terminal_text_turns_html_tables_pictures_and_charts_into_text()
    {
        var text = new TerminalText(color: false, pictureCommand: "course run notebooks/06-cron.ipynb --html out/html");

        Assert.Equal("  A  B\n  ─  ──\n  1  22", text.Html("<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>22</td></tr></tbody></table>"));
        Assert.Equal("x < y & z", text.Html("<div class=\"dni-plaintext\"><pre>x &lt; y &amp; z</pre></div><style>.dni-plaintext { }</style>"));

        var week = text.Html("<svg><text font-weight=\"bold\">cron(0 9 * * ? *)</text><rect><title>2026-01-05 09:00</title></rect><rect><title>2026-01-05 21:00</title></rect><rect><title>2026-01-06 09:00</title></rect></svg>");
        Assert.Equal("[picture: cron(0 9 * * ? *)]\n  Mon 2026-01-05: 09:00 21:00\n  Tue 2026-01-06: 09:00\n  (see it drawn: course run notebooks/06-cron.ipynb --html out/html)", week.Replace("\r\n", "\n"));

        var cluster = text.Html("<svg><text font-weight=\"bold\">Cluster demo</text><rect><title>i-1 m5.large: 2 tasks</title></rect><rect><title>task a on i-1</title></rect></svg>");
        Assert.StartsWith("[picture: Cluster demo]\n  i-1 m5.large: 2 tasks\n  task a on i-1\n", cluster.Replace("\r\n", "\n"), StringComparison.Ordinal);

        var chart = text.Html("<div id=\"c\"></div><script>var data = [{\"type\":\"scatter\",\"x\":[128,256],\"y\":[0.4,3.73334],\"name\":\"x86_64\"}];\nvar layout = {\"title\":\"Cost\",\"xaxis\":{\"title\":\"memory (MB)\"}};\nPlotly.newPlot('c', data, layout);</script>");
        Assert.StartsWith("[chart: Cost]\n  memory (MB)  x86_64\n  ───────────  ──────\n  128          0.4\n  256          3.7333\n  (see it drawn:", chart.Replace("\r\n", "\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_text_folds_a_long_code_cell_and_says_where_it_is_whole()
    {
        var text = new TerminalText(color: false, width: 60);
        var code = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"var line{i} = {i};")) + "\n// " + new string('x', 200);

        var shown = text.Code(code, "notebooks/04-lambda.ipynb, cell 15").Split('\n');

        Assert.Equal(16, shown.Length);
        Assert.Equal("  ⋯ 26 more lines; the whole cell: notebooks/04-lambda.ipynb, cell 15", shown[^1]);
        Assert.All(shown, l => Assert.True(l.Length <= 70));
    }

    [Fact]
    public async Task A_check_cell_shows_the_verdict_as_an_html_card_and_as_text()
    {
        var checks = typeof(Exercises.Checks.Check).Assembly.Location;
        var path = Write("verdict.ipynb", ("code", $"#r \"{checks}\"\nExercises.Checks.Check.Exercise(\"lambda.bill\")"));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.FailureMessage);
        var value = result.Cells[0].Outputs.Single(o => o.Kind == OutputKind.ReturnValue);
        Assert.Contains("class=\"exercise-verdict\"", value.HtmlValue);
        Assert.Contains("lambda.bill", value.Text);
    }

    private string Write(string name, params (string Type, string Source)[] cells)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, TestNotebook.Json(cells));
        return path;
    }
}
