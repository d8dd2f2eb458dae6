// The answer host: the only program `course grade` runs learner code in, inside a fresh sandbox per submission. It is
// compiled by the grader against the course's checks (tests/Exercises.Checks), and prints, per exercise, the learner's
// answer lines as one report line on standard output. It compares nothing and knows no expected answer: the grader
// reads these reports from outside and decides every verdict itself. Learner code runs in this same process, so it can
// write to the report stream too; the grader keeps the first report per exercise (the host writes its own as soon as
// the exercise has run) and never trusts a report for more than answer lines.
//
// Protocol (UTF-8 lines on standard output; anything else is ignored):
//   @course-start <id>          about to run an exercise (so a crash can be blamed on it)
//   @course-report <json>       {"kind":"exercise"|"answer", "id":…, …}; a later "lab" sends kind "outcome" the same way
//   @course-end                 every selected exercise has a report
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Exercises.Checks;

var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
// Whatever learner code prints outside an exercise's own capture goes to standard error (a log), not to the reports.
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
        Report(new { kind = "exercise", id = e.Id, title = e.Title, points = e.Points, file = e.StubFile, hint = e.Hint, timeLimitSeconds = Grader.TimeLimitOf(e).TotalSeconds });
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

static void Exit(int code)
{
    if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) NativeExit(code);
    Environment.Exit(code);
}

[DllImport("libc", EntryPoint = "_exit")]
static extern void NativeExit(int code);
