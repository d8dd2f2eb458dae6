using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Course.Grading;

/// <summary>One exercise of the course as the answer host lists it (run on the stubs when grading starts).</summary>
/// <param name="Id">Exercise id.</param>
/// <param name="Title">What it asks.</param>
/// <param name="Points">What it is worth.</param>
/// <param name="File">The file a learner edits.</param>
/// <param name="Hint">What to look at when the answer is wrong.</param>
internal sealed record CatalogEntry(string Id, string Title, int Points, string File, string Hint)
{
    /// <summary>This exercise scored 0 with a reason.</summary>
    public ExerciseScore Zero(string status, string summary, IReadOnlyList<string>? details = null)
        => new(Id, Title, Points, 0, status, summary, details ?? Array.Empty<string>(), File);
}

/// <summary>What the sandboxed process said about one exercise: its answer lines, or why there are none. Nothing more.</summary>
/// <param name="Id">Exercise id.</param>
/// <param name="Status"><c>answered</c>, <c>not attempted</c> or <c>failed</c>.</param>
/// <param name="Lines">The answer lines (compared by the grader with the expected ones).</param>
/// <param name="Summary">For a failure: what happened (shown to the learner, never trusted).</param>
/// <param name="Details">For a failure: the exception, what the code printed.</param>
internal sealed record AnswerReport(string Id, string Status, IReadOnlyList<string> Lines, string Summary, IReadOnlyList<string> Details);

/// <summary>
/// Reads the report stream of the answer host (see <c>Grading/Host/AnswerHost.cs</c>). Learner code runs in the same
/// process and may find a way to write to the stream too, so: only well-formed lines count; an exercise's report counts
/// only right after the start line for it, once (so one written early, from a module initializer, or late, from a
/// ProcessExit handler, a finalizer or a leftover thread, is ignored); sizes are bounded; and a report carries nothing
/// but answer lines: no verdict, no points.
/// </summary>
internal sealed class AnswerReports
{
    /// <summary>The most answer lines read per exercise (as the checks themselves allow).</summary>
    public const int MaxLines = 2_000;

    /// <summary>The most characters read per exercise's answer.</summary>
    public const int MaxChars = 200_000;

    /// <summary>The most bytes of report stream read from one process.</summary>
    public const int MaxStreamBytes = 16 << 20;

    private const string StartMark = "@course-start ";
    private const string ReportMark = "@course-report ";
    private const string EndMark = "@course-end";

    /// <summary>Answers by exercise id (the first report of each).</summary>
    public Dictionary<string, AnswerReport> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Catalog entries (from the host's <c>list</c> mode), in order.</summary>
    public List<CatalogEntry> Catalog { get; } = new();

    /// <summary>Exercises started, in order.</summary>
    public List<string> Started { get; } = new();

    /// <summary>Lines that claimed to be reports and were not well-formed, or repeated an exercise already reported.</summary>
    public int Rejected { get; private set; }

    /// <summary>True when the end mark was seen.</summary>
    public bool Ended { get; private set; }

    /// <summary>Exercises started with no report (the one running when the process died).</summary>
    public IReadOnlyList<string> Unfinished => Started.Where(id => !Answers.ContainsKey(id)).Distinct().ToList();

    /// <summary>The exercise the last start line named, until its report arrives: the only one a report may be for.</summary>
    private string? _running;

    /// <summary>Parses a whole report stream.</summary>
    public static AnswerReports Parse(byte[] stream)
    {
        var r = new AnswerReports();
        foreach (var raw in Encoding.UTF8.GetString(stream).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(StartMark, StringComparison.Ordinal)) r.Started.Add(r._running = line[StartMark.Length..].Trim());
            else if (line == EndMark) r.Ended = true;
            else if (line.StartsWith(ReportMark, StringComparison.Ordinal)) r.Read(line[ReportMark.Length..]);
        }
        return r;
    }

    private void Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var e = doc.RootElement;
            var kind = Str(e, "kind");
            var id = Str(e, "id");
            if (id.Length == 0 || id.Length > 200) { Rejected++; return; }
            if (kind == "exercise")
            {
                if (Catalog.Any(c => c.Id == id)) { Rejected++; return; }
                var points = e.TryGetProperty("points", out var p) && p.TryGetInt32(out var n) ? n : 0;
                Catalog.Add(new CatalogEntry(id, Str(e, "title"), points, Str(e, "file"), Str(e, "hint")));
                return;
            }
            // "answer" (an exercise) and "outcome" (a lab) are the same thing to the grader: lines to compare.
            if (kind is not ("answer" or "outcome")) { Rejected++; return; }
            // One report per exercise, and only for the exercise that has just started: a report written early (a module
            // initializer) or late (a ProcessExit handler, a finalizer, a leftover thread) is not the host's.
            if (Answers.ContainsKey(id) || id != _running) { Rejected++; return; }
            _running = null;
            var status = Str(e, "status");
            if (status is not ("answered" or "not attempted" or "failed")) { Rejected++; return; }
            var lines = Strings(e, "lines", MaxLines + 1, MaxChars + 1);
            if (lines.Count > MaxLines || lines.Sum(l => (long)l.Length) > MaxChars)
            {
                Answers[id] = new AnswerReport(id, "failed", Array.Empty<string>(),
                    string.Create(CultureInfo.InvariantCulture, $"your answer is too large (at most {MaxLines:N0} lines and {MaxChars:N0} characters are read)"), Array.Empty<string>());
                return;
            }
            Answers[id] = new AnswerReport(id, status, lines, Cap(Str(e, "summary"), 500), Strings(e, "details", 20, 4_000).Select(d => Cap(d, 4_000)).ToList());
        }
        catch (JsonException)
        {
            Rejected++;
        }
    }

    private static string Str(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static List<string> Strings(JsonElement e, string name, int maxCount, long maxChars)
    {
        var list = new List<string>();
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return list;
        long chars = 0;
        foreach (var x in a.EnumerateArray())
        {
            var s = x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : x.ToString();
            list.Add(s);
            chars += s.Length;
            if (list.Count >= maxCount || chars >= maxChars) break;
        }
        return list;
    }

    private static string Cap(string s, int max) => s.Length <= max ? s : s[..max] + " …(cut)";
}

/// <summary>
/// The expected answers, read by the grader from the instructor's snapshot files into memory. They are never copied
/// anywhere a submission's code can see.
/// </summary>
internal sealed class ExpectedAnswers
{
    private readonly Dictionary<string, IReadOnlyList<string>> _lines = new(StringComparer.Ordinal);

    /// <summary>True when an expected answer is recorded for <paramref name="id"/>.</summary>
    public bool Has(string id) => _lines.ContainsKey(id);

    /// <summary>How many are loaded.</summary>
    public int Count => _lines.Count;

    /// <summary>Reads every <c>&lt;id&gt;.snap</c> (a JSON array of lines) in <paramref name="folder"/>; later folders win.</summary>
    public void Load(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(folder, "*.snap", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file).TrimStart('\uFEFF'));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{file}: an exercise snapshot must be a JSON array of lines.");
            _lines[Path.GetFileNameWithoutExtension(file)] = doc.RootElement.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
        }
    }

    /// <summary>The verdict on one exercise: the report compared with the expected lines, outside the sandbox.</summary>
    public ExerciseScore Judge(CatalogEntry exercise, AnswerReport? report)
    {
        var hint = string.IsNullOrWhiteSpace(exercise.Hint) ? Array.Empty<string>() : new[] { "hint: " + exercise.Hint };
        if (report is null) return exercise.Zero(ExerciseScore.Failed, "not graded: the sandboxed process reported no answer for this exercise");
        switch (report.Status)
        {
            case "not attempted":
                return exercise.Zero(ExerciseScore.NotAttempted, $"not attempted yet: edit {exercise.File}");
            case "failed":
                return exercise.Zero(ExerciseScore.Failed, report.Summary.Length > 0 ? report.Summary : "your code failed", [.. report.Details, .. hint]);
        }
        if (!_lines.TryGetValue(exercise.Id, out var expected))
        {
            return exercise.Zero(ExerciseScore.Failed, $"no expected answer is recorded for {exercise.Id} ({exercise.Id}.snap is missing): ask your instructor");
        }
        var diff = FirstDifference(expected, report.Lines);
        return diff is null
            ? new ExerciseScore(exercise.Id, exercise.Title, exercise.Points, exercise.Points, ExerciseScore.Passed, "passed", Array.Empty<string>(), exercise.File)
            : exercise.Zero(ExerciseScore.Failed, diff.Value.Summary, [.. diff.Value.Details, .. hint]);
    }

    /// <summary>
    /// The first line where <paramref name="actual"/> differs from <paramref name="expected"/>, worded exactly as the
    /// checks' own <c>Grader.FirstDifference</c> (a test holds them equal), so learners read the same words everywhere.
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
}
