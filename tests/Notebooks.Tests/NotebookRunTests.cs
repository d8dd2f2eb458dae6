using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>Every notebook runs top to bottom without a failing cell, before any exercise is done.</summary>
public sealed class NotebookRunTests
{
    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public async Task Runs_every_cell(string notebook)
    {
        var result = await NotebookExecutor.RunAsync(Paths.Notebook(notebook),
            new RunOptions { CellTimeout = TimeSpan.FromMinutes(5) }, TestContext.Current.CancellationToken);

        Assert.True(result.Success, $"{notebook} failed at {result.FailureMessage}");
        Assert.Equal(result.TotalCells, result.Cells.Count);
        Assert.Contains(result.Cells, c => c.Kind == CellKind.Code);
    }
}
