using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace AwsSim.Http;

/// <summary>
/// Lets the library run where the host did not load the ASP.NET Core shared framework (a notebook kernel that only
/// has <c>#r "AwsSim.Http.dll"</c>): ASP.NET Core assemblies that cannot be found otherwise are loaded from the
/// <c>Microsoft.AspNetCore.App</c> folder next to the running .NET runtime. In a normal app nothing changes.
/// </summary>
internal static class AspNetCoreResolver
{
    private static int s_installed;
    private static SharedFrameworkContext? s_context;

    // A library module initializer is exactly what is needed here: it must run before any ASP.NET Core type loads.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1) return;
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(new AssemblyName(args.Name));
    }

    private static Assembly? Resolve(AssemblyName name)
    {
        if (name.Name is null) return null;
        var dir = SharedFrameworkDirectory();
        if (dir is null) return null;
        if (!File.Exists(Path.Combine(dir, name.Name + ".dll"))) return null;
        lock (typeof(AspNetCoreResolver))
        {
            s_context ??= new SharedFrameworkContext(dir);
        }
        return s_context.LoadFromAssemblyName(name);
    }

    private sealed class SharedFrameworkContext(string directory) : AssemblyLoadContext("AwsSim.Http ASP.NET Core")
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    private static string? SharedFrameworkDirectory()
    {
        // e.g. /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/ → /usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.12
        var core = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (core is null) return null;
        var version = Path.GetFileName(core);
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(core));
        if (shared is null) return null;
        var exact = Path.Combine(shared, "Microsoft.AspNetCore.App", version);
        if (Directory.Exists(exact)) return exact;
        // Otherwise the highest ASP.NET Core of the same major version.
        var major = version.Split('.')[0] + ".";
        var root = Path.Combine(shared, "Microsoft.AspNetCore.App");
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
    }
}
