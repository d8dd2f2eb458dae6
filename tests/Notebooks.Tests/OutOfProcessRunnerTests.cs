using NotebookRunner;

namespace Notebooks.Tests;

/// <summary>
/// The out-of-process runner: the real notebook kernel (dotnet-interactive from the tool manifest) in its own process,
/// as VS Code runs it. A cell that exits the process, overflows the stack or hangs fails as that cell, and the runner
/// (this test process) lives on.
/// </summary>
public sealed class OutOfProcessRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kernel-process-tests-" + Guid.NewGuid().ToString("N"));

    public OutOfProcessRunnerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<NotebookResult> Run(string name, TimeSpan? cellTimeout, params (string Type, string Source)[] cells)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, TestNotebook.Json(cells), TestContext.Current.CancellationToken);
        return await NotebookExecutor.RunAsync(path,
            new RunOptions { Host = KernelHost.OutOfProcess, CellTimeout = cellTimeout ?? TimeSpan.FromMinutes(3) },
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Outputs_come_back_in_order_and_the_kernel_works_in_the_notebook_folder()
    {
        var result = await Run("ok.ipynb", null,
            ("markdown", "# Title"),
            ("code", "Console.WriteLine(\"printed\");\ndisplay(\"shown\");\nSystem.IO.Directory.GetCurrentDirectory()"));

        Assert.True(result.Success, result.FailureMessage);
        var outputs = result.Cells[1].Outputs;
        Assert.Equal([OutputKind.StandardOutput, OutputKind.Display, OutputKind.ReturnValue], outputs.Select(o => o.Kind));
        Assert.Equal("printed", outputs[0].Text?.Trim());
        Assert.Contains(_folder, outputs[2].Preferred.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_that_exits_the_process_fails_as_that_cell_and_later_cells_do_not_run()
    {
        var result = await Run("exit.ipynb", null,
            ("code", "Console.WriteLine(\"before\");"),
            ("code", "Environment.Exit(0);"),
            ("code", "throw new Exception(\"must not run\");"));

        Assert.False(result.Success);
        Assert.Equal(2, result.FailedCell!.Number);
        Assert.Contains("kernel process exited", result.FailedCell.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Cells.Count);
    }

    [Fact]
    public async Task A_stack_overflow_fails_its_cell_and_says_so()
    {
        var result = await Run("overflow.ipynb", null,
            ("code", "int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)"),
            ("code", "1"));

        Assert.False(result.Success);
        Assert.Equal(1, result.FailedCell!.Number);
        Assert.Contains("stack overflow", result.FailedCell.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.FailedCell.Error!.Split('\n').Length < 20, "the crash report is cut to its first lines");
    }

    [Fact]
    public async Task A_cell_that_never_ends_is_stopped_at_the_cell_time_limit()
    {
        var result = await Run("loop.ipynb", TimeSpan.FromSeconds(2), ("code", "while (true) { }"));

        Assert.False(result.Success);
        Assert.Contains("did not finish within 2 s", result.FailedCell!.Error, StringComparison.Ordinal);
    }
}
