using System.Globalization;
using System.Text;

namespace Course.Grading;

/// <summary><c>gradebook.csv</c>: one row per submission, one column per exercise (points earned), then the totals.</summary>
internal static class Gradebook
{
    /// <summary>The CSV text (RFC 4180: comma separated, quoted when needed, CRLF line ends).</summary>
    public static string ToCsv(IReadOnlyList<ExerciseScore> catalog, IReadOnlyList<SubmissionResult> results)
    {
        var sb = new StringBuilder();
        var header = new List<string> { "submission" };
        header.AddRange(catalog.Select(e => e.Id));
        header.AddRange(["total", "possible", "percent", "compiled", "notes"]);
        sb.Append(Row(header));
        foreach (var r in results)
        {
            var cells = new List<string> { r.Name };
            cells.AddRange(catalog.Select(e => (r.Scores.FirstOrDefault(s => s.Id == e.Id)?.Earned ?? 0).ToString(CultureInfo.InvariantCulture)));
            cells.Add(r.Earned.ToString(CultureInfo.InvariantCulture));
            cells.Add(r.Possible.ToString(CultureInfo.InvariantCulture));
            cells.Add(r.Percent.ToString("0.0", CultureInfo.InvariantCulture));
            cells.Add(r.Compiled ? "yes" : "no");
            cells.Add(string.Join("; ", Notes(r)));
            sb.Append(Row(cells));
        }
        return sb.ToString();
    }

    /// <summary>The short notes column: build failure, edits outside exercises/, process trouble.</summary>
    public static IEnumerable<string> Notes(SubmissionResult r)
    {
        if (!r.Compiled) yield return "does not compile";
        if (r.Edits.Count > 0) yield return $"{r.Edits.Count} file(s) edited outside exercises/ (ignored)";
        foreach (var s in r.Scores.Where(s => s.Summary.StartsWith("timed out", StringComparison.Ordinal))) yield return $"{s.Id} timed out";
        foreach (var s in r.Scores.Where(s => s.Summary.StartsWith("the test process ended", StringComparison.Ordinal) || s.Summary.StartsWith("stopped:", StringComparison.Ordinal))) yield return $"{s.Id} stopped the test process";
    }

    /// <summary>One CSV line.</summary>
    public static string Row(IEnumerable<string> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    /// <summary>
    /// One CSV cell: quoted when it holds a comma, quote or line break; a leading <c>= + - @</c> is neutralised with a
    /// quote mark so a spreadsheet never runs a folder name as a formula.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
