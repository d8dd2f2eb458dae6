using System.Text;
using Course.Commands;
using Course.Grading;

namespace Course.Tests;

/// <summary>
/// <c>course release</c> on small git repositories made here: it writes exactly the committed files, however many and
/// however named (a file list far longer than any log line, spaces, non-ASCII), refuses a dirty working tree, and never
/// reports success with a file missing.
/// </summary>
public sealed class ReleaseTests : IDisposable
{
    private readonly TempFolder _tmp = new("course-release");

    public void Dispose() => _tmp.Dispose();

    private string RepoDir => Path.Combine(_tmp.Path, "repo");

    /// <summary>True when git is installed (a learner who downloaded the course as a zip may have none; releasing needs it).</summary>
    public static bool HasGit => Sandbox.Which("git") is not null;

    private const string NoGit = "git is not installed: course release needs it";

    private const string Sln = "\nMicrosoft Visual Studio Solution File, Format Version 12.00\n" +
        "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Solutions\", \"solutions\\Solutions.csproj\", \"{22222222-2222-2222-2222-222222222222}\"\nEndProject\n" +
        "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Exercises\", \"exercises\\Exercises.csproj\", \"{33333333-3333-3333-3333-333333333333}\"\nEndProject\n" +
        "Global\nEndGlobal\n";

    private void Git(params string[] args)
    {
        var r = ProcessRunner.Run("git", ["-c", "user.name=Course Tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false", .. args], RepoDir, TimeSpan.FromMinutes(1));
        Assert.True(r.Succeeded, $"git {string.Join(' ', args)}: {r.Output}");
    }

    /// <summary>A committed course: Course.sln, solutions/, a hidden folder, an executable script and <paramref name="extra"/> files.</summary>
    private Dictionary<string, byte[]> Commit(IEnumerable<string> extra)
    {
        Directory.CreateDirectory(RepoDir);
        Git("init", "-q");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["Course.sln"] = Encoding.UTF8.GetBytes(Sln),
            ["exercises/Exercises.csproj"] = Encoding.UTF8.GetBytes("<Project />\n"),
            ["solutions/Solutions.csproj"] = Encoding.UTF8.GetBytes("<Project />\n"),
            ["solutions/Lambda/LambdaBill.cs"] = Encoding.UTF8.GetBytes("// the answer\n"),
            ["tests/Exercises.Checks/hidden/Extra.cs"] = Encoding.UTF8.GetBytes("// hidden\n"),
            [".ci/run"] = Encoding.UTF8.GetBytes("#!/bin/sh\necho ok\n"),
            ["bin.dat"] = [0, 1, 2, 13, 10, 255, 0],
        };
        foreach (var f in extra) files[f] = Encoding.UTF8.GetBytes("content of " + f + "\n");
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(RepoDir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(RepoDir, ".ci/run"), (UnixFileMode)Convert.ToInt32("755", 8));
        Git("add", "-A");
        Git("commit", "-q", "-m", "course");
        return files;
    }

    private static void AssertReleased(string outDir, Dictionary<string, byte[]> files)
    {
        var expected = files.Keys.Where(f => !ReleaseCommand.IsWithheld(f) && f != "Course.sln").Order(StringComparer.Ordinal).ToList();
        var written = FileTree.Files(outDir).Where(f => f != "Course.sln").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, written);
        foreach (var f in expected) Assert.Equal(files[f], File.ReadAllBytes(Path.Combine(outDir, f)));
        Assert.Equal(["exercises/Exercises.csproj"], SolutionFile.ProjectPaths(File.ReadAllText(Path.Combine(outDir, "Course.sln"))));
        if (!OperatingSystem.IsWindows()) Assert.True(File.GetUnixFileMode(Path.Combine(outDir, ".ci/run")).HasFlag(UnixFileMode.UserExecute), ".ci/run keeps its executable bit");
    }

    [Fact(SkipUnless = nameof(HasGit), Skip = NoGit)]
    public void A_file_list_far_longer_than_a_log_line_is_released_whole()
    {
        // 400 files of ~70-character paths: the NUL-separated list is ~28,000 characters, one "line".
        var names = Enumerable.Range(0, 400).Select(i => $"tools/Some/Rather/Long/Folder/Name/For/Files/file-number-{i:D4}-of-the-course.cs").ToList();
        Assert.True(names.Sum(n => n.Length + 1) > 16_000);
        var files = Commit(names);
        var outDir = Path.Combine(_tmp.Path, "learner");

        var (exit, stdout, stderr) = Cli.Run(RepoDir, "release", outDir);

        Assert.True(exit == 0, stdout + stderr);
        AssertReleased(outDir, files);
        Assert.Contains($"{files.Count - 3} files; left out 3", stdout, StringComparison.Ordinal);
    }

    [Fact(SkipUnless = nameof(HasGit), Skip = NoGit)]
    public void Paths_with_spaces_and_non_ascii_characters_are_released()
    {
        var files = Commit(["notebooks/my lesson (draft).md", "notebooks/Übung ä/naïve café ✓.md", "lib/日本語/ファイル.cs", "a b/c  d/e\tf.txt", "quote\"and'apostrophe.txt"]);
        var outDir = Path.Combine(_tmp.Path, "learner edition ü");

        var (exit, stdout, stderr) = Cli.Run(RepoDir, "release", outDir);

        Assert.True(exit == 0, stdout + stderr);
        AssertReleased(outDir, files);
    }

    [Fact(SkipUnless = nameof(HasGit), Skip = NoGit)]
    public void A_dirty_working_tree_is_refused_and_with_allow_dirty_HEAD_is_released_and_the_changes_listed()
    {
        var files = Commit(["notes.md"]);
        File.WriteAllText(Path.Combine(RepoDir, "notes.md"), "edited, not committed\n");
        File.WriteAllText(Path.Combine(RepoDir, "new file.md"), "untracked\n");
        var outDir = Path.Combine(_tmp.Path, "learner");

        var (exit, _, stderr) = Cli.Run(RepoDir, "release", outDir);
        Assert.Equal(1, exit);
        Assert.Contains("2 uncommitted change(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("M notes.md", stderr, StringComparison.Ordinal);
        Assert.Contains("?? new file.md", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));

        (exit, var stdout, stderr) = Cli.Run(RepoDir, "release", outDir, "--allow-dirty");
        Assert.True(exit == 0, stdout + stderr);
        AssertReleased(outDir, files); // HEAD's notes.md, not the edit; no untracked file
        Assert.Contains("Not released (not committed, --allow-dirty): 2 change(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_or_cut_from_the_output_is_found()
    {
        using var tmp = new TempFolder();
        var a = tmp.Write("a.txt", "12345");
        tmp.Write("b/c.txt", "123");
        var entries = new[]
        {
            new TreeEntry("100644", "blob", "x", 5, "a.txt"),
            new TreeEntry("100644", "blob", "y", 3, "b/c.txt"),
            new TreeEntry("100644", "blob", "z", 1, "d e/ü.txt"),
        };
        Assert.Equal(["d e/ü.txt (missing)"], ReleaseCommand.Missing(tmp.Path, entries));
        File.WriteAllText(a, "12");
        Assert.Equal(["a.txt (2 bytes, 5 committed)", "d e/ü.txt (missing)"], ReleaseCommand.Missing(tmp.Path, entries));
    }

    [Fact]
    public void Git_output_is_parsed_whole()
    {
        var ls = Encoding.UTF8.GetBytes("100644 blob aaaa     12\tdir/a b.txt\0100755 blob bbbb 3\t.ci/run\0120000 blob cccc 5\tlink\0");
        var entries = TreeEntry.Parse(ls);
        Assert.Equal(["dir/a b.txt", ".ci/run", "link"], entries.Select(e => e.Path));
        Assert.Equal([12L, 3L, 5L], entries.Select(e => e.Size));
        var batch = Encoding.UTF8.GetBytes("aaaa blob 3\nx\ny\nbbbb blob 0\n\n");
        Assert.Equal([Encoding.UTF8.GetBytes("x\ny"), Array.Empty<byte>()], BlobBatch.Parse(batch, 2));
        Assert.Equal(["M a.txt", "R new.txt", "?? c d.txt"], ReleaseCommand.StatusPaths(Encoding.UTF8.GetBytes(" M a.txt\0R  new.txt\0old.txt\0?? c d.txt\0")));
    }

    [Fact(SkipUnless = nameof(GradingProtocolTests.IsUnix), SkipType = typeof(GradingProtocolTests), Skip = "needs cat")]
    public void Capture_keeps_a_long_line_whole_where_the_log_cuts_it()
    {
        var line = new string('x', 40_000);
        using var tmp = new TempFolder();
        var file = tmp.Write("long.txt", line);
        var log = ProcessRunner.Run("cat", [file], tmp.Path, TimeSpan.FromSeconds(30));
        var whole = ProcessRunner.Capture("cat", [file], tmp.Path, TimeSpan.FromSeconds(30));
        Assert.Contains("(line cut)", log.Output, StringComparison.Ordinal);
        Assert.True(whole.Succeeded);
        Assert.Equal(line, whole.Text);
    }
}
