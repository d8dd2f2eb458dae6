namespace Course.Grading;

/// <summary>A plain aligned text table (columns separated by two spaces; right-aligned columns for numbers).</summary>
internal static class TextTable
{
    /// <summary>Renders the rows under the header; columns listed in <paramref name="rightAligned"/> are padded on the left.</summary>
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var lines = all.Select(r => string.Join("  ", Enumerable.Range(0, header.Count).Select(c =>
        {
            var cell = c < r.Count ? r[c] : "";
            return rightAligned.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]);
        })).TrimEnd());
        return string.Join('\n', lines);
    }
}
