using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AwsSim;

/// <summary>
/// How the course reads and writes AWS's JSON: property names exactly as AWS sends them (every type names them with
/// <see cref="JsonPropertyNameAttribute"/>), nulls left out on writing, no HTML escaping, and a byte-order mark
/// tolerated on reading (some of AWS's own sample files start with one).
/// </summary>
public static class AwsJson
{
    /// <summary>The serializer options every AWS-shaped type uses.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented, for showing to a learner.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Reads AWS JSON into <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(string json)
        => JsonSerializer.Deserialize<T>(StripBom(json), Options) ?? throw new JsonException($"The JSON is null, not a {typeof(T).Name}.");

    /// <summary>Writes <paramref name="value"/> as AWS JSON.</summary>
    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    /// <summary>Drops a leading UTF-8 byte-order mark.</summary>
    public static string StripBom(string json) => json.Length > 0 && json[0] == '\uFEFF' ? json[1..] : json;

    /// <summary>Parses to a node tree (byte-order mark tolerated).</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(StripBom(json));

    private static JsonSerializerOptions Create(bool indented)
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNameCaseInsensitive = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}

/// <summary>
/// Compares two JSON documents the way a round trip should be judged: same properties with the same values, where a
/// property that is null counts the same as one that is absent, and numbers compare by value (1.0 = 1).
/// </summary>
public static class JsonEquivalence
{
    /// <summary>The differences, each as "path: what", empty when the documents are equivalent.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var diffs = new List<string>();
        Compare("$", expected, actual, diffs);
        return diffs;
    }

    private static void Compare(string path, JsonNode? e, JsonNode? a, List<string> diffs)
    {
        if (e is null && a is null) return;
        if (e is null) { diffs.Add($"{path}: added ({Short(a)})"); return; }
        if (a is null) { diffs.Add($"{path}: lost (was {Short(e)})"); return; }
        switch (e)
        {
            case JsonObject eo when a is JsonObject ao:
                foreach (var (name, ev) in eo)
                {
                    ao.TryGetPropertyValue(name, out var av);
                    Compare($"{path}.{name}", ev, av, diffs);
                }
                foreach (var (name, av) in ao)
                {
                    if (!eo.ContainsKey(name) && av is not null) diffs.Add($"{path}.{name}: added ({Short(av)})");
                }
                break;
            case JsonArray ea when a is JsonArray aa:
                if (ea.Count != aa.Count) diffs.Add($"{path}: {ea.Count} items became {aa.Count}");
                for (var i = 0; i < Math.Min(ea.Count, aa.Count); i++) Compare($"{path}[{i}]", ea[i], aa[i], diffs);
                break;
            case JsonValue ev when a is JsonValue av:
                if (!SameValue(ev, av)) diffs.Add($"{path}: {Short(e)} became {Short(a)}");
                break;
            default:
                diffs.Add($"{path}: {e.GetValueKind()} became {a.GetValueKind()}");
                break;
        }
    }

    private static bool SameValue(JsonValue e, JsonValue a)
    {
        var ek = e.GetValueKind();
        var ak = a.GetValueKind();
        if (ek == System.Text.Json.JsonValueKind.Number && ak == System.Text.Json.JsonValueKind.Number)
        {
            return decimal.TryParse(e.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ed)
                && decimal.TryParse(a.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ad)
                ? ed == ad
                : e.ToJsonString() == a.ToJsonString();
        }
        return ek == ak && e.ToJsonString() == a.ToJsonString();
    }

    private static string Short(JsonNode? n)
    {
        var s = n?.ToJsonString() ?? "null";
        return s.Length > 60 ? s[..57] + "..." : s;
    }
}
