using System.Diagnostics;
using System.Text;

namespace Course.Grading;

/// <summary>What a child process did: its exit code, whether it was stopped for running too long, and its output.</summary>
/// <param name="ExitCode">The exit code (-1 when it was killed).</param>
/// <param name="TimedOut">True when it ran past its wall-clock limit and was killed.</param>
/// <param name="Output">Standard output and error interleaved, the start and the end kept when it was long.</param>
/// <param name="Elapsed">How long it ran.</param>
internal sealed record ProcessResult(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed)
{
    /// <summary>True when it exited by itself with code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;
}

/// <summary>
/// Runs a child process with a wall-clock limit (the whole process tree is killed when it is exceeded) and keeps a bounded
/// amount of its output, so a learner's code that prints forever cannot exhaust the grader's memory.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How many characters of output are kept (half from the start, half from the end).</summary>
    public const int MaxOutputChars = 64_000;

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> (each passed as one argument).</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IReadOnlyDictionary<string, string?>? environment = null)
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
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["MSBUILDTERMINALLOGGER"] = "off";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
        }

        var output = new BoundedText(MaxOutputChars);
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close(); // nothing to read: a learner's Console.ReadLine gets end-of-input, not a hang
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(limit);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it exited meanwhile */ }
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        else
        {
            process.WaitForExit(); // drains the redirected output
        }
        watch.Stop();
        return new ProcessResult(exited ? process.ExitCode : -1, !exited, output.ToString(), watch.Elapsed);
    }

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
