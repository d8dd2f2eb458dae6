using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsSim;

/// <summary>
/// Every AWS event shape in the library (types marked <see cref="AwsEventAttribute"/>): recognises which kind a JSON
/// document is, loads it, and reports what a round trip through the library's type would lose or change.
/// </summary>
public static class AwsEventCatalog
{
    private static readonly Lazy<IReadOnlyList<(AwsEventAttribute Info, Type Type)>> s_kinds = new(() =>
        typeof(AwsEventCatalog).Assembly.GetTypes()
            .Select(t => (Info: t.GetCustomAttribute<AwsEventAttribute>(), Type: t))
            .Where(x => x.Info is not null)
            .Select(x => (x.Info!, x.Type))
            .OrderBy(x => x.Item1.Kind, StringComparer.Ordinal)
            .ToList());

    /// <summary>The known kinds and their types.</summary>
    public static IReadOnlyList<(AwsEventAttribute Info, Type Type)> Kinds => s_kinds.Value;

    /// <summary>The kind of <paramref name="json"/>, or null when no known shape matches.</summary>
    public static (AwsEventAttribute Info, Type Type)? Recognise(JsonNode? json)
    {
        if (json is null) return null;
        (AwsEventAttribute, Type)? best = null;
        var bestScore = 0;
        foreach (var k in Kinds)
        {
            if (k.Info.Markers.Count == 0 || !k.Info.Markers.All(m => Matches(json, m))) continue;
            if (k.Info.Markers.Count > bestScore) { best = k; bestScore = k.Info.Markers.Count; }
        }
        return best;
    }

    /// <summary>
    /// Loads <paramref name="json"/> into its type and writes it back; returns the kind and the differences
    /// (empty when nothing is lost or changed). Throws <see cref="JsonException"/> for unreadable input.
    /// </summary>
    public static (string? Kind, Type? Type, IReadOnlyList<string> Differences) RoundTrip(string json)
    {
        var node = AwsJson.Parse(json);
        var kind = Recognise(node);
        if (kind is null) return (null, null, Array.Empty<string>());
        var value = JsonSerializer.Deserialize(AwsJson.StripBom(json), kind.Value.Type, AwsJson.Options);
        var back = JsonNode.Parse(JsonSerializer.Serialize(value, kind.Value.Type, AwsJson.Options));
        return (kind.Value.Info.Kind, kind.Value.Type, JsonEquivalence.Differences(node, back));
    }

    private static bool Matches(JsonNode root, string marker)
    {
        var eq = marker.IndexOf('=');
        var path = eq < 0 ? marker : marker[..eq];
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var br = part.IndexOf('[');
            if (br >= 0)
            {
                name = part[..br];
                index = int.Parse(part[(br + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node) || node is null) return false;
            if (index is { } i)
            {
                if (node is not JsonArray arr || arr.Count <= i) return false;
                node = arr[i];
            }
        }
        if (node is null) return false;
        return eq < 0 || (node is JsonValue v && v.TryGetValue<string>(out var s) && s == marker[(eq + 1)..]);
    }
}
