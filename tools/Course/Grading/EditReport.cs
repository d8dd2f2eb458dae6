namespace Course.Grading;

/// <summary>
/// What a submission changed outside <c>exercises/</c>: tests, expected answers, reference answers, the library and the
/// build files. Grading ignores all of it (only the learner's exercise code is taken), and the feedback says so.
/// </summary>
internal static class EditReport
{
    /// <summary>The parts of a course a learner must not change, relative to the root.</summary>
    public static readonly IReadOnlyList<string> ProtectedFolders = ["tests", "solutions", "lib", "tools"];

    /// <summary>Root files that steer the build.</summary>
    public static readonly IReadOnlyList<string> ProtectedRootFiles =
        ["Course.sln", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".editorconfig", "nuget.config", "NuGet.Config"];

    /// <summary>Files under exercises/ that are build instructions rather than code (the instructor's are used).</summary>
    public static bool IsBuildFile(string relativeToExercises)
    {
        var name = Path.GetFileName(relativeToExercises);
        return name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
               || name.Equals("global.json", StringComparison.OrdinalIgnoreCase)
               || name.Equals(".editorconfig", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase)
               || name.Equals("packages.lock.json", StringComparison.OrdinalIgnoreCase)
               || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// One line per file the submission has that differs from the course or is not in it (<c>path (changed)</c>,
    /// <c>path (added)</c>). Files a submission leaves out are not listed: a submission may hold only exercises/.
    /// </summary>
    public static IReadOnlyList<string> Compare(string courseRoot, string submission)
    {
        var lines = new List<string>();
        void Check(string rel)
        {
            var mine = Path.Combine(courseRoot, rel);
            var theirs = Path.Combine(submission, rel);
            if (!File.Exists(mine)) lines.Add($"{rel} (added)");
            else if (!FileTree.SameText(mine, theirs)) lines.Add($"{rel} (changed)");
        }
        foreach (var folder in ProtectedFolders)
        {
            foreach (var rel in FileTree.Files(Path.Combine(submission, folder))) Check(folder + "/" + rel);
        }
        foreach (var file in ProtectedRootFiles.Where(f => File.Exists(Path.Combine(submission, f)))) Check(file);
        foreach (var rel in FileTree.Files(Path.Combine(submission, "exercises")).Where(IsBuildFile)) Check("exercises/" + rel);
        return lines;
    }
}
