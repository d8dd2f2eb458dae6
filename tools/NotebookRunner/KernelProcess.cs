using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace NotebookRunner;

/// <summary>
/// The real .NET Interactive kernel in its own process, the one VS Code's Polyglot Notebooks starts:
/// <c>dotnet tool run dotnet-interactive -- stdio</c> (the version pinned in <c>.config/dotnet-tools.json</c>), in the
/// notebook's folder, spoken to with its JSON-lines protocol (one command envelope per line in, events out).
/// </summary>
/// <remarks>
/// Out of process, a cell that calls <c>Environment.Exit</c>, overflows the stack or hangs takes down only the kernel:
/// the runner reports it as that cell's failure. And nothing is shared with the runner's own process, so a lesson that
/// relies on an assembly the runner happens to have loaded fails here as it would in VS Code.
/// </remarks>
public sealed class KernelProcess : IAsyncDisposable
{
    private const int StderrKeptChars = 16_000;

    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>(new() { SingleReader = true });
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private int _next;
    private volatile bool _ready;
    private static readonly HashSet<string> s_restored = new(StringComparer.Ordinal);

    private KernelProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>True once the kernel process has exited (by itself, or killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the kernel working in <paramref name="workingDirectory"/> (the notebook's folder: relative <c>#r</c> paths
    /// resolve against it, as in VS Code). The tool comes from the tool manifest found above that folder (or above this
    /// runner); when it is not restored yet, <c>dotnet tool restore</c> runs once first.
    /// </summary>
    public static async Task<KernelProcess> StartAsync(string workingDirectory, CancellationToken cancellationToken = default)
    {
        // The tool runs from the folder whose manifest pins it (the notebook's course, else the one this runner belongs
        // to); the kernel itself works in the notebook's folder (--working-dir, as VS Code passes it).
        var toolDirectory = FindManifestDirectory(workingDirectory, AppContext.BaseDirectory, Environment.CurrentDirectory)
            ?? throw new KernelStartException(
                $"no tool manifest (.config/dotnet-tools.json naming microsoft.dotnet-interactive) above {workingDirectory}: "
                + "run the notebook from inside the course folder, or use --in-process");
        bool known;
        lock (s_restored) known = s_restored.Contains(toolDirectory);
        if (!known && !await ToolIsRestoredAsync(toolDirectory, cancellationToken).ConfigureAwait(false))
        {
            var (code, output) = await RunToCompletionAsync(toolDirectory, ["tool", "restore"], cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new KernelStartException(
                    $"could not restore the notebook kernel (dotnet tool restore in {toolDirectory}): {Tail(output, 600)}");
            }
        }
        lock (s_restored) s_restored.Add(toolDirectory);
        var start = StartInfo(toolDirectory);
        foreach (var a in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory })
        {
            start.ArgumentList.Add(a);
        }
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new KernelStartException("could not start dotnet");
        return new KernelProcess(process);
    }

    /// <summary>The first folder at or above one of <paramref name="starts"/> with a tool manifest that pins the kernel.</summary>
    internal static string? FindManifestDirectory(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                foreach (var manifest in new[] { Path.Combine(dir.FullName, ".config", "dotnet-tools.json"), Path.Combine(dir.FullName, "dotnet-tools.json") })
                {
                    if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("microsoft.dotnet-interactive", StringComparison.OrdinalIgnoreCase)) return dir.FullName;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Runs one cell's code and collects its outputs. Returns the error when the cell failed, did not finish within
    /// <paramref name="timeout"/> (the kernel is then stopped), or ended the kernel process.
    /// </summary>
    public async Task<(List<CellOutput> Outputs, string? Error)> SubmitAsync(string code, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var outputs = new List<CellOutput>();
        if (_process.HasExited) return (outputs, ExitedMessage());
        var token = $"cell-{++_next}";
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
        };
        try
        {
            await _process.StandardInput.WriteLineAsync(envelope.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return (outputs, ExitedMessage());
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var byValueId = new Dictionary<string, int>(StringComparer.Ordinal);
        string? error = null;
        try
        {
            while (true)
            {
                if (!await _events.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
                {
                    // The kernel closed its output: it has exited, or is about to. Let stderr and the exit code settle.
                    _process.WaitForExit(5_000);
                    await Task.WhenAny(_stderrPump, Task.Delay(2_000, CancellationToken.None)).ConfigureAwait(false);
                    return (outputs, ExitedMessage());
                }
                while (_events.Reader.TryRead(out var e))
                {
                    var commandToken = e["command"]?["token"]?.GetValue<string>();
                    // A cell's own command, or one the kernel split it into ("cell-3.1"); anything else is not ours.
                    if (commandToken is null || (commandToken != token && !commandToken.StartsWith(token + ".", StringComparison.Ordinal))) continue;
                    var type = e["eventType"]?.GetValue<string>();
                    var body = e["event"] as JsonObject;
                    switch (type)
                    {
                        case "StandardOutputValueProduced": outputs.Add(ToOutput(OutputKind.StandardOutput, body, byValueId, outputs.Count)); break;
                        case "StandardErrorValueProduced": outputs.Add(ToOutput(OutputKind.StandardError, body, byValueId, outputs.Count)); break;
                        case "ReturnValueProduced": outputs.Add(ToOutput(OutputKind.ReturnValue, body, byValueId, outputs.Count)); break;
                        case "DisplayedValueProduced": outputs.Add(ToOutput(OutputKind.Display, body, byValueId, outputs.Count)); break;
                        case "DisplayedValueUpdated":
                            if (body?["valueId"]?.GetValue<string>() is { } id && byValueId.TryGetValue(id, out var index))
                            {
                                outputs[index] = ToOutput(OutputKind.Display, body, byValueId, index);
                            }
                            break;
                        case "ErrorProduced":
                            outputs.Add(new CellOutput(OutputKind.Error, new Dictionary<string, string> { [CellOutput.PlainText] = body?["message"]?.GetValue<string>() ?? "" }));
                            break;
                        case "CommandFailed" when commandToken == token:
                            error = body?["message"]?.GetValue<string>() is { Length: > 0 } m ? m : "the cell failed";
                            return (outputs, error);
                        case "CommandSucceeded" when commandToken == token:
                            return (outputs, null);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            return (outputs, $"the cell did not finish within {timeout.TotalSeconds:0} s, so the kernel was stopped");
        }
    }

    /// <summary>Stops the kernel and every process it started.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild still holds a pipe open: nothing more to read that matters.
        }
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            // `dotnet tool run` starts the kernel as a child: kill the whole tree, or the kernel is orphaned.
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string ExitedMessage()
    {
        string tail;
        lock (_stderr) tail = _stderr.ToString();
        var code = _process.HasExited ? _process.ExitCode : -1;
        if (!_ready)
        {
            return $"the notebook kernel (dotnet tool run dotnet-interactive, from .config/dotnet-tools.json) did not start: exit code {code}. "
                   + "Run `dotnet tool restore` in the course folder, or use --in-process." + (tail.Length > 0 ? "\n" + Tail(tail, 1200) : "");
        }
        var why = tail.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)
            ? "a stack overflow crashed it"
            : "the cell ended the process (e.g. Environment.Exit) or crashed it";
        var message = $"the kernel process exited with code {code} while running this cell: {why}";
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? message : message + "\n" + string.Join('\n', lines.Take(12)) + (lines.Length > 12 ? $"\n… ({lines.Length - 12} more lines)" : "");
    }

    private static CellOutput ToOutput(OutputKind kind, JsonObject? body, Dictionary<string, int> byValueId, int index)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body?["formattedValues"] is JsonArray formatted)
        {
            foreach (var v in formatted)
            {
                if (v?["mimeType"]?.GetValue<string>() is { } mime && v["value"]?.GetValue<string>() is { } value) values.TryAdd(mime, value);
            }
        }
        if (body?["valueId"] is JsonValue valueId && valueId.TryGetValue<string>(out var id)) byValueId[id] = index;
        return new CellOutput(kind, values);
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                // The first start on a machine prints a telemetry banner before the JSON: skip what is not an event.
                if (!line.StartsWith('{')) continue;
                try
                {
                    if (JsonNode.Parse(line) is JsonObject e)
                    {
                        _ready = true;
                        await _events.Writer.WriteAsync(e).ConfigureAwait(false);
                    }
                }
                catch (JsonException)
                {
                    // Not an event line.
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                // Keep the start: a crash report's first lines say what happened; the rest repeats frames.
                if (_stderr.Length < StderrKeptChars) _stderr.Append(buffer, 0, Math.Min(read, StderrKeptChars - _stderr.Length));
            }
        }
    }

    private static async Task<bool> ToolIsRestoredAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var (code, _) = await RunToCompletionAsync(workingDirectory, ["tool", "run", "dotnet-interactive", "--", "--version"], cancellationToken).ConfigureAwait(false);
        return code == 0;
    }

    private static async Task<(int Code, string Output)> RunToCompletionAsync(string workingDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = StartInfo(workingDirectory);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new KernelStartException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static ProcessStartInfo StartInfo(string workingDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return start;
    }

    private static string Tail(string text, int chars) => text.Length <= chars ? text.Trim() : "…" + text[^chars..].Trim();
}

/// <summary>The notebook kernel could not be started (the message says why and what to do).</summary>
public sealed class KernelStartException(string message) : Exception(message);

/// <summary>Finds the <c>dotnet</c> host: the one running this program when there is one, else the one on the PATH.</summary>
internal static class DotnetHost
{
    /// <summary>The host's path, or plain <c>dotnet</c> to let the PATH decide.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var self = Environment.ProcessPath;
        if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
