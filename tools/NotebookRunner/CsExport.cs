using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Writes a notebook as a .NET 10 file-based app (<c>dotnet run lesson.cs</c>), so a lesson runs without Polyglot
/// Notebooks or .NET Interactive: markdown becomes comments (headings are also printed), <c>#r</c> lines become
/// <c>#:project</c> / <c>#:package</c> directives, code cells become top-level statements in cell order, and
/// <c>display(…)</c> / <c>HTML(…)</c> are small shims that print text.
/// </summary>
/// <remarks>
/// What changes from the notebook, and why:
/// <list type="bullet">
/// <item><c>using</c> directives are moved to the top and type declarations (a class in a cell) to the end: C# wants
/// usings first and top-level statements before types.</item>
/// <item>A cell that ends with an expression (its value is shown in a notebook) gets it wrapped in <c>display(…);</c>.</item>
/// <item><c>#:property ManagePackageVersionsCentrally=false</c> when the lesson uses a package: the course's central
/// package management refuses the version that <c>#:package Name@version</c> gives.</item>
/// <item><c>#:property PublishAot=false</c>: file-based apps default to native AOT, which breaks reflection-based JSON.</item>
/// <item><c>#:property TreatWarningsAsErrors=false</c>: the course's Directory.Build.props makes warnings errors, and
/// notebook code is written for a kernel that does not.</item>
/// </list>
/// </remarks>
public static partial class CsExport
{
    /// <summary>The C# file for the notebook at <paramref name="notebookPath"/>, to be written into <paramref name="outDirectory"/>.</summary>
    /// <param name="notebookPath">The .ipynb file.</param>
    /// <param name="outDirectory">Where the .cs file will be (the <c>#:project</c> paths are relative to it).</param>
    /// <param name="courseRoot">The course folder (with lib/, exercises/, tests/).</param>
    public static string ToCSharp(string notebookPath, string outDirectory, string courseRoot)
    {
        var document = NotebookFile.Load(notebookPath);
        var usings = new List<string>();
        var types = new List<string>();
        var body = new StringBuilder();
        var packages = new List<(string Name, string Version)>();
        var allCode = new StringBuilder();
        var projects = new List<string>();
        var title = Path.GetFileNameWithoutExtension(notebookPath);
        var first = true;

        foreach (var element in document.Elements)
        {
            var source = (element.Contents ?? "").Replace("\r\n", "\n");
            if (element.KernelName == "markdown")
            {
                if (first && TitleLine().Match(source) is { Success: true } t) title = t.Groups[1].Value.Trim();
                first = false;
                body.AppendLine();
                foreach (var line in source.TrimEnd('\n').Split('\n')) body.AppendLine(line.Length == 0 ? "//" : "// " + line);
                foreach (Match h in HeadingLine().Matches(source)) body.Append("NotebookShims.Heading(").Append(Literal(h.Value.Trim())).AppendLine(");");
                continue;
            }
            first = false;
            if (string.IsNullOrWhiteSpace(source)) continue;
            allCode.AppendLine(source);
            var kept = new List<string>();
            foreach (var line in source.Split('\n'))
            {
                if (NugetReference().Match(line) is { Success: true } nuget)
                {
                    packages.Add((nuget.Groups["name"].Value.Trim(), nuget.Groups["version"].Value.Trim()));
                    continue;
                }
                if (BuiltAssemblyReference().Match(line) is { Success: true } dll)
                {
                    // #r "../lib/X/bin/Debug/net10.0/X.dll" → #:project ../lib/X/X.csproj (built with the app).
                    var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, dll.Groups["dir"].Value, dll.Groups["name"].Value + ".csproj"));
                    if (File.Exists(project) && !projects.Contains(project)) projects.Add(project);
                    continue;
                }
                if (HashLine().IsMatch(line)) continue;         // other #r "…dll", #!magic: the directives above replace them
                if (UsingDirective().IsMatch(line)) { if (!usings.Contains(line.Trim())) usings.Add(line.Trim()); continue; }
                kept.Add(line);
            }
            var (statements, declarations) = SplitTypeDeclarations(kept);
            types.AddRange(declarations);
            WrapTrailingExpression(statements);
            if (statements.All(string.IsNullOrWhiteSpace)) continue;
            body.AppendLine();
            body.AppendLine("// ---- code cell");
            foreach (var line in TrimBlankEdges(statements)) body.AppendLine(line);
        }

        // The library always; the exercise checks when the lesson checks exercises, even without a #r for them.
        var code = allCode.ToString();
        var library = Path.GetFullPath(Path.Combine(courseRoot, "lib", "AwsSim", "AwsSim.csproj"));
        if (!projects.Contains(library)) projects.Insert(0, library);
        var checks = Path.GetFullPath(Path.Combine(courseRoot, "tests", "Exercises.Checks", "Exercises.Checks.csproj"));
        if (!projects.Contains(checks) && (code.Contains("Exercises.Checks", StringComparison.Ordinal) || code.Contains("Check.Exercise(", StringComparison.Ordinal))) projects.Add(checks);
        var exercises = Path.GetFullPath(Path.Combine(courseRoot, "exercises", "Exercises.csproj"));
        if (!projects.Contains(exercises) && ExercisesNamespace().IsMatch(code)) projects.Add(exercises);

        var sb = new StringBuilder();
        sb.AppendLine("#!/usr/bin/env dotnet");
        sb.Append("// ").AppendLine(title);
        sb.Append("// Exported from notebooks/").Append(Path.GetFileName(notebookPath)).AppendLine(" by `course export --to cs`. Run it with:");
        sb.Append("//   dotnet run ").AppendLine(Path.GetFileNameWithoutExtension(notebookPath) + ".cs");
        sb.AppendLine("// (the first run builds the library and takes a while; later runs start fast).");
        foreach (var p in projects)
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(outDirectory), p).Replace('\\', '/');
            sb.Append("#:project ").AppendLine(relative);
        }
        foreach (var (name, version) in packages.Distinct())
        {
            sb.Append("#:package ").Append(name).Append(version.Length > 0 ? "@" + version : "").AppendLine();
        }
        // Inside the course folder, Directory.Packages.props turns on central package management, which refuses a
        // version on #:package (NU1008). The lesson names its own versions, inside the course folder or outside it.
        if (packages.Count > 0) sb.AppendLine("#:property ManagePackageVersionsCentrally=false");
        sb.AppendLine("#:property PublishAot=false");
        sb.AppendLine("#:property TreatWarningsAsErrors=false");
        sb.AppendLine();
        foreach (var u in usings) sb.AppendLine(u);
        sb.AppendLine("using static NotebookShims;");
        sb.AppendLine();
        sb.AppendLine("NotebookShims.Start();");
        sb.Append(body);
        sb.AppendLine();
        foreach (var t in types) { sb.AppendLine(t.TrimEnd()); sb.AppendLine(); }
        sb.Append(Shims);
        return sb.ToString();
    }

    /// <summary>Writes <c>&lt;outDirectory&gt;/&lt;name&gt;.cs</c> and returns its path.</summary>
    public static string Write(string notebookPath, string outDirectory, string courseRoot)
    {
        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(notebookPath) + ".cs");
        File.WriteAllText(path, ToCSharp(notebookPath, outDirectory, courseRoot), new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// Moves type declarations that start at the beginning of a line (<c>class X … { … }</c>, <c>record R(…);</c>) out
    /// of the statements.
    /// </summary>
    private static (List<string> Statements, List<string> Declarations) SplitTypeDeclarations(List<string> lines)
    {
        var statements = new List<string>();
        var declarations = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!TypeDeclaration().IsMatch(lines[i])) { statements.Add(lines[i]); continue; }
            var decl = new StringBuilder();
            var depth = 0;
            var opened = false;
            for (; i < lines.Count; i++)
            {
                decl.AppendLine(lines[i]);
                foreach (var ch in StripStringsAndComments(lines[i]))
                {
                    if (ch == '{') { depth++; opened = true; }
                    else if (ch == '}') depth--;
                }
                var trimmed = lines[i].TrimEnd();
                if ((opened && depth <= 0) || (!opened && depth == 0 && trimmed.EndsWith(';'))) break;
            }
            declarations.Add(decl.ToString());
        }
        return (statements, declarations);
    }

    /// <summary>A cell ending in an expression shows its value: wrap that expression in <c>display(…);</c>.</summary>
    private static void WrapTrailingExpression(List<string> lines)
    {
        var last = lines.FindLastIndex(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        if (last < 0) return;
        if (EndsStatement(lines[last])) return;
        // Walk back to where the expression starts: brackets balanced, and the line before ends a statement.
        var start = -1;
        var depth = 0;
        for (var k = last; k >= 0; k--)
        {
            foreach (var ch in StripStringsAndComments(lines[k]))
            {
                if (ch is ')' or '}' or ']') depth++;
                else if (ch is '(' or '{' or '[') depth--;
            }
            if (depth < 0) return;
            if (depth == 0 && (k == 0 || lines[k - 1].Trim().Length == 0 || lines[k - 1].TrimStart().StartsWith("//", StringComparison.Ordinal) || EndsStatement(lines[k - 1])))
            {
                start = k;
                break;
            }
        }
        if (start < 0) return;
        var indent = lines[start][..(lines[start].Length - lines[start].TrimStart().Length)];
        lines[start] = indent + "display(" + lines[start].TrimStart();
        var comment = CommentStart(lines[last]);
        var code = (comment < 0 ? lines[last] : lines[last][..comment]).TrimEnd();
        lines[last] = code + ");" + lines[last][code.Length..];
    }

    /// <summary>True when the line (without its trailing comment) ends a statement or opens/closes a block.</summary>
    private static bool EndsStatement(string line)
    {
        var end = StripStringsAndComments(line).TrimEnd();
        return end.EndsWith(';') || end.EndsWith('}') || end.EndsWith('{');
    }

    private static IEnumerable<string> TrimBlankEdges(List<string> lines)
    {
        var from = lines.FindIndex(l => l.Trim().Length > 0);
        var to = lines.FindLastIndex(l => l.Trim().Length > 0);
        return from < 0 ? [] : lines.Skip(from).Take(to - from + 1);
    }

    /// <summary>Where a <c>//</c> comment starts in the line (outside string and char literals), or -1.</summary>
    private static int CommentStart(string line)
    {
        var inString = false; var verbatim = false; var inChar = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (verbatim) { if (c == '"') { if (i + 1 < line.Length && line[i + 1] == '"') i++; else inString = false; } }
                else if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (inChar)
            {
                if (c == '\\') i++;
                else if (c == '\'') inChar = false;
            }
            else if (c == '"') { inString = true; verbatim = i > 0 && line[i - 1] == '@'; }
            else if (c == '\'') inChar = true;
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/') return i;
        }
        return -1;
    }

    private static string StripStringsAndComments(string line)
    {
        var s = StringLiteral().Replace(line, "\"\"");
        var comment = s.IndexOf("//", StringComparison.Ordinal);
        return comment >= 0 ? s[..comment] : s;
    }

    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The notebook helpers, as plain C# (appended to every exported lesson).</summary>
    private const string Shims = """
        /// <summary>
        /// Stand-ins for the notebook kernel's helpers, so the lesson runs as a plain program: display(x) prints x as text,
        /// HTML(s) is a value that prints as readable text ([picture: …], [chart: …], tables as rows).
        /// </summary>
        static class NotebookShims
        {
            /// <summary>Sets up what a notebook has for free: the exercise checks find the course folder.</summary>
            public static void Start()
            {
                Console.OutputEncoding = System.Text.Encoding.UTF8;
                if (Environment.GetEnvironmentVariable("COURSE_SNAPSHOTS_DIR") is { Length: > 0 }) return;
                var start = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (!File.Exists(Path.Combine(dir.FullName, "Course.sln"))) continue;
                    Environment.SetEnvironmentVariable("COURSE_SNAPSHOTS_DIR", Path.Combine(dir.FullName, "tests", "Exercises.Tests", "__snapshots__"));
                    return;
                }
            }

            /// <summary>Prints a markdown heading of the lesson.</summary>
            public static void Heading(string line) { Console.WriteLine(); Console.WriteLine(line); }

            /// <summary>Prints a value the way the terminal shows it.</summary>
            public static void display(object? value)
            {
                switch (value)
                {
                    case null: Console.WriteLine("null"); break;
                    case string s: Console.WriteLine(s); break;
                    case System.Collections.IEnumerable items when value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object):
                        foreach (var item in items) Console.WriteLine(item);
                        break;
                    default: Console.WriteLine(value); break;
                }
            }

            /// <summary>HTML to show; prints as text.</summary>
            public static HtmlText HTML(string html) => new(html);

            /// <summary>HTML that prints as text.</summary>
            public sealed record HtmlText(string Html)
            {
                /// <inheritdoc />
                public override string ToString()
                {
                    var title = System.Text.RegularExpressions.Regex.Match(Html, @"<title[^>]*>(.*?)</title>", System.Text.RegularExpressions.RegexOptions.Singleline);
                    if (Html.Contains("Plotly.newPlot", StringComparison.Ordinal))
                    {
                        var t = System.Text.RegularExpressions.Regex.Match(Html, "\"title\"\\s*:\\s*(?:\\{\\s*\"text\"\\s*:\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"");
                        return $"[chart: {(t.Success ? System.Text.RegularExpressions.Regex.Unescape(t.Groups[1].Value) : "plotly chart")}] (open the lesson in VS Code or export it with `course run --html` to see it)";
                    }
                    if (Html.Contains("<svg", StringComparison.OrdinalIgnoreCase)) return $"[picture: {(title.Success ? Text(title.Groups[1].Value) : "diagram")}]";
                    var s = System.Text.RegularExpressions.Regex.Replace(Html, @"<(style|script)\b.*?</\1>", "", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                    s = System.Text.RegularExpressions.Regex.Replace(s, @"</t[dh]>\s*<t[dh][^>]*>", " | ", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                    s = System.Text.RegularExpressions.Regex.Replace(s, @"<br\s*/?>|</(tr|p|div|li|h\d|pre)>", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                    return string.Join('\n', Text(s).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
                }

                private static string Text(string html) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
            }
        }

        """;

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline)] private static partial Regex TitleLine();
    [GeneratedRegex(@"^#{1,2}\s+\S.*$", RegexOptions.Multiline)] private static partial Regex HeadingLine();
    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<name>[^,""]+)(?:,\s*(?<version>[^""]*))?""\s*$")] private static partial Regex NugetReference();
    [GeneratedRegex(@"^\s*#(r\s|!)")] private static partial Regex HashLine();
    [GeneratedRegex(@"^\s*#r\s+""(?<dir>[^""]*?)/bin/[^/""]+/net[\d.]+/(?<name>[^/""]+)\.dll""\s*$")] private static partial Regex BuiltAssemblyReference();
    [GeneratedRegex(@"^\s*using\s+(static\s+)?(\w+\s*=\s*)?[A-Za-z_][\w.]*(<[^;]*>)?\s*;\s*(//.*)?$")] private static partial Regex UsingDirective();
    [GeneratedRegex(@"^((public|internal|private|sealed|static|abstract|partial|readonly|file)\s+)*(class|record|struct|interface|enum)\s+[A-Za-z_]")] private static partial Regex TypeDeclaration();
    [GeneratedRegex(@"\bExercises\.(?!Checks\b)[A-Z]")] private static partial Regex ExercisesNamespace();
    [GeneratedRegex(@"@""(?:[^""]|"""")*""|""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)'")] private static partial Regex StringLiteral();
}
