using System.Text.RegularExpressions;

namespace Course.Grading;

/// <summary>Edits a classic <c>.sln</c> file: removes projects (and their configuration and nesting lines).</summary>
internal static partial class SolutionFile
{
    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""(?<name>[^""]*)""\s*,\s*""(?<path>[^""]*)""\s*,\s*""(?<guid>\{[^}]+\})""")]
    private static partial Regex ProjectLine();

    /// <summary>The solution text without the projects whose path (with '/') <paramref name="remove"/> accepts.</summary>
    public static string RemoveProjects(string text, Func<string, bool> remove)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var guids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var m = ProjectLine().Match(lines[i]);
            if (m.Success && remove(m.Groups["path"].Value.Replace('\\', '/')))
            {
                guids.Add(m.Groups["guid"].Value);
                while (i < lines.Count && lines[i].Trim() != "EndProject") i++;
                continue;
            }
            kept.Add(lines[i]);
        }
        // Configuration lines start with the project's GUID; nesting lines name it on either side.
        kept = kept.Where(l => !guids.Any(g => l.Contains(g, StringComparison.OrdinalIgnoreCase))).ToList();
        return string.Join(newline, kept);
    }

    /// <summary>The project paths (with '/') listed in the solution text.</summary>
    public static IReadOnlyList<string> ProjectPaths(string text)
        => text.Split('\n').Select(l => ProjectLine().Match(l.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/')).ToList();
}
