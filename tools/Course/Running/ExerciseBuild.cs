using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Course.Running;

/// <summary>
/// Builds what the notebooks <c>#r</c> (<c>notebooks/Lessons.slnf</c>: the library, its local HTTP endpoint, the
/// learner's exercises and the checks) in Debug, the configuration the notebooks' <c>#r</c> paths name, so a lesson always
/// runs against the current code. The CLI does not reference the exercises itself, so a learner's compile error cannot
/// break it.
/// </summary>
internal static partial class ExerciseBuild
{
    /// <summary>The project built, relative to the course root.</summary>
    public const string Project = "notebooks/Lessons.slnf";

    /// <summary>The outcome: success, the distinct compiler errors (paths relative to the root) and the full log.</summary>
    public sealed record Result(bool Success, IReadOnlyList<string> Errors, string Log, TimeSpan Elapsed);

    /// <summary>Runs the build in <paramref name="root"/>.</summary>
    public static Result Run(string root)
    {
        var stopwatch = Stopwatch.StartNew();
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "build", Project, "-c", "Debug", "--nologo", "-v", "q" }) start.ArgumentList.Add(a);
        // No colour codes or terminal logger in the captured log.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var log = stdout + stderr.Result;
        var errors = ErrorLine().Matches(log).Select(m => Shorten(m.Value.Trim(), root)).Distinct().ToList();
        if (process.ExitCode != 0 && errors.Count == 0)
        {
            errors = log.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(10).ToList();
        }
        return new Result(process.ExitCode == 0, errors, log, stopwatch.Elapsed);
    }

    /// <summary>The dotnet host running this program when there is one, else <c>dotnet</c> from the PATH.</summary>
    private static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }

    /// <summary>Drops the project suffix MSBuild appends and makes paths relative to the course root.</summary>
    private static string Shorten(string line, string root)
    {
        var s = ProjectSuffix().Replace(line, "");
        var prefix = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return s.Replace(prefix, "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^.*(?:error|fout)\s+[A-Z]+\d+:.*$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\s*\[[^\[\]]+\.csproj\]\s*$")]
    private static partial Regex ProjectSuffix();
}
