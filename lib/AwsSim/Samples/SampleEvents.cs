using System.Reflection;
using System.Text;

namespace AwsSim.Samples;

/// <summary>One real AWS sample event bundled with the course (<c>samples/events/</c> in the repository).</summary>
/// <param name="Name">The file name without <c>.json</c>: <c>&lt;kind&gt;.&lt;source&gt;.&lt;original name&gt;</c>.</param>
/// <param name="Kind">What it is, e.g. <c>s3-put</c> or <c>http-api-v2-request</c>: the short name to ask for.</param>
/// <param name="Source">Where it was copied from, e.g. <c>aws-lambda-dotnet</c> (sources and licences: samples/README.md).</param>
public sealed record SampleEvent(string Name, string Kind, string Source)
{
    /// <summary>The event's JSON exactly as the file holds it, less a leading byte-order mark.</summary>
    public string Json => SampleEvents.Read(Name);
}

/// <summary>
/// The real AWS sample events the course carries (copied verbatim from AWS's runtime libraries and documentation; the
/// sources and licences are in <c>samples/README.md</c>), built into the library so the CLI and the lessons can start
/// from a real event without a file: <c>SampleEvents.Get("s3-put").Json</c>, or <c>course events sample s3-put</c>.
/// </summary>
public static class SampleEvents
{
    private const string Prefix = "AwsSim.SampleEvents.";

    // The kind a short name picks when several files share it: the first source in this order.
    private static readonly string[] s_preferredSources = ["aws-lambda-dotnet", "aws-lambda-go", "awsdocs-cloudfront-guide", "aws-lambda-java-libs", "powertools-python"];

    /// <summary>Every bundled event, by kind, preferred source first.</summary>
    public static IReadOnlyList<SampleEvent> All { get; } = typeof(SampleEvents).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Select(n => n.Split('.') is [var kind, var source, ..] ? new SampleEvent(n, kind, source) : new SampleEvent(n, n, ""))
        .OrderBy(e => e.Kind, StringComparer.Ordinal)
        .ThenBy(e => Array.IndexOf(s_preferredSources, e.Source) is var i and >= 0 ? i : int.MaxValue)
        .ThenBy(e => e.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The distinct kinds, e.g. <c>s3-put</c>, in name order.</summary>
    public static IEnumerable<string> Kinds => All.Select(e => e.Kind).Distinct();

    /// <summary>
    /// The event called <paramref name="name"/>: a kind (<c>s3-put</c>, the preferred file of that kind) or a file name
    /// with or without <c>.json</c>; null when there is none.
    /// </summary>
    public static SampleEvent? Find(string name)
    {
        var n = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^".json".Length] : name;
        return All.FirstOrDefault(e => e.Name == n) ?? All.FirstOrDefault(e => e.Kind == n);
    }

    /// <summary>The event called <paramref name="name"/> (see <see cref="Find"/>).</summary>
    /// <exception cref="ArgumentException">No bundled event has that name; the message lists the kinds.</exception>
    public static SampleEvent Get(string name)
        => Find(name) ?? throw new ArgumentException($"no sample event '{name}'; the bundled kinds are {string.Join(", ", Kinds)}", nameof(name));

    internal static string Read(string name)
    {
        using var stream = typeof(SampleEvents).Assembly.GetManifestResourceStream(Prefix + name + ".json")
            ?? throw new ArgumentException($"no sample event '{name}'", nameof(name));
        // StreamReader drops the byte-order mark three of the aws-lambda-dotnet files start with.
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
