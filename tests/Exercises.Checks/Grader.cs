using System.Text;

namespace Exercises.Checks;

/// <summary>
/// Checks exercises: runs the learner's code (with a time limit, its console output captured and capped), then
/// compares its lines with the expected lines and names the first difference.
/// </summary>
public static class Grader
{
    /// <summary>Answers larger than this many lines fail as "too large" rather than flooding the report.</summary>
    public const int MaxLines = 2_000;

    /// <summary>Answers larger than this many characters fail as "too large".</summary>
    public const int MaxChars = 200_000;

    /// <summary>Checks one exercise against its snapshot.</summary>
    public static Verdict Grade(ExerciseDefinition exercise, string? snapshotsDirectory = null)
    {
        var answer = Answer(exercise);
        if (answer.Status == AnswerStatus.NotAttempted)
        {
            return new Verdict(exercise, VerdictStatus.NotAttempted, answer.Summary,
                Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
        }
        var expected = SnapshotFile.TryRead(exercise.Id, snapshotsDirectory) ?? Array.Empty<string>();
        if (answer.Status == AnswerStatus.Failed)
        {
            return new Verdict(exercise, VerdictStatus.Failed, answer.Summary, WithHint(answer.Details, exercise), Array.Empty<string>(), expected);
        }
        var actual = answer.Lines;
        if (SnapshotFile.TryRead(exercise.Id, snapshotsDirectory) is null)
        {
            return new Verdict(exercise, VerdictStatus.Failed, $"no expected answer is recorded for {exercise.Id} ({SnapshotFile.FileName(exercise.Id)} is missing): ask your instructor",
                Array.Empty<string>(), actual, expected);
        }
        var diff = FirstDifference(expected, actual);
        if (diff is null)
        {
            return new Verdict(exercise, VerdictStatus.Passed, "passed", Array.Empty<string>(), actual, expected);
        }
        return new Verdict(exercise, VerdictStatus.Failed, diff.Value.Summary, WithHint(diff.Value.Details, exercise), actual, expected);
    }

    /// <summary>
    /// Runs the learner's code for one exercise (time limit, console output captured and capped) and returns its answer
    /// lines, or why there are none, without comparing them with anything. A grader that must not trust the process
    /// running learner code (<c>course grade</c>) asks only for this and compares outside.
    /// </summary>
    public static ExerciseAnswer Answer(ExerciseDefinition exercise)
    {
        var run = Run(exercise);
        if (run.NotAttempted) return new ExerciseAnswer(AnswerStatus.NotAttempted, Array.Empty<string>(), $"not attempted yet: edit {exercise.StubFile}", Array.Empty<string>());
        if (run.Failure is not null) return new ExerciseAnswer(AnswerStatus.Failed, Array.Empty<string>(), run.Failure, run.FailureDetails);
        return new ExerciseAnswer(AnswerStatus.Answered, run.Lines!, "answered", Array.Empty<string>());
    }

    /// <summary>Checks several exercises, one after another.</summary>
    public static IReadOnlyList<Verdict> GradeAll(IEnumerable<ExerciseDefinition> exercises, string? snapshotsDirectory = null)
        => exercises.Select(e => Grade(e, snapshotsDirectory)).ToList();

    /// <summary>
    /// The first line where <paramref name="actual"/> differs from <paramref name="expected"/>, as a one-line summary
    /// and a few lines of detail; null when they are the same.
    /// </summary>
    public static (string Summary, IReadOnlyList<string> Details)? FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var n = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            var e = i < expected.Count ? expected[i] : null;
            var a = i < actual.Count ? actual[i] : null;
            if (e == a) continue;
            var details = new List<string>
            {
                $"expected: {e ?? "(nothing more)"}",
                $"yours:    {a ?? "(nothing more)"}",
            };
            if (e is not null && a is not null)
            {
                var col = 0;
                while (col < e.Length && col < a.Length && e[col] == a[col]) col++;
                details.Add("          " + new string(' ', col) + "^ first different character");
            }
            var which = e is null ? $"your answer has {actual.Count} lines, {actual.Count - expected.Count} more than expected"
                      : a is null ? $"your answer has {actual.Count} lines; {expected.Count} were expected"
                      : $"line {i + 1} differs";
            return ($"not quite: {which}", details);
        }
        return null;
    }

    /// <summary>A wrong answer gets the first hint, and says how to ask for the next one.</summary>
    private static IReadOnlyList<string> WithHint(IReadOnlyList<string> details, ExerciseDefinition exercise)
    {
        var hints = exercise.Hints;
        if (hints.Count == 0) return details;
        var more = hints.Count > 1 ? $" (a more specific hint: course check {exercise.Id} --hint 2)" : "";
        return details.Append("hint: " + hints[0] + more).ToList();
    }

    private sealed record RunResult(IReadOnlyList<string>? Lines, bool NotAttempted, string? Failure, IReadOnlyList<string> FailureDetails, string Output);

    /// <summary>
    /// Environment variable that overrides every exercise's time limit, in seconds (used by <c>course grade
    /// --time-limit</c>; a class can be graded with shorter limits than a learner checks with).
    /// </summary>
    public const string TimeLimitVariable = "COURSE_TIME_LIMIT_SECONDS";

    /// <summary>The time limit in force for an exercise: <see cref="TimeLimitVariable"/> when set, else its own.</summary>
    public static TimeSpan TimeLimitOf(ExerciseDefinition exercise)
    {
        var text = Environment.GetEnvironmentVariable(TimeLimitVariable);
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s)
            ? TimeSpan.FromSeconds(s)
            : exercise.EffectiveTimeLimit;
    }

    // What a learner's code prints goes to the writer of the exercise that printed it (an AsyncLocal flows into the
    // threads and tasks the learner's code starts). A thread that ran past its time limit keeps writing into its own
    // bounded writer, never into the console or into the next exercise's output.
    // The capture and the console routing are shared by every copy of this library in the process: a check of the
    // learner's current source (SourceCheck) loads a fresh copy into a load context of its own, and the console is one.
    private const string CaptureSlot = "Exercises.Checks.Grader.Capture";
    private const string RoutedOutSlot = "Exercises.Checks.Grader.RoutedOut";
    private const string RoutedErrorSlot = "Exercises.Checks.Grader.RoutedError";
    private static readonly AsyncLocal<TextWriter?> s_capture = SharedCapture();

    /// <summary>A lock every copy of this library shares: a type of the core library, which all load contexts share.</summary>
    private static object SharedGate => typeof(AppContext);

    private static AsyncLocal<TextWriter?> SharedCapture()
    {
        lock (SharedGate)
        {
            if (AppContext.GetData(CaptureSlot) is AsyncLocal<TextWriter?> shared) return shared;
            var created = new AsyncLocal<TextWriter?>();
            AppContext.SetData(CaptureSlot, created);
            return created;
        }
    }

    /// <summary>Routes the console through the shared capture (once per process, whichever copy comes first).</summary>
    internal static void RouteConsole()
    {
        lock (SharedGate)
        {
            if (!ReferenceEquals(Console.Out, AppContext.GetData(RoutedOutSlot)))
            {
                Console.SetOut(new RoutingWriter(Console.Out));
                AppContext.SetData(RoutedOutSlot, Console.Out);
            }
            if (!ReferenceEquals(Console.Error, AppContext.GetData(RoutedErrorSlot)))
            {
                Console.SetError(new RoutingWriter(Console.Error));
                AppContext.SetData(RoutedErrorSlot, Console.Error);
            }
        }
    }

    /// <summary>
    /// True when the exercise's code still throws <see cref="NotImplementedException"/> (an untouched stub), found by
    /// running it for at most <paramref name="probe"/>: a stub throws at once; anything else counts as attempted.
    /// </summary>
    public static bool IsNotAttempted(ExerciseDefinition exercise, TimeSpan probe) => Run(exercise, probe).NotAttempted;

    private static RunResult Run(ExerciseDefinition exercise, TimeSpan? limitOverride = null)
    {
        IReadOnlyList<string>? lines = null;
        Exception? error = null;
        var output = new BoundedWriter(4_000);
        var limit = limitOverride ?? TimeLimitOf(exercise);
        RouteConsole();
        var thread = new Thread(() =>
        {
            s_capture.Value = output;
            try { lines = exercise.Answer(); }
            catch (Exception ex) { error = ex; }
        }, maxStackSize: 16 * 1024 * 1024)
        {
            IsBackground = true, // a learner's infinite loop must not keep the process alive
            Name = "exercise " + exercise.Id,
        };
        thread.Start();
        var finished = thread.Join(limit);

        var printed = output.ToString();
        if (!finished)
        {
            return new RunResult(null, false, $"timed out after {limit.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s: is there a loop that never ends?", OutputLines(printed), printed);
        }
        if (IsNotImplemented(error))
        {
            return new RunResult(null, true, null, Array.Empty<string>(), printed);
        }
        if (error is not null)
        {
            var details = new List<string> { $"{error.GetType().Name}: {error.Message}" };
            var frame = error.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Exercises.", StringComparison.Ordinal) && !l.Contains("Exercises.Checks", StringComparison.Ordinal));
            if (frame is not null) details.Add(frame);
            details.AddRange(OutputLines(printed));
            return new RunResult(null, false, $"your code threw {error.GetType().Name}", details, printed);
        }
        if (lines is null)
        {
            return new RunResult(null, false, "your code produced no answer", OutputLines(printed), printed);
        }
        var chars = lines.Sum(l => (long)(l?.Length ?? 0));
        if (lines.Count > MaxLines || chars > MaxChars)
        {
            return new RunResult(null, false, $"your answer is too large ({lines.Count:N0} lines, {chars:N0} characters; at most {MaxLines:N0} lines and {MaxChars:N0} characters are read)", Array.Empty<string>(), printed);
        }
        return new RunResult(lines.Select(l => l ?? "").ToList(), false, null, Array.Empty<string>(), printed);
    }

    private static bool IsNotImplemented(Exception? error) => error switch
    {
        NotImplementedException => true,
        AggregateException { InnerExceptions.Count: 1 } ag => IsNotImplemented(ag.InnerException),
        TypeInitializationException ti => IsNotImplemented(ti.InnerException),
        System.Reflection.TargetInvocationException tie => IsNotImplemented(tie.InnerException),
        _ => false,
    };

    private static IReadOnlyList<string> OutputLines(string printed)
        => printed.Length == 0 ? Array.Empty<string>() : new[] { "your code printed: " + printed.Replace("\n", "\n    ").TrimEnd() };

    /// <summary>Sends each write to the capturing writer of the exercise being run on this thread, else to the console.</summary>
    private sealed class RoutingWriter(TextWriter inner) : TextWriter
    {
        private TextWriter Target => s_capture.Value ?? inner;

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void Flush() => Target.Flush();
    }

    /// <summary>Keeps the first part of what a learner's code prints, so a print loop cannot exhaust memory.</summary>
    private sealed class BoundedWriter : StringWriter
    {
        private readonly int _max;
        private bool _truncated;

        public BoundedWriter(int max) => _max = max;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (this)
            {
                if (GetStringBuilder().Length < _max) base.Write(value);
                else if (!_truncated) { _truncated = true; base.Write(" …(output cut)"); }
            }
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            lock (this)
            {
                var room = _max - GetStringBuilder().Length;
                if (room >= value.Length) { base.Write(value); return; }
                if (room > 0) base.Write(value[..room]);
                if (!_truncated) { _truncated = true; base.Write(" …(output cut)"); }
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
    }
}

/// <summary>What running the learner's code for an exercise gave.</summary>
public enum AnswerStatus
{
    /// <summary>Answer lines, to be compared with the expected ones.</summary>
    Answered,

    /// <summary>The stub still throws <see cref="NotImplementedException"/>.</summary>
    NotAttempted,

    /// <summary>It threw, ran too long, or gave no answer or one too large.</summary>
    Failed,
}

/// <summary>The learner's answer to one exercise, before any comparison.</summary>
/// <param name="Status">Whether there are answer lines.</param>
/// <param name="Lines">The answer lines (empty unless <see cref="AnswerStatus.Answered"/>).</param>
/// <param name="Summary">One line: what happened.</param>
/// <param name="Details">For a failure: the exception, what the code printed.</param>
public sealed record ExerciseAnswer(AnswerStatus Status, IReadOnlyList<string> Lines, string Summary, IReadOnlyList<string> Details);
