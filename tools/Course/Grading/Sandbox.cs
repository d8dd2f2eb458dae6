using System.Globalization;

namespace Course.Grading;

/// <summary>The resource limits of one sandboxed run.</summary>
/// <param name="Tasks">RLIMIT_NPROC: processes and threads of the sandbox's user (a fork bomb stops here).</param>
/// <param name="CpuSeconds">RLIMIT_CPU: CPU seconds of each process.</param>
/// <param name="FileBytes">RLIMIT_FSIZE: the largest file it may write (all it can write to is its private /tmp).</param>
/// <param name="TmpBytes">The size of its private /tmp (memory-backed).</param>
/// <param name="GcHeapBytes">The .NET GC heap hard limit (DOTNET_GCHeapHardLimit).</param>
internal sealed record SandboxLimits(int Tasks, int CpuSeconds, long FileBytes, long TmpBytes, long GcHeapBytes)
{
    /// <summary>The limits for a run with this wall-clock limit.</summary>
    public static SandboxLimits For(TimeSpan wallClock)
        => new(Tasks: 256, CpuSeconds: (int)Math.Ceiling(wallClock.TotalSeconds * 2) + 10, FileBytes: 16L << 20, TmpBytes: 64L << 20, GcHeapBytes: 512L << 20);
}

/// <summary>
/// Runs the answer host on a submission's compiled code inside a bubblewrap sandbox: new user, PID, network, IPC, UTS and
/// cgroup namespaces; as a non-root user (an unused uid outside, 65534 inside), so the process limit binds even when the
/// grader runs as root; read-only access to the .NET runtime, the system libraries, the answer host (with the course's
/// checks and library) and the submission's one assembly; a private, size-limited /tmp; no network; nothing else of the
/// machine. Killing bwrap (it dies with the grader too) ends every process inside: they live in its PID namespace.
/// </summary>
internal static class Sandbox
{
    /// <summary>Where the answer host and the course assemblies appear inside the sandbox.</summary>
    public const string AppFolder = "/grading";

    /// <summary>Where the .NET runtime appears inside the sandbox.</summary>
    public const string DotnetFolder = "/dotnet";

    /// <summary>The first outside uid the sandboxes run as when the grader is root (one per concurrent job).</summary>
    public const int OutsideUidBase = 2_000_000_000;

    /// <summary>The bubblewrap executable, or null when it is not installed.</summary>
    public static string? Bwrap { get; } = Which("bwrap");

    /// <summary>How to get a sandbox, for the refusal message.</summary>
    public const string HowToInstall =
        "course grade runs each submission's code in a bubblewrap sandbox (no network, no access to your files), and bwrap was not found.\n" +
        "Install it (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap) and grade again.\n" +
        "To grade without a sandbox anyway, pass --unsafe-no-sandbox: learners' code then runs as you, and can read and change anything you can.";

    /// <summary>The directory holding the running dotnet host (its <c>host/</c> and <c>shared/</c> folders).</summary>
    public static string DotnetRoot
    {
        get
        {
            var host = ProcessRunner.DotnetHost;
            if (!Path.IsPathRooted(host)) host = Which(host) ?? "/usr/share/dotnet/dotnet";
            var resolved = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
            return Path.GetDirectoryName(resolved)!;
        }
    }

    /// <summary>
    /// Marks every file descriptor this process inherited (beyond 0, 1 and 2) close-on-exec. .NET opens its own that
    /// way, but a descriptor the grader was started with (a CI runner's pipe, a terminal) would otherwise pass through
    /// setpriv, prlimit and bwrap into the sandbox: bwrap closes none.
    /// </summary>
    public static void CloseInheritedDescriptors()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return;
        foreach (var entry in Directory.GetFiles("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2)
            {
                var flags = Native.fcntl(fd, Native.F_GETFD, 0);
                if (flags >= 0 && (flags & Native.FD_CLOEXEC) == 0) Native.fcntl(fd, Native.F_SETFD, flags | Native.FD_CLOEXEC);
            }
        }
    }

    private static class Native
    {
        public const int F_GETFD = 1;
        public const int F_SETFD = 2;
        public const int FD_CLOEXEC = 1;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int fcntl(int fd, int cmd, int arg);
    }

    /// <summary>The command (program first) that runs <paramref name="hostArguments"/> with the answer host in a sandbox.</summary>
    /// <param name="hostDirectory">The built answer host with the course's checks and library (bound read-only).</param>
    /// <param name="learnerAssembly">The submission's Exercises.dll, bound over the stub's, or null for the stubs.</param>
    /// <param name="hostArguments">The answer host's arguments.</param>
    /// <param name="environment">Variables the host sees (nothing else of the grader's environment is passed).</param>
    /// <param name="limits">Resource limits.</param>
    /// <param name="job">Which concurrent job this is (each gets its own outside uid, so one's fork bomb cannot starve another).</param>
    public static IReadOnlyList<string> Command(string hostDirectory, string? learnerAssembly, IEnumerable<string> hostArguments,
        IReadOnlyDictionary<string, string> environment, SandboxLimits limits, int job)
    {
        var cmd = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        var tasks = limits.Tasks;
        if (IsRoot)
        {
            // Drop root before the sandbox: as root outside, the kernel exempts the sandbox's user from RLIMIT_NPROC.
            var uid = (OutsideUidBase + job).ToString(inv);
            cmd.AddRange([Which("setpriv") ?? "setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"]);
        }
        else
        {
            // As the instructor's own user the limit counts all of that user's tasks, so the sandbox's share comes on top.
            tasks += TasksOfThisUser();
        }
        cmd.AddRange([Which("prlimit") ?? "prlimit",
            "--nproc=" + tasks.ToString(inv), "--cpu=" + limits.CpuSeconds.ToString(inv), "--fsize=" + limits.FileBytes.ToString(inv),
            "--core=0", "--nofile=1024", "--"]);
        cmd.AddRange([Bwrap ?? "bwrap", "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
            "--die-with-parent", "--new-session", "--clearenv"]);
        foreach (var dir in new[] { "/usr/lib", "/usr/lib64", "/lib", "/lib64" })
        {
            var info = new DirectoryInfo(dir);
            if (!info.Exists) continue;
            if (info.LinkTarget is { } target) cmd.AddRange(["--symlink", target, dir]);
            else cmd.AddRange(["--ro-bind", dir, dir]);
        }
        var root = DotnetRoot;
        cmd.AddRange(["--ro-bind", Path.Combine(root, "dotnet"), DotnetFolder + "/dotnet"]);
        cmd.AddRange(["--ro-bind", Path.Combine(root, "host"), DotnetFolder + "/host"]);
        cmd.AddRange(["--ro-bind", Path.Combine(root, "shared", "Microsoft.NETCore.App"), DotnetFolder + "/shared/Microsoft.NETCore.App"]);
        cmd.AddRange(["--ro-bind", hostDirectory, AppFolder]);
        if (learnerAssembly is not null)
        {
            cmd.AddRange(["--ro-bind", learnerAssembly, AppFolder + "/Exercises.dll"]);
            var pdb = Path.ChangeExtension(learnerAssembly, ".pdb");
            if (File.Exists(pdb) && File.Exists(Path.Combine(hostDirectory, "Exercises.pdb"))) cmd.AddRange(["--ro-bind", pdb, AppFolder + "/Exercises.pdb"]);
        }
        // A private /dev whose own tmpfs is made read-only (it would otherwise take gigabytes of files), with a 1 MB
        // /dev/shm; and a private, size-limited /tmp.
        cmd.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", "1048576", "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
            "--size", limits.TmpBytes.ToString(inv), "--tmpfs", "/tmp", "--chdir", "/tmp"]);
        var env = new Dictionary<string, string>(environment)
        {
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["PATH"] = DotnetFolder,
            ["DOTNET_ROOT"] = DotnetFolder,
            ["DOTNET_GCHeapHardLimit"] = "0x" + limits.GcHeapBytes.ToString("X", inv),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (k, v) in env) cmd.AddRange(["--setenv", k, v]);
        cmd.AddRange(["--", DotnetFolder + "/dotnet", AppFolder + "/AnswerHost.dll"]);
        cmd.AddRange(hostArguments);
        return cmd;
    }

    /// <summary>True when the grader runs as root.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..];

    /// <summary>How many tasks (threads) this process's user runs now.</summary>
    private static int TasksOfThisUser()
    {
        var mine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var n = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var lines = File.ReadAllLines(Path.Combine(dir, "status"));
                if (lines.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1] != mine) continue;
                n += int.TryParse(lines.FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal))?[8..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 1;
            }
            catch (IOException) { /* it exited */ }
            catch (UnauthorizedAccessException) { }
        }
        return n;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    internal static string? Which(string program)
    {
        if (OperatingSystem.IsWindows()) return null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, program);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
