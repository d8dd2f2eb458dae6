using AwsSim.Samples;

namespace Course.Commands;

/// <summary>
/// Where an event comes from for <c>lambda invoke --event</c> and <c>events check</c>: a file, or, when no file has that
/// name, one of the real AWS sample events the course bundles (<c>s3-put</c>, <c>http-api-v2-request</c>, …).
/// </summary>
internal static class EventInput
{
    /// <summary>The largest event file read: Lambda's synchronous payload limit (6 MB), the most any event can be.</summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    /// <summary>
    /// The JSON text of <paramref name="fileOrSample"/>: capped at <see cref="MaxBytes"/> before it is read, UTF-8, and
    /// valid JSON of bounded depth.
    /// </summary>
    /// <exception cref="UsageException">It cannot be read, is too large, is not UTF-8 or not JSON (one line saying so).</exception>
    public static string Read(string fileOrSample, string workingDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(workingDirectory, fileOrSample));
        string json;
        if (!File.Exists(path) && !Directory.Exists(path) && SampleEvents.Find(fileOrSample) is { } sample)
        {
            json = sample.Json;
        }
        else if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UsageException($"'{fileOrSample}' is not a file or a bundled sample event; the samples are {string.Join(", ", SampleEvents.Kinds)}");
        }
        else
        {
            json = InputFile.ReadText(fileOrSample, workingDirectory, MaxBytes, "Lambda's synchronous payload limit (6 MB)");
        }
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UsageException($"'{fileOrSample}' is not valid JSON: {e.Message.Split('\n')[0]}");
        }
        return json;
    }
}
