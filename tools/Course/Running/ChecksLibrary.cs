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
    public void Dispose() => _context.Unload();

    /// <summary>One exercise as the catalog describes it.</summary>
    internal sealed record CatalogEntry(string Id, string Title, int Points, string File, string Service, string Lesson, int Hints);

    /// <summary>Resolves the checks' dependencies from their folder; the framework from the default context.</summary>
    private sealed class Context(string dll) : AssemblyLoadContext("course-checks", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(dll);

        protected override Assembly? Load(AssemblyName name)
        {
            var path = _resolver.ResolveAssemblyToPath(name);
            if (path is null)
            {
                var beside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(dll)!, name.Name + ".dll");
                if (File.Exists(beside)) path = beside;
            }
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }
}
