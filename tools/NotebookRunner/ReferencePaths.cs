using System.Reflection;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Makes a cell's <c>#r "relative/path.dll"</c> lines independent of the process's current directory.
/// </summary>
/// <remarks>
/// The in-process kernel resolves a relative <c>#r</c> against the process's current directory, but notebooks are
/// written relative to their own folder (VS Code starts the kernel there). Changing the current directory is
/// process-wide and breaks parallel runs, so each relative path is rewritten instead:
/// <list type="bullet">
/// <item>when an assembly of that name is already part of this process (loaded, or one of the application's own
/// assemblies), to that assembly's file, so the notebook and the host share one copy (type identity holds, and a
/// Release build works even when <c>bin/Debug</c> does not exist);</item>
/// <item>otherwise to the absolute path relative to the notebook's folder.</item>
/// </list>
/// <c>#r "nuget: …"</c> and absolute paths are left alone. Line count never changes, so compiler line numbers
/// still match the cell.
/// </remarks>
public static partial class ReferencePaths
{
    [GeneratedRegex(@"^(?<head>[ \t]*#r[ \t]+"")(?!nuget:)(?<path>[^""]+)(?<tail>"")", RegexOptions.Multiline)]
    private static partial Regex HashRLine();

    private static readonly Lazy<Dictionary<string, string>> s_appAssemblies = new(ReadAppAssemblies);

    /// <summary>Rewrites the relative <c>#r</c> paths in <paramref name="code"/>; see the type's remarks.</summary>
    /// <param name="code">A cell's source.</param>
    /// <param name="notebookDirectory">The folder of the notebook the cell comes from.</param>
    public static string Rewrite(string code, string notebookDirectory)
        => HashRLine().Replace(code, m =>
        {
            var path = m.Groups["path"].Value;
            var resolved = Resolve(path, notebookDirectory);
            return resolved == path ? m.Value : m.Groups["head"].Value + resolved + m.Groups["tail"].Value;
        });

    /// <summary>Where a <c>#r</c> path should point; see the type's remarks.</summary>
    public static string Resolve(string path, string notebookDirectory)
    {
        if (Path.IsPathRooted(path)) return path;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (LoadedLocation(name) is { } loaded) return loaded;
        }
        return Path.GetFullPath(Path.Combine(notebookDirectory, path));
    }

    /// <summary>
    /// The file of the assembly called <paramref name="simpleName"/> if this process already has it: loaded, or one
    /// of the application's own assemblies (then it is loaded now, so the kernel binds to the same copy).
    /// </summary>
    public static string? LoadedLocation(string simpleName)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
            !a.IsDynamic && string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase) && a.Location.Length > 0);
        if (loaded is not null) return loaded.Location;
        if (!s_appAssemblies.Value.TryGetValue(simpleName, out var file)) return null;
        try
        {
            var assembly = Assembly.Load(new AssemblyName(Path.GetFileNameWithoutExtension(file)));
            return assembly.Location.Length > 0 ? assembly.Location : file;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The application's own assemblies (the trusted platform assemblies in its folder), by simple name.</summary>
    private static Dictionary<string, string> ReadAppAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var appDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory));
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string tpa) return result;
        foreach (var file in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // Only the application's folder: framework assemblies are always there and never #r'd by path.
            if (!string.Equals(Path.GetDirectoryName(file), appDir, StringComparison.Ordinal)) continue;
            result.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }
        return result;
    }
}
