using NotebookRunner;

namespace Course.Running;

/// <summary>Prints a notebook's cells to a terminal as they finish: markdown as text, code dimmed, then outputs.</summary>
/// <param name="output">Where to print.</param>
/// <param name="text">How to render (width, colour, the command that draws the lesson's pictures).</param>
/// <param name="notebook">The notebook's path as the learner typed it, to say where a folded cell is whole.</param>
internal sealed class NotebookPrinter(TextWriter output, TerminalText text, string notebook)
{
    /// <summary>Prints one finished cell.</summary>
    public void Print(CellResult cell)
    {
        switch (cell.Kind)
        {
            case CellKind.Markdown:
                var md = text.Markdown(cell.Source).TrimEnd('\n');
                if (md.Length > 0) output.WriteLine(md);
                output.WriteLine();
                break;
            default:
                output.WriteLine(text.Faint($"  ┌─ cell {cell.Number}"));
                output.WriteLine(text.Code(cell.Source, $"{notebook}, cell {cell.Number}"));
                foreach (var o in cell.Outputs)
                {
                    var shown = Render(o);
                    if (shown.Length == 0) continue;
                    foreach (var line in shown.Split('\n')) output.WriteLine("  " + line);
                }
                output.WriteLine();
                break;
        }
    }

    /// <summary>An output as text: its text/plain form if it has one, else its HTML made readable.</summary>
    public string Render(CellOutput o)
    {
        // Outputs are printed indented by two columns: fit them to what is left.
        if (o.Text is { } plain) return text.Output(plain.Replace("\r\n", "\n").TrimEnd('\n'), indent: 2);
        if (o.HtmlValue is { } html) return text.Html(html, indent: 2);
        return o.Values.Count > 0 ? $"[{o.Values.First().Key} output]" : "";
    }
}
