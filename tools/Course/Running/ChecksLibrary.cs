using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Course.Running;

/// <summary>
/// The built checks (<c>tests/Exercises.Checks/bin/Debug/net10.0/Exercises.Checks.dll</c>), loaded into a load context
/// of their own and called by name (<see cref="Call{T}"/>). The CLI does not reference them, so a learner's compile
/// error cannot break it. They are rebuilt first when missing or older than their sources or the library's.
/// </summary>
internal sealed class ChecksLibrary : IDisposable
{
    /// <summary>The checks project, relative to the course root.</summary>
    public const string Project = "tests/Exercises.Checks/Exercises.Checks.csproj";

    private readonly Context _context;
    private readonly Assembly _assembly;

    private ChecksLibrary(string dll)
    {
        Path = dll;
        _context = new Context(dll);
        _assembly = _context.LoadFromAssemblyPath(dll);
    }

    /// <summary>The loaded assembly's path.</summary>
    public string Path { get; }

    /// <summary>The built checks assembly under <paramref name="root"/> (it may not exist).</summary>
    public static string DllPath(string root)
        => System.IO.Path.Combine(root, "tests", "Exercises.Checks", "bin", "Debug", "net10.0", "Exercises.Checks.dll");

    /// <summary>
    /// The sources the built checks depend on, other than the learner's exercises: the checks, the library and the build
    /// settings. The exercises are compiled from source on every check, so an edit there needs no build.
    /// </summary>
    public static bool IsCurrent(string root)
    {
        var dll = DllPath(root);
        if (!File.Exists(dll)) return false;
        var built = File.GetLastWriteTimeUtc(dll);
        var sources = new[] { "tests/Exercises.Checks", "lib/AwsSim" }
            .Select(d => System.IO.Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(f => System.IO.Path.Combine(root, f)).Where(File.Exists));
        return sources.All(f => File.GetLastWriteTimeUtc(f) <= built);
    }

    /// <summary>Loads the built checks (build them first with <see cref="IsCurrent"/> false).</summary>
    public static ChecksLibrary Load(string root) => new(DllPath(root));

    /// <summary>Calls a public static method of <c>Exercises.Checks.CourseCli</c>; its exceptions come out unwrapped.</summary>
    public T Call<T>(string method, params object?[] args)
    {
        var type = _assembly.GetType("Exercises.Checks.CourseCli", throwOnError: true)!;
        var m = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException("Exercises.Checks.CourseCli", method);
        try
        {
            return (T)m.Invoke(null, args)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The catalog, in lesson order.</summary>
    public IReadOnlyList<CatalogEntry> Catalog()
        => JsonSerializer.Deserialize<List<CatalogEntry>>(Call<string>("Catalog"), new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];

    /// <inheritdoc />
    public void Dispose()
    {
        // The context is not collectible (see Context): what it loaded stays until the CLI exits.
    }

    /// <summary>One exercise as the catalog describes it.</summary>
    internal sealed record CatalogEntry(string Id, string Title, int Points, string File, string Service, string Lesson, int Hints);

    /// <summary>
    /// Resolves the checks' dependencies from their folder, the framework from the default context, and Roslyn from the
    /// .NET SDK when it has one at least as new (<see cref="SdkRoslyn"/>).
    /// </summary>
    /// Not collectible: the runtime runs no precompiled (ReadyToRun) code in a collectible context, and Roslyn would be
    /// compiled by the JIT on every check (four times the CPU). The CLI exits after one command anyway.
    private sealed class Context(string dll) : AssemblyLoadContext("course-checks", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(dll);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp" && SdkRoslyn.Value is { } sdk
                && AssemblyName.GetAssemblyName(System.IO.Path.Combine(sdk, "Microsoft.CodeAnalysis.dll")).Version >= name.Version)
            {
                return LoadFromAssemblyPath(System.IO.Path.Combine(sdk, name.Name + ".dll"));
            }
            var path = _resolver.ResolveAssemblyToPath(name);
            if (path is null)
            {
                var beside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(dll)!, name.Name + ".dll");
                if (File.Exists(beside)) path = beside;
            }
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }

    /// <summary>
    /// The compiler of the newest .NET SDK for this runtime's major version (<c>sdk/&lt;version&gt;/Roslyn/bincore</c>), or
    /// null. It is the same compiler <c>dotnet build</c> runs, precompiled (ReadyToRun), so a check starts in about half
    /// the time of the package's plain IL copy beside the checks. Set <c>COURSE_CHECK_ROSLYN=package</c> to use that copy.
    /// </summary>
    internal static readonly Lazy<string?> SdkRoslyn = new(() =>
    {
        if (Environment.GetEnvironmentVariable("COURSE_CHECK_ROSLYN") == "package") return null;
        var host = Environment.ProcessPath;
        var dotnetRoot = host is not null && System.IO.Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? System.IO.Path.GetDirectoryName(host)
            : Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var sdks = dotnetRoot is null ? null : System.IO.Path.Combine(dotnetRoot, "sdk");
        if (sdks is null || !Directory.Exists(sdks)) return null;
        return Directory.GetDirectories(sdks)
            .Select(d => (Dir: System.IO.Path.Combine(d, "Roslyn", "bincore"), Version: Version.TryParse(System.IO.Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(x => x.Version?.Major == Environment.Version.Major
                        && File.Exists(System.IO.Path.Combine(x.Dir, "Microsoft.CodeAnalysis.dll"))
                        && File.Exists(System.IO.Path.Combine(x.Dir, "Microsoft.CodeAnalysis.CSharp.dll")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    });
}
