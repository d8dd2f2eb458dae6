using System.Diagnostics;
using System.Text;

namespace Course.Grading;

/// <summary>What a child process did: its exit code, whether it was stopped for running too long, and its output.</summary>
/// <param name="ExitCode">The exit code (-1 when it was killed).</param>
/// <param name="TimedOut">True when it ran past its wall-clock limit and was killed.</param>
/// <param name="Output">Standard output and error interleaved, the start and the end kept when it was long: a log for a
/// person to read, never data to parse (long lines and long outputs are cut).</param>
/// <param name="Elapsed">How long it ran.</param>
internal sealed record ProcessResult(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed)
{
    /// <summary>True when it exited by itself with code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;
}

/// <summary>What a child process wrote to its standard output, whole (up to a stated limit), for a caller that parses it.</summary>
/// <param name="ExitCode">The exit code (-1 when it was killed).</param>
/// <param name="TimedOut">True when it ran past its wall-clock limit and was killed.</param>
/// <param name="StandardOutput">Every byte written to standard output, or the first <c>maxBytes</c> when <paramref name="OutputCut"/>.</param>
/// <param name="Errors">Standard error, bounded like <see cref="ProcessResult.Output"/> (a log).</param>
/// <param name="OutputCut">True when standard output was longer than the caller's limit (the rest was read and dropped).</param>
/// <param name="Elapsed">How long it ran.</param>
internal sealed record CapturedOutput(int ExitCode, bool TimedOut, byte[] StandardOutput, string Errors, bool OutputCut, TimeSpan Elapsed)
{
    /// <summary>True when it exited by itself with code 0 and its whole output was read.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0 && !OutputCut;

    /// <summary>Standard output as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(StandardOutput);
}

/// <summary>
/// Runs child processes with a wall-clock limit. Two ways to read what they write: <see cref="Run"/> keeps a bounded log
/// (start and end, long lines cut) so code that prints forever cannot exhaust the grader's memory; <see cref="Capture"/>
/// keeps standard output whole, byte for byte, for callers that parse it (a file list, a report). Neither ever waits on a
/// pipe past the deadline: a grandchild that inherited the pipe and outlives the child cannot stall the caller.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How many characters of a log are kept (half from the start, half from the end).</summary>
    public const int MaxOutputChars = 64_000;

    /// <summary>
    /// How long to keep reading a pipe after the child has exited: output still in flight arrives within this, while a
    /// pipe held open by a grandchild would never close.
    /// </summary>
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> (each passed as one argument) and keeps a bounded log of its output.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var output = new BoundedText(MaxOutputChars);
        var (exit, timedOut, elapsed) = Execute(Start(fileName, arguments, workingDirectory, environment, clearEnvironment: false), limit, null,
            p => [ReadLines(p.StandardOutput, output), ReadLines(p.StandardError, output)]);
        return new ProcessResult(exit, timedOut, output.ToString(), elapsed);
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> and keeps its standard output whole, up to <paramref name="maxBytes"/> (what comes
    /// after is read and dropped, and <see cref="CapturedOutput.OutputCut"/> says so). Standard error is kept as a log.
    /// </summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="limit">Its wall-clock limit: it is killed (with its process tree) when it runs longer.</param>
    /// <param name="maxBytes">The most standard output kept.</param>
    /// <param name="standardInput">Bytes written to its standard input (then closed), or null for none.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="clearEnvironment">Start from an empty environment instead of the grader's own.</param>
    public static CapturedOutput Capture(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        long maxBytes = 1L << 30, byte[]? standardInput = null, IReadOnlyDictionary<string, string?>? environment = null, bool clearEnvironment = false)
    {
        var stdout = new BoundedBytes(maxBytes);
        var errors = new BoundedText(MaxOutputChars);
        var (exit, timedOut, elapsed) = Execute(Start(fileName, arguments, workingDirectory, environment, clearEnvironment), limit, standardInput,
            p => [CopyBytes(p.StandardOutput.BaseStream, stdout), ReadLines(p.StandardError, errors)]);
        return new CapturedOutput(exit, timedOut, stdout.ToArray(), errors.ToString(), stdout.Cut, elapsed);
    }

    private static ProcessStartInfo Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment, bool clearEnvironment)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (clearEnvironment) psi.Environment.Clear();
        else
        {
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            psi.Environment["MSBUILDTERMINALLOGGER"] = "off";
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
        }
        return psi;
    }

    /// <summary>
    /// Starts the process, feeds its input, waits for it up to <paramref name="limit"/> (killing its process tree after),
    /// then gives the readers a short grace to see the end of the pipes, and stops waiting either way.
    /// </summary>
    private static (int ExitCode, bool TimedOut, TimeSpan Elapsed) Execute(ProcessStartInfo psi, TimeSpan limit, byte[]? input, Func<Process, Task[]> readers)
    {
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.Start();
        var reading = readers(process);
        var writing = Task.Run(async () =>
        {
            try
            {
                if (input is not null) await process.StandardInput.BaseStream.WriteAsync(input).ConfigureAwait(false);
                process.StandardInput.Close(); // end of input: a Console.ReadLine gets null, not a hang
            }
            catch (IOException) { /* it exited without reading its input */ }
        });
        var exited = process.WaitForExit(limit);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it exited meanwhile */ }
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        // Bounded: a process that inherited the pipe (a learner's detached child) may keep it open for ever.
        Task.WaitAll([.. reading, writing], s_drainGrace);
        watch.Stop();
        var code = exited ? process.ExitCode : -1;
        return (code, !exited, watch.Elapsed);
    }

    /// <summary>
    /// Reads lines in blocks, keeping at most a quarter of the log per line: a child that writes gigabytes without a
    /// line break must not make the grader hold them (ReadLine would).
    /// </summary>
    private static Task ReadLines(StreamReader reader, BoundedText into) => Task.Run(async () =>
    {
        var buffer = new char[8192];
        var line = new StringBuilder();
        var cut = false;
        void Emit()
        {
            into.AppendLine(cut ? line + " …(line cut)" : line.ToString());
            line.Clear();
            cut = false;
        }
        try
        {
            int n;
            while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                foreach (var c in buffer.AsSpan(0, n))
                {
                    if (c == '\n') Emit();
                    else if (c == '\r') continue;
                    else if (line.Length < MaxOutputChars / 4) line.Append(c);
                    else cut = true;
                }
            }
            if (line.Length > 0 || cut) Emit();
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    });

    private static Task CopyBytes(Stream stream, BoundedBytes into) => Task.Run(async () =>
    {
        var buffer = new byte[81920];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0) into.Append(buffer.AsSpan(0, n));
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    });

    /// <summary>Runs the <c>dotnet</c> command line.</summary>
    public static ProcessResult Dotnet(IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IReadOnlyDictionary<string, string?>? environment = null)
        => Run(DotnetHost, arguments, workingDirectory, limit, environment);

    /// <summary>The dotnet host running this process when there is one (so the same SDK is used), else <c>dotnet</c>.</summary>
    public static string DotnetHost
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
            var self = Environment.ProcessPath;
            if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            return "dotnet";
        }
    }

    /// <summary>Keeps the first <c>max</c> bytes and counts the rest.</summary>
    private sealed class BoundedBytes(long max)
    {
        private readonly MemoryStream _kept = new();

        public bool Cut { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            lock (_kept)
            {
                var room = max - _kept.Length;
                if (room >= bytes.Length) { _kept.Write(bytes); return; }
                if (room > 0) _kept.Write(bytes[..(int)room]);
                Cut = true;
            }
        }

        public byte[] ToArray()
        {
            lock (_kept) return _kept.ToArray();
        }
    }

    /// <summary>Keeps the first and the last part of a long text.</summary>
    private sealed class BoundedText(int max)
    {
        private readonly StringBuilder _head = new();
        private readonly Queue<string> _tail = new();
        private int _tailChars;
        private long _dropped;

        public void AppendLine(string line)
        {
            lock (this)
            {
                if (line.Length > max / 4) line = line[..(max / 4)] + " …(line cut)";
                if (_head.Length + line.Length < max / 2)
                {
                    _head.Append(line).Append('\n');
                    return;
                }
                _tail.Enqueue(line);
                _tailChars += line.Length + 1;
                while (_tailChars > max / 2 && _tail.Count > 0)
                {
                    _tailChars -= _tail.Dequeue().Length + 1;
                    _dropped++;
                }
            }
        }

        public override string ToString()
        {
            lock (this)
            {
                var sb = new StringBuilder(_head.ToString());
                if (_dropped > 0) sb.Append("…(").Append(_dropped).Append(" lines cut)…\n");
                foreach (var l in _tail) sb.Append(l).Append('\n');
                return sb.ToString();
            }
        }
    }
}
