using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace NotebookRunner;

/// <summary>Options for <see cref="NotebookExecutor.RunAsync"/>.</summary>
public sealed record RunOptions
{
    /// <summary>Called after each cell (markdown included) as soon as it is done, e.g. to print progress.</summary>
    public Action<CellResult>? OnCell { get; init; }

    /// <summary>A cell that runs longer than this fails with a timeout (5 minutes by default: a first
    /// <c>#r "nuget: …"</c> on a fresh machine downloads packages).</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the kernel runs: in this process (fast, for tests) or in its own, as VS Code runs it.</summary>
    public KernelHost Host { get; init; } = KernelHost.InProcess;
}

/// <summary>Where a notebook's C# kernel runs.</summary>
public enum KernelHost
{
    /// <summary>
    /// In the runner's own process: fast, and parallel-safe for tests, but it shares the runner's loaded assemblies
    /// (so it can hide a missing dependency) and a cell that exits the process ends the runner.
    /// </summary>
    InProcess,

    /// <summary>
    /// The real .NET Interactive kernel in its own process (<see cref="KernelProcess"/>), started in the notebook's
    /// folder as VS Code starts it. A cell that exits, crashes or hangs fails as that cell; the runner goes on.
    /// </summary>
    OutOfProcess,
}

/// <summary>
/// Runs a Polyglot notebook headlessly: a C# kernel (in this process, or the real one in its own process; see
/// <see cref="KernelHost"/>), the code cells submitted one by one, each cell's outputs collected, stopping at the
/// first failed cell.
/// </summary>
/// <remarks>
/// Safe to call from parallel tests: nothing changes the current directory (relative <c>#r</c> paths are rewritten,
/// see <see cref="ReferencePaths"/>), and console output is captured per kernel. The one process-wide thing is
/// .NET Interactive's <see cref="Formatter"/>: it is reset to its defaults whenever a run starts with no other run
/// active, so formatters a notebook registers do not leak into later notebooks.
/// </remarks>
public static class NotebookExecutor
{
    private static readonly object s_gate = new();
    private static int s_active;

    /// <summary>Parses and runs the notebook at <paramref name="path"/>.</summary>
    public static async Task<NotebookResult> RunAsync(string path, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        var fullPath = Path.GetFullPath(path);
        var stopwatch = Stopwatch.StartNew();
        var document = Parse(await File.ReadAllTextAsync(fullPath, cancellationToken).ConfigureAwait(false));
        var directory = Path.GetDirectoryName(fullPath)!;
        var results = new List<CellResult>();

        if (options.Host == KernelHost.OutOfProcess)
        {
            await using var process = await KernelProcess.StartAsync(directory, cancellationToken).ConfigureAwait(false);
            await RunCellsAsync(document, results, options,
                (source, timeout, ct) => process.SubmitAsync(source, timeout, ct), cancellationToken).ConfigureAwait(false);
            return new NotebookResult(fullPath, document.Elements.Count, results, stopwatch.Elapsed);
        }

        Enter();
        try
        {
            using var kernel = CreateKernel();
            await RunCellsAsync(document, results, options,
                (source, timeout, ct) => SubmitInProcessAsync(kernel, ReferencePaths.Rewrite(source, directory), timeout, ct), cancellationToken).ConfigureAwait(false);
            return new NotebookResult(fullPath, document.Elements.Count, results, stopwatch.Elapsed);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs the cells in order through <paramref name="submit"/>, stopping after the first failed one.</summary>
    private static async Task RunCellsAsync(
        InteractiveDocument document, List<CellResult> results, RunOptions options, Submit submit, CancellationToken cancellationToken)
    {
        var number = 0;
        foreach (var element in document.Elements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var cell = await RunCellAsync(element, number, options, submit, cancellationToken).ConfigureAwait(false);
            results.Add(cell);
            options.OnCell?.Invoke(cell);
            if (!cell.Success) break;
        }
    }

    /// <summary>Runs one code cell's source in a kernel: its outputs, and its error when it failed.</summary>
    private delegate Task<(List<CellOutput> Outputs, string? Error)> Submit(string source, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Parses notebook JSON with the Polyglot kernel names this runner knows.</summary>
    public static InteractiveDocument Parse(string json)
    {
        var kernels = new KernelInfoCollection
        {
            new DocumentKernelInfo("csharp", "C#", ["c#", "C#"]),
        };
        return Notebook.Parse(json, kernels);
    }

    /// <summary>
    /// A composite kernel with one C# kernel (as its default) that supports <c>#r "nuget: …"</c>,
    /// <c>display(…)</c> / <c>HTML(…)</c> and value sharing, like the kernel VS Code starts.
    /// </summary>
    public static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private static async Task<CellResult> RunCellAsync(
        InteractiveDocumentElement element, int number, RunOptions options, Submit submit, CancellationToken cancellationToken)
    {
        var source = element.Contents ?? "";
        var kernelName = string.IsNullOrEmpty(element.KernelName) ? "csharp" : element.KernelName;
        if (kernelName == "markdown")
        {
            return new CellResult(number, CellKind.Markdown, kernelName, source, [], true, null, TimeSpan.Zero);
        }
        if (kernelName is not ("csharp" or "c#" or "C#"))
        {
            return new CellResult(number, CellKind.Other, kernelName, source, [], false,
                $"this runner only runs C# cells; this cell's kernel is '{kernelName}'", TimeSpan.Zero);
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            return new CellResult(number, CellKind.Code, "csharp", source, [], true, null, TimeSpan.Zero);
        }

        var stopwatch = Stopwatch.StartNew();
        var (outputs, error) = await submit(source, options.CellTimeout, cancellationToken).ConfigureAwait(false);
        return new CellResult(number, CellKind.Code, "csharp", source, outputs, error is null, error, stopwatch.Elapsed);
    }

    private static async Task<(List<CellOutput> Outputs, string? Error)> SubmitInProcessAsync(
        CompositeKernel kernel, string source, TimeSpan cellTimeout, CancellationToken cancellationToken)
    {
        var command = new SubmitCode(source, "csharp");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(cellTimeout);
        try
        {
            var result = await kernel.SendAsync(command, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            return Collect(result.Events);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], $"the cell did not finish within {cellTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Turns kernel events into outputs (a display updated later keeps its place) and the error, if any.</summary>
    private static (List<CellOutput> Outputs, string? Error) Collect(IEnumerable<KernelEvent> events)
    {
        var outputs = new List<CellOutput>();
        var byValueId = new Dictionary<string, int>(StringComparer.Ordinal);
        string? error = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case DisplayedValueUpdated updated when updated.ValueId is { } id && byValueId.TryGetValue(id, out var index):
                    outputs[index] = ToOutput(OutputKind.Display, updated);
                    break;
                case ErrorProduced produced:
                    outputs.Add(new CellOutput(OutputKind.Error, new Dictionary<string, string> { [CellOutput.PlainText] = produced.Message }));
                    break;
                case DisplayEvent display:
                    var kind = display switch
                    {
                        StandardOutputValueProduced => OutputKind.StandardOutput,
                        StandardErrorValueProduced => OutputKind.StandardError,
                        ReturnValueProduced => OutputKind.ReturnValue,
                        _ => OutputKind.Display,
                    };
                    if (display.ValueId is { } valueId) byValueId[valueId] = outputs.Count;
                    outputs.Add(ToOutput(kind, display));
                    break;
                case CommandFailed failed:
                    error ??= string.IsNullOrWhiteSpace(failed.Message) ? failed.Exception?.ToString() ?? "the cell failed" : failed.Message;
                    break;
            }
        }
        return (outputs, error);
    }

    private static CellOutput ToOutput(OutputKind kind, DisplayEvent e)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in e.FormattedValues) values.TryAdd(v.MimeType, v.Value);
        return new CellOutput(kind, values);
    }

    private static void Enter()
    {
        lock (s_gate)
        {
            // Formatter registrations are process-wide: start each batch of runs from the defaults.
            if (s_active++ == 0) Formatter.ResetToDefault();
        }
    }

    private static void Exit()
    {
        lock (s_gate)
        {
            if (--s_active == 0) Formatter.ResetToDefault();
        }
    }
}
