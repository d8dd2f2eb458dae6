namespace NotebookRunner;

/// <summary>What a notebook cell is.</summary>
public enum CellKind
{
    /// <summary>Text for the reader; never run.</summary>
    Markdown,

    /// <summary>C# code, run in the kernel.</summary>
    Code,

    /// <summary>A cell in another language or of another type; the runner reports it as a failure.</summary>
    Other,
}

/// <summary>Where a cell output came from.</summary>
public enum OutputKind
{
    /// <summary>Written to the console (<c>Console.WriteLine</c>).</summary>
    StandardOutput,

    /// <summary>Written to the error console.</summary>
    StandardError,

    /// <summary>The value of the cell's last expression.</summary>
    ReturnValue,

    /// <summary>Shown with <c>display(…)</c> (also package-install progress from <c>#r "nuget: …"</c>).</summary>
    Display,

    /// <summary>An error the kernel reported.</summary>
    Error,
}

/// <summary>One output of a cell, with every format the kernel produced for it, keyed by MIME type.</summary>
/// <param name="Kind">Where it came from.</param>
/// <param name="Values">The formatted values by MIME type (e.g. <c>text/plain</c>, <c>text/html</c>).</param>
public sealed record CellOutput(OutputKind Kind, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The plain-text MIME type.</summary>
    public const string PlainText = "text/plain";

    /// <summary>The HTML MIME type.</summary>
    public const string Html = "text/html";

    /// <summary>The text/plain form, or null when the kernel produced none.</summary>
    public string? Text => Values.GetValueOrDefault(PlainText);

    /// <summary>The text/html form, or null when the kernel produced none.</summary>
    public string? HtmlValue => Values.GetValueOrDefault(Html);

    /// <summary>The preferred form: text/plain, else text/html, else whatever there is.</summary>
    public (string MimeType, string Value) Preferred =>
        Values.TryGetValue(PlainText, out var t) ? (PlainText, t)
        : Values.TryGetValue(Html, out var h) ? (Html, h)
        : Values.Count > 0 ? (Values.First().Key, Values.First().Value)
        : (PlainText, "");
}

/// <summary>One cell of a run notebook.</summary>
/// <param name="Number">1-based position among <b>all</b> cells (markdown included), as an editor shows it.</param>
/// <param name="Kind">Markdown, C# code or other.</param>
/// <param name="KernelName">The cell's kernel (<c>csharp</c>, <c>markdown</c>, …).</param>
/// <param name="Source">The cell's text as stored in the notebook.</param>
/// <param name="Outputs">What it printed, returned and displayed, in order.</param>
/// <param name="Success">False when the cell failed (exception or compile error).</param>
/// <param name="Error">The error message when it failed.</param>
/// <param name="Elapsed">How long the cell ran (zero for markdown).</param>
public sealed record CellResult(
    int Number,
    CellKind Kind,
    string KernelName,
    string Source,
    IReadOnlyList<CellOutput> Outputs,
    bool Success,
    string? Error,
    TimeSpan Elapsed)
{
    /// <summary>The first non-empty line of the source, trimmed (how a failing cell is named in reports).</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}

/// <summary>The result of running a notebook top to bottom, stopping at the first failed cell.</summary>
/// <param name="Path">The notebook file.</param>
/// <param name="TotalCells">How many cells the notebook has (cells after a failure are not run and not listed).</param>
/// <param name="Cells">The cells that were run or shown, in order, up to and including a failed one.</param>
/// <param name="Elapsed">Wall time of the whole run, kernel start included.</param>
public sealed record NotebookResult(string Path, int TotalCells, IReadOnlyList<CellResult> Cells, TimeSpan Elapsed)
{
    /// <summary>The failed cell, or null when every cell ran.</summary>
    public CellResult? FailedCell => Cells.FirstOrDefault(c => !c.Success);

    /// <summary>True when every cell ran without error.</summary>
    public bool Success => FailedCell is null;

    /// <summary>
    /// One short report of the failure: <c>cell N: &lt;first line&gt;</c>, then the error; empty on success.
    /// </summary>
    public string FailureMessage => FailedCell is { } c ? $"cell {c.Number}: {c.FirstLine}\n{c.Error}" : "";
}
