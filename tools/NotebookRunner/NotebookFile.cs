using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookRunner;

/// <summary>A file that is not a notebook this runner can run; the message is one line naming what is wrong.</summary>
public sealed class NotebookFormatException(string message) : Exception(message);

/// <summary>
/// Reads a notebook file defensively before anything runs: capped in size, UTF-8, JSON of bounded depth, and shaped like
/// a Jupyter notebook (an object whose <c>cells</c> is a non-empty array of cells with a known <c>cell_type</c> and a
/// text <c>source</c>). Anything else is a <see cref="NotebookFormatException"/> that says which field is wrong.
/// </summary>
public static class NotebookFile
{
    /// <summary>The largest notebook read (a lesson stored without outputs is well under 1 MB).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private const int MaxDepth = 64;

    /// <summary>Reads and parses the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFormatException">It is not a notebook this runner can run.</exception>
    public static InteractiveDocument Load(string path)
    {
        var name = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new NotebookFormatException($"{name}: no such file");
        if (info.Length > MaxBytes) throw new NotebookFormatException($"{name} is {info.Length:#,0} bytes: a notebook may be at most {MaxBytes:#,0} bytes");
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException($"{name} is not UTF-8 text (byte {e.Index} is not valid UTF-8): a notebook is UTF-8 JSON");
        }
        return Parse(json, name);
    }

    /// <summary>Checks and parses notebook JSON; <paramref name="name"/> is how errors name it.</summary>
    /// <exception cref="NotebookFormatException">It is not a notebook this runner can run.</exception>
    public static InteractiveDocument Parse(string json, string name)
    {
        if (json.Trim().Length == 0) throw new NotebookFormatException($"{name} is empty: a notebook is a JSON object with a \"cells\" array");
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new NotebookFormatException($"{name}: the top level is a JSON {Kind(root)}; a notebook is a JSON object with a \"cells\" array");
            if (!root.TryGetProperty("cells", out var cells)) throw new NotebookFormatException($"{name} has no \"cells\": a notebook is a JSON object with a \"cells\" array");
            if (cells.ValueKind != JsonValueKind.Array) throw new NotebookFormatException($"{name}: cells = {Short(cells)} is not allowed: must be an array of cells");
            if (cells.GetArrayLength() == 0) throw new NotebookFormatException($"{name} has no cells: there is nothing to run");
            var i = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Object) throw new NotebookFormatException($"{name}: cells[{i}] = {Short(cell)} is not allowed: must be a cell object");
                var type = cell.TryGetProperty("cell_type", out var t) ? t : default;
                if (type.ValueKind != JsonValueKind.String || type.GetString() is not ("markdown" or "code" or "raw"))
                {
                    throw new NotebookFormatException($"{name}: cells[{i}].cell_type = {Short(type)} is not allowed: must be \"markdown\", \"code\" or \"raw\"");
                }
                if (cell.TryGetProperty("source", out var source)
                    && source.ValueKind != JsonValueKind.String
                    && !(source.ValueKind == JsonValueKind.Array && source.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String)))
                {
                    throw new NotebookFormatException($"{name}: cells[{i}].source = {Short(source)} is not allowed: must be a string or an array of strings");
                }
                i++;
            }
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{name} is not valid JSON: {FirstSentence(e.Message)}");
        }
        try
        {
            return NotebookExecutor.Parse(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new NotebookFormatException($"{name} is not a notebook this runner can read: {FirstSentence(e.Message)}");
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string Short(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Undefined) return "(missing)";
        var raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
