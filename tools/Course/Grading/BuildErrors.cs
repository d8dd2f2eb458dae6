using System.Text.RegularExpressions;

namespace Course.Grading;

/// <summary>Picks the compiler's error lines out of <c>dotnet build</c> output.</summary>
internal static partial class BuildErrors
{
    [GeneratedRegex(@"^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<col>\d+)\): error (?<code>[A-Z]+\d+): (?<msg>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@": error (?<code>[A-Z]+\d*): (?<msg>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex AnyError();

    /// <summary>
    /// The distinct error lines as <c>file(line,col): error CODE: message</c>, with paths made relative to
    /// <paramref name="baseDirectory"/> (and <paramref name="displayPrefix"/> put in front, e.g. <c>exercises/</c>).
    /// </summary>
    public static IReadOnlyList<string> Parse(string buildOutput, string? baseDirectory = null, string displayPrefix = "")
    {
        var result = new List<string>();
        foreach (var raw in buildOutput.Split('\n'))
        {
            var line = raw.Trim();
            var m = CompilerError().Match(line);
            string text;
            if (m.Success)
            {
                var file = m.Groups["file"].Value.Trim();
                if (baseDirectory is not null && Path.IsPathRooted(file))
                {
                    var rel = Path.GetRelativePath(baseDirectory, file);
                    if (!rel.StartsWith("..", StringComparison.Ordinal)) file = displayPrefix + rel.Replace('\\', '/');
                }
                text = $"{file}({m.Groups["line"].Value},{m.Groups["col"].Value}): error {m.Groups["code"].Value}: {m.Groups["msg"].Value}";
            }
            else
            {
                var a = AnyError().Match(line);
                if (!a.Success) continue;
                text = $"error {a.Groups["code"].Value}: {a.Groups["msg"].Value}";
            }
            if (!result.Contains(text)) result.Add(text);
        }
        return result;
    }
}
