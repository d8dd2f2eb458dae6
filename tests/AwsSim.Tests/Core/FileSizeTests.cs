namespace AwsSim.Tests.Core;

/// <summary>
/// No source file in lib/ grows past about a screenful of screens: a file over <see cref="MaxLines"/> lines is a class
/// doing several jobs, and the fix is a collaborator, not a partial file. Exceptions are named with their reason.
/// </summary>
public class FileSizeTests
{
    private const int MaxLines = 400;

    /// <summary>Files allowed over the limit, each with the reason a reviewer accepted.</summary>
    private static readonly Dictionary<string, string> s_justified = new(StringComparer.Ordinal)
    {
        ["AwsSim/EventBridge/EventBridgeService.cs"] = "buses, rules, targets and routing share one rule table; Scheduler and the name checks are already out, and what is left is AWS's documented API",
    };

    [Fact]
    public void No_file_in_lib_is_over_about_400_lines()
    {
        var lib = Path.Combine(Paths.Root, "lib");
        var sep = Path.DirectorySeparatorChar;
        var offences = Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(lib, f).Replace('\\', '/'), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines && !s_justified.ContainsKey(f.File))
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        Assert.True(offences.Count == 0, $"files over {MaxLines} lines (split the class into collaborators):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_justified_exception_still_needs_to_be_one()
    {
        var lib = Path.Combine(Paths.Root, "lib");
        var stale = s_justified.Keys.Where(f => !File.Exists(Path.Combine(lib, f)) || File.ReadLines(Path.Combine(lib, f)).Count() <= MaxLines).ToList();
        Assert.True(stale.Count == 0, "remove these from the exceptions, they fit now:\n" + string.Join("\n", stale));
    }
}
