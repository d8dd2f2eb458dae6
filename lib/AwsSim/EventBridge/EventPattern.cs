using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsSim.EventBridge;

/// <summary>
/// An EventBridge event pattern: a JSON object with the same nesting as the events it matches, whose leaves are arrays
/// of allowed values (any one may match; every field named must match). Supported filters, as the EventBridge user
/// guide's "Comparison operators for use in event patterns" and "Content filtering" pages describe them
/// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html): exact values (strings,
/// numbers, true/false/null), <c>{"prefix": …}</c>, <c>{"suffix": …}</c> (each also with
/// <c>{"equals-ignore-case": …}</c>), <c>{"equals-ignore-case": …}</c>, <c>{"anything-but": value | [values] |
/// {"prefix"|"suffix"|"equals-ignore-case": …}}</c>, <c>{"numeric": ["&gt;", 0, "&lt;=", 5]}</c>,
/// <c>{"exists": true|false}</c>, <c>{"wildcard": "*.png"}</c>, and <c>"$or": [pattern, …]</c>.
/// When the event's value is an array, the field matches if any element matches.
/// </summary>
public sealed class EventPattern
{
    private readonly JsonObject _pattern;

    private EventPattern(string text, JsonObject pattern)
    {
        Text = text;
        _pattern = pattern;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>Reads and checks a pattern; a bad one raises <c>InvalidEventPatternException</c>, as PutRule does.</summary>
    public static EventPattern Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw Invalid("the pattern is empty; write a JSON object such as {\"source\": [\"aws.ecs\"]}");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Invalid($"it is not valid JSON ({ex.Message.Split('.')[0]})");
        }
        if (node is not JsonObject obj) throw Invalid("the pattern must be a JSON object");
        CheckObject(obj, "");
        return new EventPattern(json, obj);
    }

    /// <summary>
    /// False only when the pattern names exact <c>source</c> values and <paramref name="source"/> is not one of them
    /// (a quick check before an event is even built); true otherwise.
    /// </summary>
    internal bool MayMatchSource(string source)
    {
        if (_pattern["source"] is not JsonArray values) return true;
        foreach (var v in values)
        {
            if (v is not JsonValue value || !value.TryGetValue<string>(out var s)) return true; // an operator: just check later
            if (s == source) return true;
        }
        return false;
    }

    /// <summary>True when <paramref name="e"/> matches.</summary>
    public bool Matches(EventBridgeEvent e) => Matches(JsonNode.Parse(AwsJson.Serialize(e)));

    /// <summary>True when the event JSON matches.</summary>
    public bool Matches(JsonNode? eventJson) => eventJson is JsonObject o && MatchObject(_pattern, o);

    private static bool MatchObject(JsonObject pattern, JsonObject ev)
    {
        foreach (var (key, p) in pattern)
        {
            if (key == "$or")
            {
                if (!((JsonArray)p!).Any(alt => MatchObject((JsonObject)alt!, ev))) return false;
                continue;
            }
            ev.TryGetPropertyValue(key, out var value);
            var present = ev.ContainsKey(key);
            if (p is JsonObject nested)
            {
                if (value is not JsonObject child || !MatchObject(nested, child)) return false;
                continue;
            }
            if (!MatchLeaf((JsonArray)p!, present, value)) return false;
        }
        return true;
    }

    private static bool MatchLeaf(JsonArray allowed, bool present, JsonNode? value)
    {
        foreach (var rule in allowed)
        {
            if (rule is JsonObject op && op.Count == 1 && op.First().Key == "exists")
            {
                var want = op["exists"]!.GetValue<bool>();
                if (want == (present && value is not JsonObject)) return true;
                continue;
            }
            if (!present) continue;
            var values = value is JsonArray arr ? arr.ToList() : [value];
            if (values.Any(v => MatchValue(rule, v))) return true;
        }
        return false;
    }

    private static bool MatchValue(JsonNode? rule, JsonNode? v)
    {
        if (rule is not JsonObject op) return SameScalar(rule, v);
        var (name, arg) = op.First();
        var s = v is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? sv.GetValue<string>() : null;
        switch (name)
        {
            case "prefix": return s is not null && Affix(arg, s, prefix: true);
            case "suffix": return s is not null && Affix(arg, s, prefix: false);
            case "equals-ignore-case": return s is not null && string.Equals(s, arg!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            case "wildcard": return s is not null && Wildcard(arg!.GetValue<string>(), s);
            case "numeric": return Number(v) is { } n && Numeric((JsonArray)arg!, n);
            case "anything-but":
                if (v is null) return false;
                return arg switch
                {
                    JsonArray list => !list.Any(x => SameScalar(x, v)),
                    JsonObject inner => s is not null && !MatchValue(inner, v),
                    _ => !SameScalar(arg, v),
                };
            default: return false;
        }
    }

    private static bool Affix(JsonNode? arg, string s, bool prefix)
    {
        if (arg is JsonObject ic)
        {
            var t = ic["equals-ignore-case"]!.GetValue<string>();
            return prefix ? s.StartsWith(t, StringComparison.OrdinalIgnoreCase) : s.EndsWith(t, StringComparison.OrdinalIgnoreCase);
        }
        var text = arg!.GetValue<string>();
        return prefix ? s.StartsWith(text, StringComparison.Ordinal) : s.EndsWith(text, StringComparison.Ordinal);
    }

    private static bool Wildcard(string pattern, string s)
    {
        // '*' matches any run of characters; everything else literally.
        var parts = pattern.Split('*');
        if (parts.Length == 1) return s == pattern;
        if (!s.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var pos = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = s.IndexOf(parts[i], pos, StringComparison.Ordinal);
            if (at < 0) return false;
            pos = at + parts[i].Length;
        }
        return s.Length - pos >= parts[^1].Length && s.EndsWith(parts[^1], StringComparison.Ordinal);
    }

    private static bool Numeric(JsonArray conditions, decimal n)
    {
        for (var i = 0; i < conditions.Count; i += 2)
        {
            var op = conditions[i]!.GetValue<string>();
            var bound = Number(conditions[i + 1])!.Value;
            var ok = op switch
            {
                "=" => n == bound,
                ">" => n > bound,
                ">=" => n >= bound,
                "<" => n < bound,
                "<=" => n <= bound,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static decimal? Number(JsonNode? node)
        => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
           && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static bool SameScalar(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is not JsonValue || b is not JsonValue) return false;
        if (Number(a) is { } x && Number(b) is { } y) return x == y;
        return a.GetValueKind() == b.GetValueKind() && a.ToJsonString() == b.ToJsonString();
    }

    private static void CheckObject(JsonObject obj, string path)
    {
        foreach (var (key, value) in obj)
        {
            var at = path.Length == 0 ? key : $"{path}.{key}";
            if (key == "$or")
            {
                if (value is not JsonArray alts || alts.Count < 2 || alts.Any(a => a is not JsonObject))
                    throw Invalid($"{at} must be an array of at least two pattern objects");
                foreach (var alt in alts) CheckObject((JsonObject)alt!, path);
                continue;
            }
            switch (value)
            {
                case JsonObject nested: CheckObject(nested, at); break;
                case JsonArray leaf: CheckLeaf(leaf, at); break;
                default: throw Invalid($"the value of {at} must be an array of allowed values (e.g. [\"RUNNING\"]) or a nested object, not {Show(value)}");
            }
        }
    }

    private static void CheckLeaf(JsonArray leaf, string at)
    {
        if (leaf.Count == 0) throw Invalid($"{at} has an empty array: list at least one allowed value");
        foreach (var rule in leaf)
        {
            if (rule is JsonArray) throw Invalid($"{at}: arrays cannot be nested");
            if (rule is not JsonObject op) continue;
            if (op.Count != 1) throw Invalid($"{at}: each filter object has exactly one operator, not {Show(op)}");
            var (name, arg) = op.First();
            switch (name)
            {
                case "prefix" or "suffix":
                    if (!IsString(arg) && !(arg is JsonObject ic && ic.Count == 1 && IsString(ic["equals-ignore-case"])))
                        throw Invalid($"{at}: {name} takes a string or {{\"equals-ignore-case\": string}}");
                    break;
                case "equals-ignore-case" or "wildcard":
                    if (!IsString(arg)) throw Invalid($"{at}: {name} takes a string");
                    break;
                case "exists":
                    if (arg is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                        throw Invalid($"{at}: exists takes true or false");
                    break;
                case "numeric":
                    if (arg is not JsonArray nums || nums.Count is not (2 or 4)) throw Invalid($"{at}: numeric takes [\"op\", number] or [\"op\", number, \"op\", number]");
                    for (var i = 0; i < nums.Count; i += 2)
                    {
                        if (!IsString(nums[i]) || nums[i]!.GetValue<string>() is not ("=" or ">" or ">=" or "<" or "<=") || Number(nums[i + 1]) is null)
                            throw Invalid($"{at}: numeric operators are = > >= < <=, each followed by a number");
                    }
                    break;
                case "anything-but":
                    if (arg is JsonObject inner)
                    {
                        if (inner.Count != 1 || inner.First().Key is not ("prefix" or "suffix" or "equals-ignore-case" or "wildcard") || !IsString(inner.First().Value))
                            throw Invalid($"{at}: anything-but takes a value, a list of values, or {{\"prefix\"|\"suffix\"|\"equals-ignore-case\"|\"wildcard\": string}}");
                    }
                    else if (arg is JsonArray list && list.Any(x => x is JsonObject or JsonArray))
                    {
                        throw Invalid($"{at}: an anything-but list holds plain values only");
                    }
                    break;
                default:
                    throw Invalid($"{at}: unknown operator '{name}' (supported: prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists)");
            }
        }
    }

    private static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static string Show(JsonNode? n) => n?.ToJsonString() ?? "null";

    private static AwsException Invalid(string reason) => new("InvalidEventPatternException", $"Event pattern is not valid. Reason: {reason}");
}
