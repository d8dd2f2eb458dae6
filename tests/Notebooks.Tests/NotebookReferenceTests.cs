using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Notebooks.Tests;

/// <summary>
/// Every assembly a lesson loads with <c>#r "…dll"</c> has its dependencies beside it. The real kernel (VS Code,
/// <c>dotnet repl</c>) finds a dependency only there or in the shared framework; the in-process runner shares its own
/// loaded assemblies and would hide a missing one (lesson 05 once failed in VS Code for want of ImageSharp).
/// </summary>
public sealed partial class NotebookReferenceTests
{
    [GeneratedRegex(@"^\s*#r\s+""(?!nuget:)(?<path>[^""]+\.dll)""", RegexOptions.Multiline)]
    private static partial Regex HashR();

    [Theory]
    [MemberData(nameof(Paths.Notebooks), MemberType = typeof(Paths))]
    public void Every_dependency_of_what_a_lesson_loads_is_beside_it_or_in_the_shared_framework(string notebook)
    {
        // The notebooks name bin/Debug (what `dotnet build` makes); this test run's own configuration was built too.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var loaded = Paths.Cells(notebook).Where(c => c.Type == "code").SelectMany(c => HashR().Matches(c.Source))
            .Select(m => Path.GetFullPath(Path.Combine(Paths.NotebooksFolder, m.Groups["path"].Value.Replace("/bin/Debug/", $"/bin/{configuration}/", StringComparison.Ordinal))))
            .ToList();
        Assert.NotEmpty(loaded);
        var frameworks = SharedFrameworkFolders();
        var missing = new List<string>();
        foreach (var dll in loaded)
        {
            Assert.True(File.Exists(dll), $"{notebook} loads {dll}, which the build did not make");
            foreach (var reference in References(dll))
            {
                var beside = Path.Combine(Path.GetDirectoryName(dll)!, reference + ".dll");
                var found = File.Exists(beside)
                            || loaded.Any(l => Path.GetFileNameWithoutExtension(l) == reference)
                            || frameworks.Any(f => File.Exists(Path.Combine(f, reference + ".dll")));
                if (!found) missing.Add($"{Path.GetFileName(dll)} needs {reference}");
            }
        }
        Assert.True(missing.Count == 0, $"{notebook}: the real kernel cannot find: {string.Join("; ", missing)}");
    }

    private static IEnumerable<string> References(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
    }

    /// <summary>The .NET runtime's folder and its sibling shared frameworks of the same version (ASP.NET Core).</summary>
    private static List<string> SharedFrameworkFolders()
    {
        var core = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(core);
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(core))!;
        return Directory.GetDirectories(shared).Select(f => Path.Combine(f, version)).Where(Directory.Exists).ToList();
    }
}
