using Course.Grading;

namespace Course.Commands;

/// <summary>
/// <c>course release &lt;out-dir&gt;</c>: writes the learner edition of the course: every file git tracks except the
/// reference answers (<c>solutions/</c>) and hidden tests (any folder named <c>hidden</c>), with the solution file
/// edited to match. It builds, and <c>dotnet test</c> passes there with the exercises skipped as not attempted.
/// </summary>
internal sealed class ReleaseCommand : ICommand
{
    public string Name => "release";

    public string Summary => "write the learner edition (no solutions/, no hidden tests): course release ../course-learner";

    public string Usage => """
        usage: course release <out-dir> [--course <dir>]
          Copies every file git tracks, except solutions/ and any folder named hidden, to <out-dir> (which must be
          empty or not exist), and removes those projects from Course.sln there.
        """;

    public int Run(Args args, CommandContext context)
    {
        var root = CourseRepository.FindRoot(Path.GetFullPath(Path.Combine(context.WorkingDirectory, args.Text("course") ?? ".")));
        args.RejectUnknown();
        if (args.Positional.Count != 1) throw new UsageException("name one output folder");
        var outDir = Path.GetFullPath(Path.Combine(context.WorkingDirectory, args.Positional[0]));
        if (File.Exists(outDir) || (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any()))
        {
            throw new UsageException($"'{outDir}' is not empty: give a new or empty folder");
        }
        if (Path.GetRelativePath(outDir, root) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel))
        {
            throw new UsageException($"'{outDir}' holds the course itself: give a folder outside it");
        }

        var git = ProcessRunner.Run("git", ["-c", "core.quotepath=off", "ls-files", "-z"], root, TimeSpan.FromMinutes(2));
        if (!git.Succeeded)
        {
            context.Error.WriteLine($"error: git ls-files failed in {root}: {git.Output.Trim()}");
            return 1;
        }
        var tracked = git.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('\n', '\r')).Where(f => f.Length > 0).ToList();
        var (learner, withheld) = Split(tracked);
        var copied = 0;
        foreach (var f in learner)
        {
            var from = Path.Combine(root, f);
            if (!File.Exists(from)) continue; // deleted in the working tree
            var to = Path.Combine(outDir, f);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            copied++;
        }
        var sln = Path.Combine(outDir, "Course.sln");
        if (File.Exists(sln)) File.WriteAllText(sln, SolutionFile.RemoveProjects(File.ReadAllText(sln), IsWithheld));

        context.Out.WriteLine($"Wrote the learner edition to {outDir}: {copied} files; left out {withheld.Count} ({string.Join(", ", withheld.Select(TopFolder).Distinct())}).");
        context.Out.WriteLine($"Check it: cd {outDir} && dotnet test");
        return 0;
    }

    /// <summary>Splits tracked paths into what learners get and what they do not.</summary>
    internal static (IReadOnlyList<string> Learner, IReadOnlyList<string> Withheld) Split(IEnumerable<string> tracked)
    {
        var learner = new List<string>();
        var withheld = new List<string>();
        foreach (var f in tracked) (IsWithheld(f) ? withheld : learner).Add(f);
        return (learner, withheld);
    }

    /// <summary>True for the reference answers and for anything in a folder named <c>hidden</c>.</summary>
    internal static bool IsWithheld(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts[0].Equals("solutions", StringComparison.OrdinalIgnoreCase)
               || parts.SkipLast(1).Any(p => p.Equals("hidden", StringComparison.OrdinalIgnoreCase))
               || (parts.Length == 1 && parts[0].Equals("hidden", StringComparison.OrdinalIgnoreCase));
    }

    private static string TopFolder(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        var hidden = Array.FindIndex(parts, p => p.Equals("hidden", StringComparison.OrdinalIgnoreCase));
        return hidden >= 0 && hidden < parts.Length - 1 ? string.Join('/', parts[..(hidden + 1)]) + "/" : parts[0] + "/";
    }
}
