using System.Diagnostics;
using System.Security;

namespace Course.Grading;

/// <summary>The outcome of building a submission's code.</summary>
/// <param name="Assembly">The built Exercises.dll, or null when it does not compile.</param>
/// <param name="Errors">The compiler's errors (paths as exercises/…).</param>
/// <param name="Ignored">What of the submission's exercises/ was not taken, and why.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record SubmissionBuild(string? Assembly, IReadOnlyList<string> Errors, IReadOnlyList<string> Ignored, TimeSpan Elapsed);

/// <summary>
/// Builds a submission's code as data, not as a project: only <c>exercises/**/*.cs</c> is copied (regular files, size
/// capped) into a fresh folder, under <c>src/</c>, beside a project file the grader writes. That project imports nothing
/// by itself (no Directory.Build.*, no Directory.Packages.props; the course's own build settings are imported by absolute
/// path), guard files stop MSBuild's upward searches, and <c>-noAutoResponse</c> ignores any .rsp; so no project file,
/// <c>.user</c>, <c>.rsp</c>, props, targets, analyzer or generator of the submission can take part in the build.
/// </summary>
internal sealed class SubmissionBuilder
{
    /// <summary>The largest .cs file taken.</summary>
    public const long MaxFileBytes = 512 * 1024;

    /// <summary>The most source taken from one submission, in bytes.</summary>
    public const long MaxTotalBytes = 4L * 1024 * 1024;

    /// <summary>The most .cs files taken from one submission.</summary>
    public const int MaxFiles = 500;

    private readonly Dictionary<string, string> _restored = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Builds the C# files under <paramref name="exercises"/> in <paramref name="folder"/> (emptied first).</summary>
    public SubmissionBuild Build(string exercises, string folder, string courseBuildProps, string awsSimDll, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        FileTree.TryDelete(folder);
        if (Directory.Exists(folder)) throw new IOException($"could not empty the build folder {folder}");
        Directory.CreateDirectory(folder);
        ClassGrader.Restrict(folder, "700");
        WriteProject(folder, courseBuildProps, awsSimDll);
        RestoreOnce(folder);

        var (taken, ignored) = CopySources(exercises, Path.Combine(folder, "src"));
        if (taken == 0) return new SubmissionBuild(null, ["no C# files (*.cs) in exercises/"], ignored, watch.Elapsed);

        var project = Path.Combine(folder, "Exercises.csproj");
        var build = ProcessRunner.Dotnet(CourseRepository.QuietBuild(project, "--no-restore", "-noAutoResponse", "-p:GenerateDocumentationFile=false"), folder, limit);
        var dll = Path.Combine(folder, "bin", "Exercises.dll");
        if (!build.Succeeded || !File.Exists(dll))
        {
            IReadOnlyList<string> errors = build.TimedOut
                ? [$"the build took more than {limit.TotalSeconds:0} s and was stopped"]
                : BuildErrors.Parse(build.Output, Path.Combine(folder, "src"), "exercises/");
            return new SubmissionBuild(null, errors, ignored, watch.Elapsed);
        }
        return new SubmissionBuild(dll, Array.Empty<string>(), ignored, watch.Elapsed);
    }

    /// <summary>The project file the grader writes for every submission.</summary>
    internal static string Project(string courseBuildProps, string awsSimDll) => $"""
        <Project>
          <!-- Written by `course grade`. Nothing is imported by searching folders: only the SDK and the course's own
               build settings, by absolute path. The submission's code is the .cs files under src/, and nothing else. -->
          <PropertyGroup>
            <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
            <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
            <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
            <ImportDirectorySolutionProps>false</ImportDirectorySolutionProps>
            <ImportDirectorySolutionTargets>false</ImportDirectorySolutionTargets>
          </PropertyGroup>
          <Import Project="{SecurityElement.Escape(courseBuildProps)}" Condition="Exists('{SecurityElement.Escape(courseBuildProps)}')" />
          <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
          <PropertyGroup>
            <AssemblyName>Exercises</AssemblyName>
            <RootNamespace>Exercises</RootNamespace>
            <OutputType>Library</OutputType>
            <EnableDefaultItems>false</EnableDefaultItems>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <OutDir>bin/</OutDir>
            <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
            <EnableNETAnalyzers>false</EnableNETAnalyzers>
            <UseAppHost>false</UseAppHost>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="src/**/*.cs" />
            <Reference Include="AwsSim">
              <HintPath>{SecurityElement.Escape(awsSimDll)}</HintPath>
              <Private>false</Private>
            </Reference>
          </ItemGroup>
          <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
        </Project>
        """;

    private static void WriteProject(string folder, string courseBuildProps, string awsSimDll)
    {
        File.WriteAllText(Path.Combine(folder, "Exercises.csproj"), Project(courseBuildProps, awsSimDll));
        // Guards: MSBuild's own searches (should anything turn them back on) stop here, finding nothing of anyone's.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.rsp"), "");
    }

    /// <summary>Restores the project once per build folder path and keeps the result, so each build starts fresh but fast.</summary>
    private void RestoreOnce(string folder)
    {
        string? saved;
        lock (_gate) _restored.TryGetValue(folder, out saved);
        var obj = Path.Combine(folder, "obj");
        if (saved is null)
        {
            var restore = ProcessRunner.Dotnet(["restore", Path.Combine(folder, "Exercises.csproj"), "-nologo", "-v:q", "-noAutoResponse", "-p:NuGetAudit=false"], folder, TimeSpan.FromMinutes(5));
            if (!restore.Succeeded) throw new InvalidOperationException("could not restore the grader's project: " + restore.Output.Trim());
            saved = folder + ".restored";
            FileTree.TryDelete(saved);
            FileTree.CopyAll(obj, saved);
            ClassGrader.Restrict(saved, "700");
            lock (_gate) _restored[folder] = saved;
        }
        else
        {
            FileTree.CopyAll(saved, obj);
        }
    }

    /// <summary>Copies the regular *.cs files (capped) under <paramref name="from"/> to <paramref name="to"/>; lists what it did not take.</summary>
    internal static (int Taken, IReadOnlyList<string> Ignored) CopySources(string from, string to)
    {
        var ignored = new List<string>();
        var links = new List<string>();
        long total = 0;
        var taken = 0;
        foreach (var rel in FileTree.Files(from, links))
        {
            var path = Path.Combine(from, rel);
            var info = new FileInfo(path);
            if (!rel.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || EditReport.IsBuildFile(rel))
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
            if (taken >= MaxFiles || total + info.Length > MaxTotalBytes)
            {
                ignored.Add($"exercises/{rel}: ignored (at most {MaxFiles} files and {MaxTotalBytes:N0} bytes of source are taken)");
                continue;
            }
            var target = Path.Combine(to, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Read once and write: what is compiled is exactly what was measured, whatever happens to the file meanwhile.
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > MaxFileBytes) { ignored.Add($"exercises/{rel}: ignored (it grew while being read)"); continue; }
            File.WriteAllBytes(target, bytes);
            total += bytes.Length;
            taken++;
        }
        foreach (var l in links) ignored.Add($"exercises/{l}: ignored (a symbolic link)");
        return (taken, ignored);
    }
}
