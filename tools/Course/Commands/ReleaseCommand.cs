using System.Globalization;
using System.Text;
using Course.Grading;

namespace Course.Commands;

/// <summary>
/// <c>course release &lt;out-dir&gt;</c>: writes the learner edition of the course: the files committed at HEAD (what an
/// instructor has reviewed), except the reference answers (<c>solutions/</c>) and hidden tests (any folder named
/// <c>hidden</c>), with the solution file edited to match. It builds, and <c>dotnet test</c> passes there with the
/// exercises skipped as not attempted.
/// </summary>
internal sealed class ReleaseCommand : ICommand, IHasFlags
{
    public string Name => "release";

    public string Summary => "write the learner edition (no solutions/, no hidden tests): course release ../course-learner";

    public string[] Flags => ["allow-dirty"];

    public string Usage => """
        usage: course release <out-dir> [--course <dir>] [--allow-dirty]
          Writes every file committed at HEAD, except solutions/ and any folder named hidden, to <out-dir> (which must
          be empty or not exist), and removes those projects from Course.sln there. A working tree with uncommitted
          changes is refused: commit them first, or pass --allow-dirty to release HEAD without them (they are listed).
        """;

    /// <summary>How many uncommitted paths are named before "and N more".</summary>
    private const int ListedPaths = 20;

    public int Run(Args args, CommandContext context)
    {
        var root = CourseRepository.FindRoot(Path.GetFullPath(Path.Combine(context.WorkingDirectory, args.Text("course") ?? ".")));
        var allowDirty = args.Flag("allow-dirty");
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

        // Everything git says here is data, read whole: a file list is one long line with -z (issue 13).
        var head = Git(root, ["rev-parse", "--verify", "HEAD^{commit}"]);
        if (!head.Succeeded) return Fail(context, $"no commit to release in {root}: {head.Errors.Trim()}");
        var commit = head.Text.Trim();

        var status = Git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
        if (!status.Succeeded) return Fail(context, $"git status failed in {root}: {status.Errors.Trim()}");
        var uncommitted = StatusPaths(status.StandardOutput);
        if (uncommitted.Count > 0 && !allowDirty)
        {
            context.Error.WriteLine($"error: {root} has {uncommitted.Count} uncommitted change(s); the release is what is committed at HEAD, so these would be left out:");
            foreach (var line in Listed(uncommitted)) context.Error.WriteLine("  " + line);
            context.Error.WriteLine("Commit (or stash) them, or pass --allow-dirty to release HEAD without them.");
            return 1;
        }

        var tree = Git(root, ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]);
        if (!tree.Succeeded) return Fail(context, $"git ls-tree failed in {root}: {tree.Errors.Trim()}");
        var entries = TreeEntry.Parse(tree.StandardOutput);
        var submodule = entries.FirstOrDefault(e => e.Type != "blob");
        if (submodule is not null) return Fail(context, $"'{submodule.Path}' is a {submodule.Type} (a submodule): the release copies files only");
        var learner = entries.Where(e => !IsWithheld(e.Path)).ToList();
        var withheld = entries.Where(e => IsWithheld(e.Path)).Select(e => e.Path).ToList();

        // The file contents, exactly as committed (no filters), in one batch.
        var request = Encoding.ASCII.GetBytes(string.Concat(learner.Select(e => e.ObjectId + "\n")));
        var blobs = Git(root, ["cat-file", "--batch"], request);
        if (!blobs.Succeeded) return Fail(context, $"git cat-file failed in {root}: {blobs.Errors.Trim()}");
        var contents = BlobBatch.Parse(blobs.StandardOutput, learner.Count);

        Directory.CreateDirectory(outDir);
        for (var i = 0; i < learner.Count && i < contents.Count; i++) Write(outDir, learner[i], contents[i]);

        var missing = Missing(outDir, learner);
        if (missing.Count > 0)
        {
            context.Error.WriteLine($"error: the learner edition in {outDir} is incomplete: {missing.Count} of the {learner.Count} files it should hold are missing or differ:");
            foreach (var line in Listed(missing)) context.Error.WriteLine("  " + line);
            return 1;
        }

        var sln = Path.Combine(outDir, "Course.sln");
        if (File.Exists(sln)) File.WriteAllText(sln, SolutionFile.RemoveProjects(File.ReadAllText(sln), IsWithheld));

        context.Out.WriteLine($"Wrote the learner edition of {commit[..Math.Min(12, commit.Length)]} to {outDir}: {learner.Count} files; left out {withheld.Count} ({string.Join(", ", withheld.Select(TopFolder).Distinct())}).");
        if (uncommitted.Count > 0)
        {
            context.Out.WriteLine($"Not released (not committed, --allow-dirty): {uncommitted.Count} change(s):");
            foreach (var line in Listed(uncommitted)) context.Out.WriteLine("  " + line);
        }
        context.Out.WriteLine($"Check it: cd {outDir} && dotnet test");
        return 0;
    }

    private static CapturedOutput Git(string root, IEnumerable<string> arguments, byte[]? input = null)
        => ProcessRunner.Capture("git", ["-c", "core.quotepath=off", .. arguments], root, TimeSpan.FromMinutes(2), standardInput: input);

    private static int Fail(CommandContext context, string message)
    {
        context.Error.WriteLine("error: " + message);
        return 1;
    }

    private static IEnumerable<string> Listed(IReadOnlyList<string> lines)
        => lines.Count <= ListedPaths ? lines : lines.Take(ListedPaths).Append($"… and {lines.Count - ListedPaths} more");

    /// <summary>The paths <c>git status --porcelain=v1 -z</c> names, each with its two-letter status (renames: the new path).</summary>
    internal static IReadOnlyList<string> StatusPaths(byte[] porcelain)
    {
        var fields = Encoding.UTF8.GetString(porcelain).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>();
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if (f.Length < 4) continue;
            result.Add($"{f[..2].Trim()} {f[3..]}");
            if (f[0] is 'R' or 'C') i++; // the next field is the path it was renamed or copied from
        }
        return result;
    }

    /// <summary>Writes one committed file (regular, executable or symbolic link) under <paramref name="outDir"/>.</summary>
    private static void Write(string outDir, TreeEntry entry, byte[] content)
    {
        var to = Path.Combine(outDir, entry.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (entry.Mode == "120000")
        {
            File.CreateSymbolicLink(to, Encoding.UTF8.GetString(content));
            return;
        }
        File.WriteAllBytes(to, content);
        if (entry.Mode == "100755" && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(to) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>The entries that are not in <paramref name="outDir"/> as committed (missing, or of another size).</summary>
    internal static IReadOnlyList<string> Missing(string outDir, IReadOnlyList<TreeEntry> expected)
    {
        var missing = new List<string>();
        foreach (var e in expected)
        {
            var path = Path.Combine(outDir, e.Path);
            var info = new FileInfo(path);
            if (e.Mode == "120000")
            {
                if (info.LinkTarget is null) missing.Add(e.Path + " (missing)");
            }
            else if (!info.Exists) missing.Add(e.Path + " (missing)");
            else if (info.Length != e.Size) missing.Add(string.Create(CultureInfo.InvariantCulture, $"{e.Path} ({info.Length} bytes, {e.Size} committed)"));
        }
        return missing;
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

/// <summary>One line of <c>git ls-tree -r -z -l</c>: a committed file.</summary>
/// <param name="Mode">100644, 100755 (executable), 120000 (symbolic link) or 160000 (a submodule).</param>
/// <param name="Type">blob, or commit for a submodule.</param>
/// <param name="ObjectId">The object's id.</param>
/// <param name="Size">Its size in bytes (-1 when git gives none).</param>
/// <param name="Path">Its path from the repository root, with '/'.</param>
internal sealed record TreeEntry(string Mode, string Type, string ObjectId, long Size, string Path)
{
    /// <summary>Parses the whole output of <c>git ls-tree -r -z -l</c>: <c>&lt;mode&gt; &lt;type&gt; &lt;id&gt; &lt;size&gt;\t&lt;path&gt;\0</c>.</summary>
    public static IReadOnlyList<TreeEntry> Parse(byte[] output)
    {
        var result = new List<TreeEntry>();
        foreach (var record in Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0) throw new FormatException("unexpected git ls-tree output: " + record);
            var meta = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var size = meta.Length > 3 && long.TryParse(meta[3], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            result.Add(new TreeEntry(meta[0], meta[1], meta[2], size, record[(tab + 1)..]));
        }
        return result;
    }
}

/// <summary>Reads the output of <c>git cat-file --batch</c>: for each object, <c>&lt;id&gt; &lt;type&gt; &lt;size&gt;\n</c>, the bytes, <c>\n</c>.</summary>
internal static class BlobBatch
{
    /// <summary>The contents in request order; stops at the first object git reports missing.</summary>
    public static IReadOnlyList<byte[]> Parse(byte[] output, int expected)
    {
        var result = new List<byte[]>(expected);
        var at = 0;
        while (at < output.Length)
        {
            var eol = Array.IndexOf(output, (byte)'\n', at);
            if (eol < 0) break;
            var header = Encoding.ASCII.GetString(output, at, eol - at).Split(' ');
            at = eol + 1;
            if (header.Length != 3 || !int.TryParse(header[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || at + size > output.Length) break;
            result.Add(output.AsSpan(at, size).ToArray());
            at += size + 1;
        }
        return result;
    }
}
