using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsSim.Ecr;

/// <summary>
/// An ECR lifecycle policy in AWS's JSON (<c>{"rules":[{"rulePriority":1,"selection":{…},"action":{"type":"expire"}}]}</c>),
/// validated as ECR validates it (aws-facts §7) and evaluated as the ECR user guide documents.
/// </summary>
/// <remarks>
/// Evaluation (ECR user guide, "Lifecycle policy evaluation rules" and "Examples of lifecycle policies"): rules are looked
/// at in <c>rulePriority</c> order, lowest number first; each rule selects the images matching its tag filter, newest
/// first by push time, and marks the ones beyond its count (or older than its age) for expiry, oldest first. An image is
/// expired by at most one rule, and an image that matches the tag filter of a higher-priority rule can never be expired
/// by a lower-priority rule (it still counts when a lower rule counts images).
/// </remarks>
public sealed class LifecyclePolicy
{
    private LifecyclePolicy(string text, IReadOnlyList<LifecycleRule> rules)
    {
        Text = text;
        Rules = rules;
    }

    /// <summary>The policy text as given.</summary>
    public string Text { get; }

    /// <summary>The rules, lowest <c>rulePriority</c> first.</summary>
    public IReadOnlyList<LifecycleRule> Rules { get; }

    /// <summary>
    /// Reads and validates a policy. Every error is an <see cref="AwsValidationException"/> (<c>InvalidParameterException</c>)
    /// naming the offending field, e.g. <c>rules[1].selection.tagPrefixList</c>.
    /// </summary>
    public static LifecyclePolicy Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(AwsJson.StripBom(json ?? "")); }
        catch (JsonException ex) { throw Invalid("lifecyclePolicyText", Short(json), "must be valid JSON (" + ex.Message.Split('.')[0] + ")"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid("lifecyclePolicyText", Short(json), "must be a JSON object with a \"rules\" array");
            Only(root, "", "rules");
            if (!root.TryGetProperty("rules", out var rulesEl) || rulesEl.ValueKind != JsonValueKind.Array || rulesEl.GetArrayLength() == 0)
            {
                throw Invalid("rules", null, "must be a non-empty array of rules");
            }
            var rules = new List<LifecycleRule>();
            var i = 0;
            foreach (var r in rulesEl.EnumerateArray()) rules.Add(ReadRule(r, $"rules[{i++}]"));
            CheckTogether(rules);
            return new LifecyclePolicy(json!, rules.OrderBy(r => r.RulePriority).ToList());
        }
    }

    /// <summary>
    /// What the policy would expire now: one entry per image, in the order the rules apply, each with the rule's priority
    /// and the reason (what AWS's lifecycle policy preview shows, plus the why).
    /// </summary>
    public IReadOnlyList<LifecycleExpiration> Evaluate(IEnumerable<EcrImage> images, DateTimeOffset now)
    {
        var all = images.OrderByDescending(i => i.ImagePushedAt).ThenByDescending(i => i.PushSequence).ToList();
        var marked = new Dictionary<string, LifecycleExpiration>(StringComparer.Ordinal);
        var result = new List<LifecycleExpiration>();
        var higher = new List<LifecycleRule>();
        foreach (var rule in Rules)
        {
            var selected = all.Where(rule.Matches).ToList(); // newest first
            var candidates = new List<(EcrImage Image, string Reason)>();
            if (rule.CountType == "imageCountMoreThan")
            {
                for (var k = rule.CountNumber; k < selected.Count; k++)
                {
                    candidates.Add((selected[k], string.Create(CultureInfo.InvariantCulture,
                        $"rule {rule.RulePriority} ({rule.Describe()}): {selected.Count} images match and it keeps the newest {rule.CountNumber}; this one is number {k + 1} by push time")));
                }
            }
            else
            {
                foreach (var img in selected)
                {
                    var age = now - img.ImagePushedAt;
                    if (age > TimeSpan.FromDays(rule.CountNumber))
                    {
                        candidates.Add((img, string.Create(CultureInfo.InvariantCulture,
                            $"rule {rule.RulePriority} ({rule.Describe()}): pushed {age.TotalDays:0.#} days ago, more than {rule.CountNumber} days")));
                    }
                }
            }
            // Oldest first, as ECR expires them.
            foreach (var (img, reason) in candidates.OrderBy(c => c.Image.ImagePushedAt).ThenBy(c => c.Image.PushSequence))
            {
                if (marked.ContainsKey(img.ImageDigest)) continue;
                if (higher.Any(h => h.Matches(img))) continue;
                var e = new LifecycleExpiration(img.ImageDigest, img.ImageTags, img.ImagePushedAt, rule.RulePriority, reason);
                marked[img.ImageDigest] = e;
                result.Add(e);
            }
            higher.Add(rule);
        }
        return result;
    }

    private static LifecycleRule ReadRule(JsonElement r, string path)
    {
        if (r.ValueKind != JsonValueKind.Object) throw Invalid(path, r.ToString(), "must be an object with rulePriority, selection and action");
        Only(r, path, "rulePriority", "description", "selection", "action");
        var priority = Int(r, path, "rulePriority", required: true)!.Value;
        if (priority < 1) throw Invalid(path + ".rulePriority", priority.ToString(CultureInfo.InvariantCulture), "must be an integer of 1 or more");
        string? description = null;
        if (r.TryGetProperty("description", out var d))
        {
            if (d.ValueKind != JsonValueKind.String) throw Invalid(path + ".description", d.ToString(), "must be a string");
            description = d.GetString();
        }
        if (!r.TryGetProperty("selection", out var s) || s.ValueKind != JsonValueKind.Object) throw Invalid(path + ".selection", null, "must be an object (tagStatus, countType, countNumber…)");
        var sp = path + ".selection";
        Only(s, sp, "tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber");
        var tagStatus = Str(s, sp, "tagStatus", required: true)!;
        if (tagStatus is not ("tagged" or "untagged" or "any")) throw Invalid(sp + ".tagStatus", tagStatus, "must be one of tagged, untagged, any");
        var prefixes = List(s, sp, "tagPrefixList");
        var patterns = List(s, sp, "tagPatternList");
        if (prefixes is not null && patterns is not null) throw Invalid(sp + ".tagPatternList", string.Join(",", patterns), "a rule may have tagPrefixList or tagPatternList, not both");
        if (tagStatus == "tagged" && prefixes is null && patterns is null) throw Invalid(sp + ".tagPrefixList", null, "is required when tagStatus is tagged (a non-empty list of tag prefixes)");
        if (tagStatus != "tagged" && prefixes is not null) throw Invalid(sp + ".tagPrefixList", string.Join(",", prefixes), $"is only allowed when tagStatus is tagged (this rule has tagStatus {tagStatus})");
        if (tagStatus != "tagged" && patterns is not null) throw Invalid(sp + ".tagPatternList", string.Join(",", patterns), $"is only allowed when tagStatus is tagged (this rule has tagStatus {tagStatus})");
        var countType = Str(s, sp, "countType", required: true)!;
        if (countType is not ("imageCountMoreThan" or "sinceImagePushed")) throw Invalid(sp + ".countType", countType, "must be one of imageCountMoreThan, sinceImagePushed");
        var countUnit = Str(s, sp, "countUnit", required: false);
        if (countType == "sinceImagePushed" && countUnit != "days") throw Invalid(sp + ".countUnit", countUnit, "must be \"days\" when countType is sinceImagePushed");
        if (countType == "imageCountMoreThan" && countUnit is not null) throw Invalid(sp + ".countUnit", countUnit, "is not allowed when countType is imageCountMoreThan");
        var countNumber = Int(s, sp, "countNumber", required: true)!.Value;
        if (countNumber < 1) throw Invalid(sp + ".countNumber", countNumber.ToString(CultureInfo.InvariantCulture), "must be a positive integer (1 or more)");
        if (!r.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.Object) throw Invalid(path + ".action", null, "must be an object: {\"type\": \"expire\"}");
        Only(a, path + ".action", "type");
        var type = Str(a, path + ".action", "type", required: true);
        if (type != "expire") throw Invalid(path + ".action.type", type, "must be expire");
        return new LifecycleRule(priority, description, tagStatus, prefixes, patterns, countType, countUnit, countNumber);
    }

    private static void CheckTogether(List<LifecycleRule> rules)
    {
        var dup = rules.GroupBy(r => r.RulePriority).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw Invalid($"rules[{rules.FindLastIndex(r => r.RulePriority == dup.Key)}].rulePriority", dup.Key.ToString(CultureInfo.InvariantCulture), "must be unique: two rules have this priority");
        var untagged = rules.Select((r, i) => (r, i)).Where(x => x.r.TagStatus == "untagged").ToList();
        if (untagged.Count > 1) throw Invalid($"rules[{untagged[1].i}].selection.tagStatus", "untagged", "only one rule may select untagged images");
        var any = rules.Select((r, i) => (r, i)).Where(x => x.r.TagStatus == "any").ToList();
        if (any.Count > 1) throw Invalid($"rules[{any[1].i}].selection.tagStatus", "any", "only one rule may have tagStatus any");
        var max = rules.Max(r => r.RulePriority);
        if (any.Count == 1 && any[0].r.RulePriority != max)
        {
            throw Invalid($"rules[{any[0].i}].rulePriority", any[0].r.RulePriority.ToString(CultureInfo.InvariantCulture), $"a rule with tagStatus any must have the highest rulePriority (another rule has {max})");
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var list = rules[i].TagPrefixList ?? rules[i].TagPatternList;
            if (list is null) continue;
            var key = string.Join("\u0001", list.Order(StringComparer.Ordinal));
            if (seen.TryGetValue(key, out var j))
            {
                throw Invalid($"rules[{i}].selection.{(rules[i].TagPrefixList is null ? "tagPatternList" : "tagPrefixList")}", string.Join(",", list), $"must be unique: rules[{j}] has the same tag prefixes");
            }
            seen[key] = i;
        }
    }

    private static void Only(JsonElement e, string path, params string[] allowed)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0) throw Invalid((path.Length == 0 ? "" : path + ".") + p.Name, p.Value.ToString(), "is not a field here; allowed: " + string.Join(", ", allowed));
        }
    }

    private static string? Str(JsonElement e, string path, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v)) return required ? throw Invalid(path + "." + name, null, "is required") : null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(path + "." + name, v.ToString(), "must be a string");
    }

    private static int? Int(JsonElement e, string path, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v)) return required ? throw Invalid(path + "." + name, null, "is required (an integer)") : null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw Invalid(path + "." + name, v.ToString(), "must be an integer");
    }

    private static IReadOnlyList<string>? List(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0 || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || x.GetString() is not { Length: > 0 }))
        {
            throw Invalid(path + "." + name, v.ToString(), "must be a non-empty list of non-empty strings");
        }
        return v.EnumerateArray().Select(x => x.GetString()!).ToList();
    }

    private static AwsValidationException Invalid(string field, string? value, string allowed)
        => new(field, value, allowed, "InvalidParameterException");

    private static string? Short(string? s) => s is null ? null : s.Length > 40 ? s[..37] + "..." : s;
}

/// <summary>One rule of a lifecycle policy, as AWS's JSON writes it.</summary>
/// <param name="RulePriority">Lower numbers apply first; unique in a policy.</param>
/// <param name="Description">Free text.</param>
/// <param name="TagStatus"><c>tagged</c>, <c>untagged</c> or <c>any</c>.</param>
/// <param name="TagPrefixList">For tagged rules: an image is selected when, for every prefix, one of its tags starts with it.</param>
/// <param name="TagPatternList">For tagged rules: like prefixes, but whole-tag patterns where <c>*</c> matches anything.</param>
/// <param name="CountType"><c>imageCountMoreThan</c> (keep the newest N) or <c>sinceImagePushed</c> (expire older than N days).</param>
/// <param name="CountUnit"><c>days</c> for sinceImagePushed, else null.</param>
/// <param name="CountNumber">N, 1 or more.</param>
public sealed record LifecycleRule(
    int RulePriority,
    string? Description,
    string TagStatus,
    IReadOnlyList<string>? TagPrefixList,
    IReadOnlyList<string>? TagPatternList,
    string CountType,
    string? CountUnit,
    int CountNumber)
{
    /// <summary>True when the rule's tag filter selects the image.</summary>
    public bool Matches(EcrImage image) => TagStatus switch
    {
        "untagged" => image.ImageTags.Count == 0,
        "any" => true,
        _ => image.ImageTags.Count > 0
             && (TagPrefixList ?? []).All(p => image.ImageTags.Any(t => t.StartsWith(p, StringComparison.Ordinal)))
             && (TagPatternList ?? []).All(p => image.ImageTags.Any(t => Wildcard(p).IsMatch(t))),
    };

    /// <summary>The filter in words, e.g. "tagged release*, keep 3".</summary>
    public string Describe()
    {
        var filter = TagStatus == "tagged" ? "tagged " + string.Join(" + ", (IEnumerable<string>?)TagPrefixList?.Select(p => p + "*") ?? TagPatternList!) : TagStatus;
        return filter + (CountType == "imageCountMoreThan"
            ? string.Create(CultureInfo.InvariantCulture, $", keep {CountNumber}")
            : string.Create(CultureInfo.InvariantCulture, $", older than {CountNumber} days"));
    }

    private static Regex Wildcard(string pattern) => new("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
}

/// <summary>One image a lifecycle policy expires (what the preview lists), with the rule that expires it and why.</summary>
/// <param name="ImageDigest">The image's digest.</param>
/// <param name="ImageTags">Its tags (empty when untagged).</param>
/// <param name="ImagePushedAt">When it was pushed.</param>
/// <param name="AppliedRulePriority">The rule that expires it.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record LifecycleExpiration(string ImageDigest, IReadOnlyList<string> ImageTags, DateTimeOffset ImagePushedAt, int AppliedRulePriority, string Reason)
{
    /// <summary>AWS's action for it: always <c>EXPIRE</c>.</summary>
    public string Action => "EXPIRE";

    /// <inheritdoc />
    public override string ToString()
        => $"{(ImageTags.Count == 0 ? "<untagged>" : string.Join(",", ImageTags))} {ImageDigest[..19]}… expired by {Reason}";
}
