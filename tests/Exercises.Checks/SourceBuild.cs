using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Exercises.Checks;

/// <summary>What compiling the learner's folder gave: the assembly's bytes, or the compiler's errors.</summary>
/// <param name="Image">The assembly (with its PDB embedded), or null when it does not compile.</param>
/// <param name="Errors">The errors, as <c>dotnet build</c> writes them: <c>exercises/Lambda/X.cs(12,5): error CS1002: ; expected</c>.</param>
/// <param name="Key">A hash of everything that went in: the same key, the same bytes.</param>
/// <param name="FromCache">True when nothing changed since the last compile and its result was reused.</param>
public sealed record SourceBuildResult(byte[]? Image, IReadOnlyList<string> Errors, string Key, bool FromCache);

/// <summary>
/// Compiles a folder of exercise sources (<c>exercises/</c> or <c>solutions/</c>) in-process with Roslyn, with the
/// settings <c>dotnet build</c> uses for it (Directory.Build.props: C# latest, nullable, implicit usings, warnings as
/// errors, XML docs checked), against the library this process has loaded. A result is kept in memory and, when it
/// compiled, on disk (<c>&lt;folder&gt;/obj/course-check/</c>) under a hash of its inputs, so an unchanged folder is never
/// compiled twice.
/// </summary>
public static class SourceBuild
{
    private const string CacheFolder = "course-check";
    private static readonly ConcurrentDictionary<string, SourceBuildResult> s_memory = new(StringComparer.Ordinal);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The implicit usings of an SDK-style project (Microsoft.NET.Sdk).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>The C# files MSBuild would compile in <paramref name="folder"/>: all of them but those under bin/ and obj/.</summary>
    public static IReadOnlyList<string> SourceFiles(string folder)
    {
        var skip = new[] { "bin", "obj" }.Select(d => Path.Combine(folder, d) + Path.DirectorySeparatorChar).ToArray();
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !skip.Any(s => f.StartsWith(s, StringComparison.Ordinal)))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Compiles <paramref name="folder"/> (under <paramref name="root"/>) into an assembly named <paramref name="assemblyName"/>.</summary>
    public static SourceBuildResult Compile(string root, string folder, string assemblyName)
    {
        var files = SourceFiles(folder);
        var texts = files.Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
        var key = Key(assemblyName, texts);
        if (s_memory.TryGetValue(key, out var known)) return known with { FromCache = true };
        var cached = Path.Combine(folder, "obj", CacheFolder, key + ".dll");
        if (File.Exists(cached))
        {
            try
            {
                var hit = new SourceBuildResult(File.ReadAllBytes(cached), [], key, FromCache: true);
                s_memory[key] = hit with { FromCache = false };
                return hit;
            }
            catch (IOException)
            {
                // compile it again
            }
        }

        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var trees = texts.Select(t => CSharpSyntaxTree.ParseText(t.Text, parse, t.Path, Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, Path.Combine(folder, "obj", "GlobalUsings.g.cs"), Encoding.UTF8))
            .ToList();
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Debug,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error, // TreatWarningsAsErrors
            warningLevel: 10,                                 // the SDK's for net10.0
            deterministic: true,
            concurrentBuild: false,                          // a few small files: threads cost more than they save
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                ["CS1591"] = ReportDiagnostic.Suppress, // Directory.Build.props: missing XML docs
                ["CS1701"] = ReportDiagnostic.Suppress, // the SDK's defaults
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var compilation = CSharpCompilation.Create(assemblyName, trees, s_references.Value, options);
        using var image = new MemoryStream();
        var emit = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        var prefix = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var errors = emit.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => CSharpDiagnosticFormatter.Instance.Format(d, CultureInfo.InvariantCulture).Replace(prefix, "", StringComparison.Ordinal).Replace('\\', '/'))
            .Distinct()
            .ToList();
        var result = emit.Success ? new SourceBuildResult(image.ToArray(), [], key, false) : new SourceBuildResult(null, errors, key, false);
        s_memory[key] = result;
        if (result.Image is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
                foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(cached)!, "*.dll")) File.Delete(old);
                File.WriteAllBytes(cached, result.Image);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a read-only checkout: the memory cache still works
            }
        }
        return result;
    }

    /// <summary>Everything that decides the output: the sources, their paths, the name, the library and the compiler.</summary>
    private static string Key(string assemblyName, IReadOnlyList<(string Path, string Text)> texts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(s));
            sha.AppendData([0]);
        }
        Add(assemblyName);
        Add(typeof(CSharpCompilation).Assembly.GetName().Version?.ToString() ?? "");
        Add(typeof(AwsSim.Money).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(Environment.Version.ToString());
        Add(ReferencePack()?.FirstOrDefault() ?? "runtime");
        foreach (var (path, text) in texts)
        {
            Add(path);
            Add(text);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
    }

    /// <summary>
    /// The framework's reference assemblies (the targeting pack <c>dotnet build</c> compiles against, when the SDK is
    /// installed; else the shared framework this process runs on), and the library with what it references beside it.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ReferencePack() ?? RuntimeAssemblies();
        var awsSim = typeof(AwsSim.Money).Assembly;
        var beside = Path.GetDirectoryName(awsSim.Location)!;
        paths.Add(awsSim.Location);
        foreach (var reference in awsSim.GetReferencedAssemblies())
        {
            var candidate = Path.Combine(beside, reference.Name + ".dll");
            if (File.Exists(candidate)) paths.Add(candidate);
        }
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary><c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.0</c> of the newest pack for this runtime's major version.</summary>
    private static List<string>? ReferencePack()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // <root>/shared/Microsoft.NETCore.App/<version>
        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(framework)));
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is null || !Directory.Exists(packs)) return null;
        var tfm = $"net{Environment.Version.Major}.0";
        var folder = Directory.GetDirectories(packs)
            .Select(d => (Dir: Path.Combine(d, "ref", tfm), Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(x => x.Version?.Major == Environment.Version.Major && Directory.Exists(x.Dir))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
        return folder is null ? null : Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The shared framework's own assemblies (what the trusted platform list names in its folder).</summary>
    private static List<string> RuntimeAssemblies()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var paths = tpa.Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal)).ToList();
        return paths.Count > 0 ? paths : Directory.GetFiles(framework, "*.dll").Where(IsManaged).ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
