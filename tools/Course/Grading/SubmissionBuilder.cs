using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Course.Grading;

/// <summary>The outcome of compiling a submission's code.</summary>
/// <param name="Assembly">The compiled Exercises.dll, or null when it does not compile.</param>
/// <param name="Errors">The compiler's errors (paths as exercises/…).</param>
/// <param name="Ignored">What of the submission's exercises/ was not taken, and why.</param>
/// <param name="Elapsed">How long reading and compiling took.</param>
internal sealed record SubmissionBuild(string? Assembly, IReadOnlyList<string> Errors, IReadOnlyList<string> Ignored, TimeSpan Elapsed);

/// <summary>
/// Compiles a submission's code as data, not as a project: only the regular <c>exercises/**/*.cs</c> files are read
/// (size capped) and compiled in the grader's process with Roslyn, against fixed references (the .NET reference
/// assemblies and the course's built library), with options the grader sets. No MSBuild runs, so no project file,
/// <c>.user</c>, <c>.rsp</c>, props, targets, analyzer or generator of the submission (or anywhere else) can take part;
/// compiling runs none of the learner's code.
/// </summary>
internal sealed class SubmissionBuilder
{
    /// <summary>The largest .cs file taken.</summary>
    public const long MaxFileBytes = 512 * 1024;

    /// <summary>The most source taken from one submission, in bytes.</summary>
    public const long MaxTotalBytes = 4L * 1024 * 1024;

    /// <summary>The most .cs files taken from one submission.</summary>
    public const int MaxFiles = 500;

    /// <summary>The usings the SDK adds for <c>ImplicitUsings</c> (Microsoft.NET.Sdk), as the learner's own build has them.</summary>
    internal const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>The version an SDK build gives the assembly by default, which the checks were compiled against.</summary>
    internal const string AssemblyVersion = """[assembly: global::System.Reflection.AssemblyVersion("1.0.0.0")]""";

    private readonly IReadOnlyList<MetadataReference> _references;

    /// <summary>A builder compiling against the runtime's reference assemblies and <paramref name="awsSimDll"/>.</summary>
    public SubmissionBuilder(string awsSimDll)
    {
        var refs = ReferenceAssemblies().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        refs.Add(MetadataReference.CreateFromFile(awsSimDll));
        _references = refs;
    }

    /// <summary>The reference assemblies of the targeting pack that matches this runtime (net10.0).</summary>
    internal static IReadOnlyList<string> ReferenceAssemblies()
    {
        var packs = Path.Combine(Sandbox.DotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var dir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).Select(d => Path.Combine(d, "ref", tfm)).Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out var v) ? v : new Version()).FirstOrDefault()
            : null;
        if (dir is null) throw new InvalidOperationException($"no {tfm} reference assemblies under {packs}: is the .NET SDK installed?");
        return Directory.GetFiles(dir, "*.dll");
    }

    /// <summary>Compiles the C# files under <paramref name="exercises"/> to <paramref name="outputDll"/> (and its .pdb).</summary>
    public SubmissionBuild Build(string exercises, string outputDll, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var (sources, ignored) = ReadSources(exercises);
        if (sources.Count == 0) return new SubmissionBuild(null, ["no C# files (*.cs) in exercises/"], ignored, watch.Elapsed);

        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), parse, "exercises/" + s.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(ImplicitUsings + "\n" + AssemblyVersion + "\n", Encoding.UTF8), parse, "(grader)/GlobalUsings.g.cs"));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Debug, deterministic: true,
            concurrentBuild: false); // jobs already use the cores; one compilation per job
        var compilation = CSharpCompilation.Create("Exercises", trees, _references, options);

        using var cancel = new CancellationTokenSource(limit);
        using var dll = new MemoryStream();
        using var pdb = new MemoryStream();
        EmitResult result;
        try
        {
            result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb), cancellationToken: cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return new SubmissionBuild(null, [$"compiling took more than {limit.TotalSeconds:0} s and was stopped"], ignored, watch.Elapsed);
        }
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString()).Distinct().Take(50).ToList();
            return new SubmissionBuild(null, errors, ignored, watch.Elapsed);
        }
        File.WriteAllBytes(outputDll, dll.ToArray());
        File.WriteAllBytes(Path.ChangeExtension(outputDll, ".pdb"), pdb.ToArray());
        return new SubmissionBuild(outputDll, Array.Empty<string>(), ignored, watch.Elapsed);
    }

    /// <summary>Reads the regular *.cs files (capped) under <paramref name="from"/>; lists what it did not take.</summary>
    internal static (IReadOnlyList<(string Path, string Text)> Sources, IReadOnlyList<string> Ignored) ReadSources(string from)
    {
        var ignored = new List<string>();
        var links = new List<string>();
        var sources = new List<(string, string)>();
        long total = 0;
        foreach (var rel in FileTree.Files(from, links))
        {
            var path = Path.Combine(from, rel);
            var info = new FileInfo(path);
            if (!rel.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                ignored.Add($"exercises/{rel}: ignored (only C# source, *.cs, is graded)");
                continue;
            }
            if (info.Length == 0)
            {
                // Nothing to compile; and FIFOs, sockets and devices (which a read could block on) all show a size of 0.
                ignored.Add($"exercises/{rel}: ignored (empty, or not a regular file)");
                continue;
            }
            if (info.Length > MaxFileBytes)
            {
                ignored.Add($"exercises/{rel}: ignored ({info.Length:N0} bytes; at most {MaxFileBytes:N0} per file)");
                continue;
            }
            if (sources.Count >= MaxFiles || total + info.Length > MaxTotalBytes)
            {
                ignored.Add($"exercises/{rel}: ignored (at most {MaxFiles} files and {MaxTotalBytes:N0} bytes of source are taken)");
                continue;
            }
            // Read once, bounded: what is compiled is what was measured, even if the file changes meanwhile.
            var bytes = ReadAtMost(path, MaxFileBytes + 1);
            if (bytes.Length > MaxFileBytes) { ignored.Add($"exercises/{rel}: ignored (it grew while being read)"); continue; }
            sources.Add((rel, Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')));
            total += bytes.Length;
        }
        foreach (var l in links) ignored.Add($"exercises/{l}: ignored (a symbolic link)");
        return (sources, ignored);
    }

    private static byte[] ReadAtMost(string path, long max)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[max];
        var n = 0;
        int read;
        while (n < max && (read = f.Read(buffer, n, (int)(max - n))) > 0) n += read;
        return buffer.AsSpan(0, n).ToArray();
    }
}
