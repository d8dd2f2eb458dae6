// The answer host: the only program `course grade` runs learner code in, inside a fresh sandbox per submission. It is
// compiled by the grader against the course's checks (tests/Exercises.Checks), and prints, per exercise, the learner's
// answer lines as one report line on standard output. It compares nothing and knows no expected answer: the grader
// reads these reports from outside and decides every verdict itself. Learner code runs in this same process, so it can
// try to write to the report stream too (it is hidden from it, see ReportStream); the grader accepts one report per
// exercise, right after the host's own start line for it, and never trusts a report for more than answer lines.
//
// Protocol (UTF-8 lines on standard output; anything else is ignored):
//   @course-start <id>          about to run an exercise (so a crash can be blamed on it)
//   @course-report <json>       {"kind":"exercise"|"answer", "id":…, …}; a later "lab" sends kind "outcome" the same way
//   @course-end                 every selected exercise has a report
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Exercises.Checks;

// The reports go to a private copy of standard output (close-on-exec, so no child inherits it); descriptor 1 itself is
// pointed at standard error before any learner code loads. Console.OpenStandardOutput, /dev/stdout and a child's
// inherited output all land in the log, not in the reports.
var protocol = new StreamWriter(ReportStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
Console.SetOut(Console.Error);

var mode = args.Length > 0 ? args[0] : "";
var skip = new HashSet<string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--skip") skip.Add(args[i + 1]);
}

if (mode == "list")
{
    foreach (var e in ExerciseCatalog.All)
    {
        Report(new { kind = "exercise", id = e.Id, title = e.Title, points = e.Points, file = e.StubFile, hint = e.Hints.Count > 0 ? e.Hints[0] : "", timeLimitSeconds = Grader.TimeLimitOf(e).TotalSeconds });
    }
}
else if (mode == "answer")
{
    foreach (var e in ExerciseCatalog.All.Where(e => !skip.Contains(e.Id)))
    {
        protocol.WriteLine("@course-start " + e.Id);
        var a = Grader.Answer(e);
        var status = a.Status switch { AnswerStatus.Answered => "answered", AnswerStatus.NotAttempted => "not attempted", _ => "failed" };
        Report(new { kind = "answer", id = e.Id, status, lines = a.Lines, summary = a.Summary, details = a.Details });
    }
}
else
{
    Console.Error.WriteLine("usage: AnswerHost list | answer [--skip <id>]...");
    Exit(2);
}
protocol.WriteLine("@course-end");
protocol.Flush();
// Ends now: no learner ProcessExit handler, finalizer or foreground thread runs after the last report.
Exit(0);

void Report(object report) => protocol.WriteLine("@course-report " + JsonSerializer.Serialize(report));

static Stream ReportStream()
{
    if (!OperatingSystem.IsLinux()) return Console.OpenStandardOutput();
    const int F_DUPFD_CLOEXEC = 1030;
    var fd = Fcntl(1, F_DUPFD_CLOEXEC, 100);
    if (fd < 0 || Dup2(2, 1) < 0) throw new IOException("could not set up the report stream");
    return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 1);
}

static void Exit(int code)
{
    if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) NativeExit(code);
    Environment.Exit(code);
}

[DllImport("libc", EntryPoint = "_exit")]
static extern void NativeExit(int code);

[DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
static extern int Fcntl(int fd, int cmd, int arg);

[DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
static extern int Dup2(int oldFd, int newFd);
