using System.Globalization;

namespace Exercises.Tests;

/// <summary>
/// The other test programs a <c>dotnet test</c> runs beside this one (its children, started with the same test-platform
/// server option as this process). The score is reported after they end, so it is the last thing before the summary.
/// Linux only (it reads /proc); elsewhere, and outside <c>dotnet test</c>, it does not wait.
/// </summary>
internal static class SiblingTestPrograms
{
    /// <summary>Waits until no sibling test program has run for a few seconds, or <paramref name="atMost"/> has passed.</summary>
    public static void WaitUntilDone(TimeSpan atMost)
    {
        if (!OperatingSystem.IsLinux()) return;
        var self = Environment.ProcessId;
        var parent = ParentOf(self);
        var marker = Marker(self);
        if (parent is null || marker is null) return;
        var deadline = DateTime.UtcNow + atMost;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            if (Siblings(self, parent.Value, marker).Any()) quietSince = DateTime.UtcNow;
            else if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(3)) return; // the next one may be starting: give it a moment
            Thread.Sleep(250);
        }
    }

    /// <summary>The option the test CLI starts its test programs with (e.g. <c>--dotnet-test-pipe</c>), or null.</summary>
    private static string? Marker(int pid)
        => CommandLine(pid).FirstOrDefault(a => a.StartsWith("--dotnet-test", StringComparison.Ordinal) || a == "dotnettestcli");

    private static IEnumerable<int> Siblings(int self, int parent, string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self) continue;
            if (ParentOf(pid) == parent && CommandLine(pid).Contains(marker)) yield return pid;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
