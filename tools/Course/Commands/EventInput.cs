using AwsSim.Samples;

namespace Course.Commands;

/// <summary>
/// Where an event comes from for <c>lambda invoke --event</c> and <c>events check</c>: a file, or, when no file has that
/// name, one of the real AWS sample events the course bundles (<c>s3-put</c>, <c>http-api-v2-request</c>, …).
/// </summary>
internal static class EventInput
{
    /// <summary>The JSON of <paramref name="fileOrSample"/>, or an error line (naming the value and what is allowed).</summary>
    public static (string? Json, string? Error) Read(string fileOrSample, string workingDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(workingDirectory, fileOrSample));
        if (!File.Exists(path) && !Directory.Exists(path) && SampleEvents.Find(fileOrSample) is { } sample) return (sample.Json, null);
        try
        {
            return (File.ReadAllText(path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var why = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            return (null, $"cannot read the event '{fileOrSample}': {why}; give a JSON file or a bundled sample ({string.Join(", ", SampleEvents.Kinds)})");
        }
    }
}
