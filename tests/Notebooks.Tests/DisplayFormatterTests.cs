using System.Text.Json;
using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>
/// The library's objects display as HTML in a notebook kernel through the convention-based
/// <c>TypeFormatterSourceAttribute</c> (the library does not reference .NET Interactive).
/// </summary>
public sealed class DisplayFormatterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "display-formatter-tests-" + Guid.NewGuid().ToString("N"));

    public DisplayFormatterTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_bill_shown_with_display_or_returned_from_a_cell_is_an_html_table()
    {
        var path = Path.Combine(_folder, "bill.ipynb");
        File.WriteAllText(path, Notebook(
            "#r \"../lib/AwsSim/bin/Debug/net10.0/AwsSim.dll\"\nusing AwsSim;\nusing AwsSim.Lambda;",
            "var bill = LambdaPricing.MonthlyBill(new LambdaUsage(Requests: 3_000_000, MemoryMb: 512, DurationMs: 1000));\ndisplay(bill);",
            "bill"));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.FailureMessage);
        var displayed = result.Cells[1].Outputs.Single(o => o.Kind == OutputKind.Display);
        var returned = result.Cells[2].Outputs.Single(o => o.Kind == OutputKind.ReturnValue);
        foreach (var output in new[] { displayed, returned })
        {
            var html = output.HtmlValue;
            Assert.NotNull(html);
            Assert.StartsWith("<table class=\"aws-bill\"", html, StringComparison.Ordinal);
            Assert.Contains("<th", html, StringComparison.Ordinal);
            Assert.Contains("$18.73", html, StringComparison.Ordinal);
            Assert.DoesNotContain("dni-treeview", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cluster_maps_batch_runs_and_lambda_invocations_display_as_pictures_and_logs()
    {
        var path = Path.Combine(_folder, "pictures.ipynb");
        File.WriteAllText(path, TestNotebook.Json(
            ("code", "#r \"../lib/AwsSim/bin/Debug/net10.0/AwsSim.dll\"\nusing AwsSim;\nusing AwsSim.Lambda;\nvar aws = new SimulatedAws();"),
            ("code", "aws.Ecs.CreateCluster(\"shop\")"),
            ("code", "aws.Batch"),
            ("code", "aws.Lambda.CreateFunction(\"hello\", LambdaCode.From((e, c) => { c.Logger.LogLine(\"hi\"); return \"\\\"ok\\\"\"; }));\naws.Lambda.Invoke(\"hello\", \"{}\", InvocationType.RequestResponse)"),
            ("code", "AwsSim.Display.HtmlFormatterSource.HtmlOf(aws.Ecs.CreateCluster(\"other\")) is { } html && html.Contains(\"<svg\")")));

        var result = await NotebookExecutor.RunAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.FailureMessage);
        string Html(int cell) => result.Cells[cell].Outputs.Single(o => o.Kind == OutputKind.ReturnValue).HtmlValue ?? "";
        Assert.Contains("<svg", Html(1), StringComparison.Ordinal);
        Assert.Contains("<svg", Html(2), StringComparison.Ordinal);
        Assert.Contains("lambda-invocation", Html(3), StringComparison.Ordinal);
        Assert.Contains("REPORT RequestId", Html(3), StringComparison.Ordinal);
        Assert.DoesNotContain("dni-treeview", Html(1) + Html(2) + Html(3), StringComparison.Ordinal);
    }

    [Fact]
    public void The_formatter_source_writes_html_for_displayable_objects_and_declines_others()
    {
        var source = new AwsSim.Display.HtmlFormatterSource();
        var formatters = source.CreateTypeFormatters().ToList();
        var html = Assert.IsType<AwsSim.Display.HtmlFormatterSource.HtmlFormatter>(formatters[0]);
        var bill = new AwsSim.Bill();
        using var writer = new StringWriter();

        Assert.True(html.Format(bill, writer));
        Assert.Contains("<table class=\"aws-bill\"", writer.ToString(), StringComparison.Ordinal);
        Assert.False(html.Format(new object(), new StringWriter()));
        Assert.Equal("<svg/>", AwsSim.Display.HtmlFormatterSource.HtmlOf(new HasSvg()));
    }

    /// <summary>A type with only a ToSvg() method, as the timelines and maps have.</summary>
    public sealed class HasSvg
    {
        public string ToSvg() => "<svg/>";
    }

    private static string Notebook(params string[] codeCells) => JsonSerializer.Serialize(new
    {
        cells = codeCells.Select(c => new
        {
            cell_type = "code",
            execution_count = (int?)null,
            metadata = new { polyglot_notebook = new { kernelName = "csharp" } },
            outputs = Array.Empty<object>(),
            source = c,
        }),
        metadata = new
        {
            kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
            polyglot_notebook = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { name = "csharp" } } } },
        },
        nbformat = 4,
        nbformat_minor = 5,
    });
}
