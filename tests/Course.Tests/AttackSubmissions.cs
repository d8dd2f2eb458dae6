namespace Course.Tests;

/// <summary>
/// Hostile submissions for the end-to-end grading test, one per attack class. Each is a perfect submission with one part
/// replaced, so what its honest parts earn is known. Every trick that would work outside a sandbox leaves a marker file
/// in <c>markers</c> (a folder anyone may write to, so a failure to write there means the path was not reachable, not that
/// a permission was missing), or changes another submission's grade, or a file of the course or of --out.
/// </summary>
internal static class AttackSubmissions
{
    /// <summary>The file an attack writes into exercises/Lambda/LambdaBill.cs when that exercise is its vehicle.</summary>
    private const string NotAttemptedBill = """
        namespace Exercises.Lambda;

        /// <summary>Not attempted: the attack lives elsewhere.</summary>
        public static class LambdaBill
        {
            /// <summary>Not done.</summary>
            public static decimal MonthlyCost(long requests, int memoryMb, double durationMs) => throw new NotImplementedException();
        }
        """;

    /// <summary>Paths the attacks know (as a learner who has read the course and guessed the instructor's layout would).</summary>
    public sealed record Targets(string CourseRoot, string ClassFolder, string OutFolder, string Markers);

    private static string Lit(string s) => "@\"" + s.Replace("\"", "\"\"") + "\"";

    private static string Common(Targets t) => $$"""
        internal static class Known
        {
            public const string Course = {{Lit(t.CourseRoot)}};
            public const string Class = {{Lit(t.ClassFolder)}};
            public const string Out = {{Lit(t.OutFolder)}};
            public const string Markers = {{Lit(t.Markers)}};

            /// <summary>Writes a marker (proof the trick reached the outside), ignoring failure.</summary>
            public static void Mark(string name, string text = "x")
            {
                try { System.IO.File.WriteAllText(System.IO.Path.Combine(Markers, name + "-" + System.Environment.ProcessId), text); }
                catch (System.Exception) { }
            }
        }
        """;

    /// <summary>
    /// Forges reports after the fact: a ProcessExit handler, a finalizer and a late thread each write "passed" reports
    /// with the true expected lines (read from the learner's own copy of the snapshots) for the exercise it did not do,
    /// to standard output and to every pipe it holds, and score files wherever the environment points. (Forging *early*,
    /// from a module initializer, with a start line of its own, is possible; it can only claim lines the code could have
    /// returned anyway: hard-coding the visible answers, which hidden tests answer. See the grading README.)
    /// </summary>
    public static void Forger(string dir, Targets t, IReadOnlyList<string> billLines)
    {
        var lines = string.Join(", ", billLines.Select(Lit));
        File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "LambdaBill.cs"), $$"""
            using System.Runtime.CompilerServices;
            namespace Exercises.Lambda;

            /// <summary>Not attempted; forges instead.</summary>
            public static class LambdaBill
            {
                /// <summary>Starts a forger that writes after the grader's own report, then gives up.</summary>
                public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)
                {
                    new Thread(() => { Thread.Sleep(300); Forgery.Forge("thread"); }) { IsBackground = true }.Start();
                    throw new NotImplementedException();
                }
            }

            internal sealed class Forgery
            {
                private static readonly string[] Lines = [{{lines}}];

                [ModuleInitializer]
                internal static void Init()
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Forge("exit");
                    _ = new Forgery();
                    foreach (System.Collections.DictionaryEntry kv in Environment.GetEnvironmentVariables())
                    {
                        try { File.WriteAllText(kv.Value + ".json", "{\"exercises\":[{\"id\":\"lambda.bill\",\"earned\":3,\"status\":\"passed\"}]}"); } catch (Exception) { }
                    }
                    Known.Mark("forger-ran-" + Environment.ProcessId);
                }

                ~Forgery() => Forge("finalizer");

                internal static void Forge(string how)
                {
                    // Standard output, and the pipes numbered from 100 up: the host's hidden report stream is one (read in
                    // AnswerHost.dll). The runtime's own pipes, below 100, are left alone: garbage there would crash the
                    // process, and cost the exercise running at the time, which is not what this test is about.
                    var streams = new List<Func<Stream>> { Console.OpenStandardOutput };
                    try
                    {
                        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
                        {
                            if (int.Parse(Path.GetFileName(fd)) >= 100 && new FileInfo(fd).LinkTarget?.StartsWith("pipe:", StringComparison.Ordinal) == true) streams.Add(() => new FileStream(fd, FileMode.Open, FileAccess.Write));
                        }
                    }
                    catch (Exception) { }
                    foreach (var open in streams)
                    {
                        try
                        {
                            using var o = new StreamWriter(open());
                            foreach (var id in new[] { "lambda.bill", "lambda.hidden-bill" })
                            {
                                var json = System.Text.Json.JsonSerializer.Serialize(new { kind = "answer", id, status = "answered", lines = Lines, summary = "passed by " + how, details = Array.Empty<string>(), earned = 99 });
                                o.Write("\n@course-report " + json + "\n");
                            }
                            o.Flush();
                        }
                        catch (Exception) { }
                    }
                }
            }

            {{Common(t)}}
            """);
    }

    /// <summary>
    /// Build-time injection through every file MSBuild reads by itself (and a project of its own): each, if it took
    /// part, defines INJECTED (which turns on the right answer) and writes a marker.
    /// </summary>
    public static void Builder(string dir, Targets t, string solutionBill)
    {
        string Props(string name) => $"""
            <Project>
              <PropertyGroup><DefineConstants>$(DefineConstants);INJECTED</DefineConstants></PropertyGroup>
              <Target Name="Injected_{name.Replace('.', '_')}" BeforeTargets="CoreCompile;Build;Restore">
                <WriteLinesToFile File="{t.Markers}/build-{name}" Lines="ran" Overwrite="true" />
                <Exec Command="touch {t.Markers}/exec-{name}" ContinueOnError="true" />
              </Target>
            </Project>
            """;
        var ex = Path.Combine(dir, "exercises");
        File.WriteAllText(Path.Combine(ex, "Exercises.csproj.user"), Props("csproj.user"));
        File.WriteAllText(Path.Combine(ex, "Directory.Build.props"), Props("exercises.Directory.Build.props"));
        File.WriteAllText(Path.Combine(ex, "Directory.Build.targets"), Props("exercises.Directory.Build.targets"));
        File.WriteAllText(Path.Combine(ex, "Directory.Packages.props"), Props("exercises.Directory.Packages.props"));
        File.WriteAllText(Path.Combine(ex, "Injected.targets"), Props("Injected.targets"));
        File.WriteAllText(Path.Combine(ex, "Directory.Build.rsp"), "-p:DefineConstants=INJECTED\n-p:CustomBeforeMicrosoftCommonProps=" + Path.Combine(ex, "Injected.targets") + "\n");
        File.WriteAllText(Path.Combine(ex, "Exercises.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><AssemblyName>Exercises</AssemblyName><DefineConstants>$(DefineConstants);INJECTED</DefineConstants></PropertyGroup>
              <Import Project="Injected.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), Props("root.Directory.Build.props"));
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), Props("root.Directory.Build.targets"));
        File.WriteAllText(Path.Combine(dir, "Directory.Build.rsp"), "-p:DefineConstants=INJECTED\n");
        File.WriteAllText(Path.Combine(ex, "Lambda", "LambdaBill.cs"), "#if INJECTED\n" + solutionBill + "\n#else\n" + NotAttemptedBill + "\n#endif\n");
    }

    /// <summary>Looks for the expected answers everywhere it can think of, and answers from them.</summary>
    public static void Reader(string dir, Targets t)
        => File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "LambdaBill.cs"), $$"""
            namespace Exercises.Lambda;

            /// <summary>Answers by reading the expected answers.</summary>
            public static class LambdaBill
            {
                /// <summary>Finds the line for these inputs in any lambda.bill snapshot it can read.</summary>
                public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)
                {
                    var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{requests:#,0} requests × {durationMs} ms at {memoryMb} MB → $");
                    foreach (var file in Candidates())
                    {
                        try
                        {
                            foreach (var line in File.ReadLines(file))
                            {
                                var i = line.IndexOf(key, StringComparison.Ordinal);
                                if (i < 0) continue;
                                Known.Mark("reader-found", file);
                                var amount = line[(i + key.Length)..].Trim().TrimEnd(',').Trim('"');
                                return decimal.Parse(amount, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
                            }
                        }
                        catch (Exception) { }
                    }
                    throw new NotImplementedException();
                }

                private static IEnumerable<string> Candidates()
                {
                    var roots = new List<string> { Known.Course, Known.Class, "/tmp", "/", AppContext.BaseDirectory, Environment.CurrentDirectory };
                    foreach (System.Collections.DictionaryEntry kv in Environment.GetEnvironmentVariables()) roots.Add(kv.Value?.ToString() ?? "");
                    try
                    {
                        foreach (var p in Directory.GetDirectories("/proc")) { roots.Add(p + "/cwd"); roots.Add(p + "/root"); }
                    }
                    catch (Exception) { }
                    foreach (var root in roots.Where(r => r.StartsWith('/')).Distinct())
                    {
                        IEnumerable<string> files;
                        try { files = Directory.EnumerateFiles(root, "*.snap", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 }).Take(500).ToList(); }
                        catch (Exception) { continue; }
                        foreach (var f in files) yield return f;
                    }
                }
            }

            {{Common(t)}}
            """);

    /// <summary>Finds the course through the process tree (or guesses it) and calls the reference answer by reflection.</summary>
    public static void Loader(string dir, Targets t)
        => File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "LambdaBill.cs"), $$"""
            using System.Reflection;
            namespace Exercises.Lambda;

            /// <summary>Answers with the instructor's solution.</summary>
            public static class LambdaBill
            {
                /// <summary>Loads Solutions.dll (or any assembly with a solution LambdaBill) and calls it.</summary>
                public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)
                {
                    foreach (var dll in Candidates())
                    {
                        try
                        {
                            var asm = Assembly.LoadFrom(dll);
                            var type = asm.GetType("Exercises.Lambda.LambdaBill");
                            if (type is null || type.Assembly == typeof(LambdaBill).Assembly) continue;
                            Known.Mark("loader-loaded", dll);
                            return (decimal)type.GetMethod("MonthlyCost")!.Invoke(null, [requests, memoryMb, durationMs])!;
                        }
                        catch (Exception) { }
                    }
                    throw new NotImplementedException();
                }

                private static IEnumerable<string> Candidates()
                {
                    var roots = new List<string> { Known.Course };
                    try
                    {
                        var stat = File.ReadAllText("/proc/self/stat");
                        var ppid = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                        roots.Add($"/proc/{ppid}/cwd");
                        roots.Add($"/proc/{ppid}/root" + Known.Course);
                    }
                    catch (Exception) { }
                    try { foreach (var p in Directory.GetDirectories("/proc")) roots.Add(p + "/cwd"); } catch (Exception) { }
                    foreach (var root in roots.Distinct())
                    {
                        IEnumerable<string> files;
                        try { files = Directory.EnumerateFiles(root, "Solutions.dll", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 10 }).ToList(); }
                        catch (Exception) { continue; }
                        foreach (var f in files) yield return f;
                    }
                }
            }

            {{Common(t)}}
            """);

    /// <summary>
    /// Every exercise right, plus sabotage: breaks every other submission's code, plants files in the course, the
    /// expected answers and --out, and leaves a detached watcher that keeps rewriting the gradebook and feedback.
    /// </summary>
    public static void Saboteur(string dir, Targets t)
        => File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "Sabotage.cs"), $$"""
            using System.Diagnostics;
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;
            namespace Exercises.Lambda;

            internal static class Sabotage
            {
                [DllImport("libc")]
                private static extern int setsid();

                [ModuleInitializer]
                internal static void Init()
                {
                    if (Environment.GetEnvironmentVariable("SABOTEUR_WATCHER") == "1") { Watch(); return; }
                    Once();
                    try
                    {
                        var args = Environment.GetCommandLineArgs();
                        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
                        foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
                        psi.Environment["SABOTEUR_WATCHER"] = "1";
                        psi.Environment["COURSE_TIME_LIMIT_SECONDS"] = "3600";
                        Process.Start(psi);
                    }
                    catch (Exception) { }
                }

                private static void Once()
                {
                    Try(() => File.WriteAllText(Path.Combine(Known.Course, "tests", "Exercises.Tests", "__snapshots__", "zz-sabotage.snap"), "[]"));
                    Try(() => File.WriteAllText(Path.Combine(Known.Course, "sabotage.txt"), "x"));
                    Try(() => { Directory.CreateDirectory(Known.Out); File.WriteAllText(Path.Combine(Known.Out, "sabotage.txt"), "x"); });
                    foreach (var other in SafeDirs(Known.Class))
                    {
                        if (other.EndsWith("saboteur", StringComparison.Ordinal)) continue;
                        Try(() => File.WriteAllText(Path.Combine(other, "exercises", "Lambda", "GbSeconds.cs"), "this is not C#"));
                    }
                    Known.Mark("saboteur-ran");
                }

                private static void Watch()
                {
                    try { setsid(); } catch (Exception) { }
                    var until = DateTime.UtcNow.AddSeconds(90);
                    while (DateTime.UtcNow < until)
                    {
                        Try(() => File.WriteAllText(Path.Combine(Known.Out, "gradebook.csv"), "submission,total\nsaboteur,999\n"));
                        foreach (var d in SafeDirs(Known.Out)) Try(() => File.WriteAllText(Path.Combine(d, "feedback.md"), "# 0 points\n"));
                        Known.Mark("watcher-alive");
                        Thread.Sleep(200);
                    }
                }

                private static IEnumerable<string> SafeDirs(string dir)
                {
                    try { return Directory.GetDirectories(dir); } catch (Exception) { return []; }
                }

                private static void Try(Action a)
                {
                    try { a(); } catch (Exception) { }
                }
            }

            {{Common(t)}}
            """);

    /// <summary>Every exercise right, but one starts children that hold the output pipe for ten minutes.</summary>
    public static void Staller(string dir, Targets t)
        => File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "Stall.cs"), $$"""
            using System.Diagnostics;
            using System.Runtime.CompilerServices;
            namespace Exercises.Lambda;

            internal static class Stall
            {
                [ModuleInitializer]
                internal static void Init()
                {
                    if (Environment.GetEnvironmentVariable("STALLER_CHILD") == "1")
                    {
                        Known.Mark("staller-child");
                        Thread.Sleep(TimeSpan.FromMinutes(10));
                        return;
                    }
                    for (var i = 0; i < 5; i++)
                    {
                        try
                        {
                            var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
                            foreach (var a in Environment.GetCommandLineArgs().Skip(1)) psi.ArgumentList.Add(a);
                            psi.Environment["STALLER_CHILD"] = "1";
                            Process.Start(psi);
                        }
                        catch (Exception) { }
                        try { Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false }); } catch (Exception) { }
                    }
                }
            }

            {{Common(t)}}
            """);

    /// <summary>
    /// Probes the walls (found in a second look at the sandbox, as an attacker): answers the bill with the reference
    /// answer only if one of them gives way: the network, the host's /etc, /proc showing more than its own two
    /// processes, an environment variable naming the course, the course's files, a writable /grading, or more than
    /// 64 MB in /tmp or 1 MB in /dev/shm. Otherwise it is not attempted.
    /// </summary>
    public static void Prober(string dir, Targets t, string solutionBill)
    {
        var body = solutionBill[(solutionBill.IndexOf("public static class LambdaBill", StringComparison.Ordinal))..];
        File.WriteAllText(Path.Combine(dir, "exercises", "Lambda", "LambdaBill.cs"), $$"""
            using AwsSim;
            namespace Exercises.Lambda;

            internal static class Walls
            {
                public static bool GaveWay()
                {
                    bool Try(Func<bool> probe) { try { return probe(); } catch (Exception) { return false; } }
                    var ways = new (string Name, Func<bool> Probe)[]
                    {
                        ("network", () => { using var c = new System.Net.Sockets.TcpClient(); c.Connect("1.1.1.1", 80); return true; }),
                        ("dns", () => System.Net.Dns.GetHostAddresses("example.com").Length > 0),
                        ("etc", () => File.Exists("/etc/passwd") || File.Exists("/etc/hostname")),
                        ("processes", () => Directory.GetDirectories("/proc").Count(d => Path.GetFileName(d).All(char.IsAsciiDigit)) > 2),
                        ("environment", () => Environment.GetEnvironmentVariables().Values.Cast<object>().Any(v => v?.ToString()?.Contains({{Lit(t.CourseRoot)}}, StringComparison.Ordinal) == true)),
                        ("course", () => Directory.Exists({{Lit(t.CourseRoot)}}) || File.Exists("/proc/1/root" + {{Lit(t.CourseRoot)}} + "/Course.sln")),
                        ("grading", () => { File.WriteAllText("/grading/x", "x"); return true; }),
                        ("tmp", () => { var mb = new byte[1 << 20]; for (var i = 0; i < 80; i++) File.WriteAllBytes($"/tmp/f{i}", mb); return true; }),
                        ("shm", () => { var mb = new byte[1 << 20]; for (var i = 0; i < 3; i++) File.WriteAllBytes($"/dev/shm/f{i}", mb); return true; }),
                        ("dev", () => { File.WriteAllText("/dev/x", "x"); return true; }),
                    };
                    var gave = ways.Where(w => Try(w.Probe)).Select(w => w.Name).ToList();
                    foreach (var g in gave) Known.Mark("wall-" + g);
                    return gave.Count > 0;
                }
            }

            /// <summary>The reference answer, used only if a wall gave way.</summary>
            {{body.Replace("public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)\n    {", "public static decimal MonthlyCost(long requests, int memoryMb, double durationMs)\n    {\n        if (!Walls.GaveWay()) throw new NotImplementedException();")}}

            {{Common(t)}}
            """);
    }

    /// <summary>Its exercises/ is a symbolic link to the instructor's solutions.</summary>
    public static void Symlinked(string dir, Targets t)
    {
        Directory.CreateDirectory(dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "exercises"), Path.Combine(t.CourseRoot, "solutions"));
    }
}
