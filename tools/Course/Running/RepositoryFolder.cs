namespace Course.Running;

/// <summary>Finds the course's root folder: the one holding <c>Course.sln</c>.</summary>
internal static class RepositoryFolder
{
    /// <summary>Walks up from each start folder in turn; null when none is inside the course.</summary>
    public static string? Find(params string?[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
            }
        }
        return null;
    }
}
