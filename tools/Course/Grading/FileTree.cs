namespace Course.Grading;

/// <summary>Copies and lists folders, leaving out build output and tool folders.</summary>
internal static class FileTree
{
    /// <summary>Folder names never copied or compared: build output, test results, tools' state.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "TestResults", "__mismatch__", ".git", ".vs", ".idea", "node_modules", "BenchmarkDotNet.Artifacts",
    };

    /// <summary>
    /// Every regular file under <paramref name="root"/> (relative paths with '/'), skipping <see cref="SkippedFolders"/>
    /// and symbolic links (added to <paramref name="links"/> when given: they could point anywhere).
    /// </summary>
    public static IEnumerable<string> Files(string root, List<string>? links = null)
    {
        if (!Directory.Exists(root)) yield break;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                var info = new DirectoryInfo(sub);
                if (info.LinkTarget is not null) { links?.Add(Path.GetRelativePath(root, sub).Replace('\\', '/')); continue; }
                if (SkippedFolders.Contains(info.Name)) continue;
                pending.Push(sub);
            }
            foreach (var f in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                var file = new FileInfo(f);
                if (file.LinkTarget is not null) { links?.Add(Path.GetRelativePath(root, f).Replace('\\', '/')); continue; }
                yield return Path.GetRelativePath(root, f).Replace('\\', '/');
            }
        }
    }

    /// <summary>Copies the files under <paramref name="from"/> that <paramref name="include"/> accepts to <paramref name="to"/>.</summary>
    public static int Copy(string from, string to, Func<string, bool>? include = null)
    {
        var n = 0;
        foreach (var rel in Files(from))
        {
            if (include is not null && !include(rel)) continue;
            var target = Path.Combine(to, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(from, rel), target, overwrite: true);
            n++;
        }
        return n;
    }

    /// <summary>Copies a folder exactly (build output included), e.g. a built test app.</summary>
    public static void CopyAll(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)), overwrite: true);
        }
    }

    /// <summary>True when two text files are the same, ignoring line-ending style and a byte-order mark.</summary>
    public static bool SameText(string a, string b)
    {
        var x = File.ReadAllBytes(a);
        var y = File.ReadAllBytes(b);
        if (x.AsSpan().SequenceEqual(y)) return true;
        static string Norm(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n");
        return Norm(x) == Norm(y);
    }

    /// <summary>Deletes a folder, retrying once (a process that was just killed may still hold a file).</summary>
    public static void TryDelete(string dir)
    {
        for (var i = 0; i < 2; i++)
        {
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                return;
            }
            catch (IOException) { Thread.Sleep(200); }
            catch (UnauthorizedAccessException) { Thread.Sleep(200); }
        }
    }
}
