namespace AwsSim.ApiGateway;

/// <summary>
/// A resource path template such as <c>/items/{id}</c> or <c>/files/{proxy+}</c>, matched against request paths.
/// A path variable matches one segment; a greedy variable (<c>{name+}</c>, only at the end) matches one or more.
/// </summary>
public sealed class RoutePattern
{
    private readonly Segment[] _segments;

    private RoutePattern(string template, Segment[] segments)
    {
        Template = template;
        _segments = segments;
    }

    /// <summary>The template as written, e.g. <c>/items/{id}</c>.</summary>
    public string Template { get; }

    /// <summary>True when the template ends in a greedy variable.</summary>
    public bool IsGreedy => _segments.Length > 0 && _segments[^1].Kind == SegmentKind.Greedy;

    /// <summary>Parses a template; throws naming the template and the rule it breaks.</summary>
    public static RoutePattern Parse(string template, string field = "path")
    {
        if (string.IsNullOrEmpty(template) || template[0] != '/')
            throw new AwsValidationException(field, template, "must start with '/', e.g. /items/{id}", "BadRequestException");
        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new Segment[parts.Length];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.StartsWith('{') && p.EndsWith('}'))
            {
                var name = p[1..^1];
                var greedy = name.EndsWith('+');
                if (greedy) name = name[..^1];
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                    throw new AwsValidationException(field, template, $"path variable '{p}' must be a name in braces, e.g. {{id}} or {{proxy+}}", "BadRequestException");
                if (greedy && i != parts.Length - 1)
                    throw new AwsValidationException(field, template, "a greedy path variable ({name+}) must be the last segment", "BadRequestException");
                if (!names.Add(name))
                    throw new AwsValidationException(field, template, $"the path variable '{name}' appears twice", "BadRequestException");
                segments[i] = new Segment(greedy ? SegmentKind.Greedy : SegmentKind.Variable, name);
            }
            else
            {
                if (p.Contains('{') || p.Contains('}'))
                    throw new AwsValidationException(field, template, $"segment '{p}' mixes text and braces; a variable must be a whole segment", "BadRequestException");
                segments[i] = new Segment(SegmentKind.Literal, p);
            }
        }
        return new RoutePattern("/" + string.Join('/', parts), segments);
    }

    /// <summary>
    /// Matches a request path (already split into URL-decoded segments). Returns the path parameters (empty when the
    /// template has none), or null when it does not match.
    /// </summary>
    public Dictionary<string, string>? Match(IReadOnlyList<string> pathSegments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            if (s.Kind == SegmentKind.Greedy)
            {
                if (pathSegments.Count <= i) return null; // a greedy variable needs at least one segment
                result[s.Text] = string.Join('/', pathSegments.Skip(i));
                return result;
            }
            if (i >= pathSegments.Count) return null;
            if (s.Kind == SegmentKind.Literal)
            {
                if (!string.Equals(s.Text, pathSegments[i], StringComparison.Ordinal)) return null;
            }
            else
            {
                result[s.Text] = pathSegments[i];
            }
        }
        return pathSegments.Count == _segments.Length ? result : null;
    }

    /// <summary>
    /// Compares how specific two templates are, segment by segment: a literal beats a variable, which beats a greedy
    /// variable; when one is a prefix of the other, the longer is more specific. Positive when this one is more specific.
    /// </summary>
    public int CompareSpecificity(RoutePattern other)
    {
        var n = Math.Min(_segments.Length, other._segments.Length);
        for (var i = 0; i < n; i++)
        {
            var c = ((int)_segments[i].Kind).CompareTo((int)other._segments[i].Kind);
            if (c != 0) return c;
        }
        return _segments.Length.CompareTo(other._segments.Length);
    }

    /// <inheritdoc />
    public override string ToString() => Template;

    /// <summary>Splits a raw path into URL-decoded segments ("/a/b%20c/" → ["a", "b c"]).</summary>
    public static string[] SplitPath(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

    private enum SegmentKind { Greedy = 0, Variable = 1, Literal = 2 }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
