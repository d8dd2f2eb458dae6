using System.Text.RegularExpressions;

namespace AwsSim.Ecs;

/// <summary>
/// A task placement strategy (EC2 launch type only; up to 4, applied in order, each breaking the ties of the one before):
/// <c>binpack</c> on <c>cpu</c> or <c>memory</c> (the instance left with the least of it), <c>spread</c> on
/// <c>instanceId</c>/<c>host</c> or an attribute such as <c>attribute:ecs.availability-zone</c> (the value with the fewest
/// tasks of the group), or <c>random</c> (seeded).
/// </summary>
/// <param name="Type"><c>binpack</c>, <c>spread</c> or <c>random</c>.</param>
/// <param name="Field">The field (none for random).</param>
public sealed record PlacementStrategy(string Type, string? Field = null)
{
    /// <summary>Bin pack on <c>cpu</c> or <c>memory</c>: fewest instances used.</summary>
    public static PlacementStrategy Binpack(string field = "memory") => new("binpack", field);

    /// <summary>Spread evenly over the values of a field, e.g. <c>attribute:ecs.availability-zone</c> or <c>instanceId</c>.</summary>
    public static PlacementStrategy Spread(string field = "attribute:ecs.availability-zone") => new("spread", field);

    /// <summary>Random (from the account's seed).</summary>
    public static PlacementStrategy Random() => new("random");

    /// <summary>The default for services (ECS guide): spread on <c>attribute:ecs.availability-zone</c>.</summary>
    public static IReadOnlyList<PlacementStrategy> ServiceDefault { get; } = [Spread()];

    internal void Validate(string field)
    {
        switch (Type)
        {
            case "binpack":
                AwsSim.Validate.OneOf(field + ".field", Field, "cpu", "memory");
                break;
            case "spread":
                if (Field is not ("instanceId" or "host") && (Field is null || !Field.StartsWith("attribute:", StringComparison.Ordinal)))
                {
                    throw new AwsValidationException(field + ".field", Field, "must be instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone)", "InvalidParameterException");
                }
                break;
            case "random":
                break;
            default:
                throw new AwsValidationException(field + ".type", Type, "must be one of binpack, spread, random", "InvalidParameterException");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Field is null ? Type : $"{Type}({Field})";
}

/// <summary>
/// A task placement constraint (binding, unlike strategies): <c>distinctInstance</c> (each task of the group on a
/// different instance) or <c>memberOf</c> with a cluster query expression such as
/// <c>attribute:ecs.instance-type =~ t3.*</c>.
/// </summary>
/// <param name="Type"><c>distinctInstance</c> or <c>memberOf</c>.</param>
/// <param name="Expression">The expression for memberOf.</param>
public sealed record PlacementConstraint(string Type, string? Expression = null)
{
    /// <summary>Each task of the group on a different instance.</summary>
    public static PlacementConstraint DistinctInstance() => new("distinctInstance");

    /// <summary>Only instances matching <paramref name="expression"/>.</summary>
    public static PlacementConstraint MemberOf(string expression) => new("memberOf", expression);

    internal void Validate(string field)
    {
        if (Type == "distinctInstance")
        {
            if (Expression is not null) throw new AwsValidationException(field + ".expression", Expression, "must not be set for distinctInstance", "InvalidParameterException");
            return;
        }
        if (Type != "memberOf") throw new AwsValidationException(field + ".type", Type, "must be one of distinctInstance, memberOf", "InvalidParameterException");
        ClusterQuery.Parse(Expression, field + ".expression");
    }

    /// <inheritdoc />
    public override string ToString() => Expression is null ? Type : $"{Type}({Expression})";
}

/// <summary>
/// A small subset of the ECS cluster query language: comparisons <c>attribute:&lt;name&gt; == v</c>, <c>!= v</c>,
/// <c>=~ regex</c> (e.g. <c>t3.*</c>), <c>in [a, b]</c>, also on <c>ec2InstanceId</c>, joined with <c>and</c> / <c>or</c>
/// (<c>and</c> binds tighter).
/// </summary>
internal static partial class ClusterQuery
{
    [GeneratedRegex(@"^\s*(?<lhs>attribute:[A-Za-z0-9_.\-/]+|ec2InstanceId|instanceType|availabilityZone)\s*(?<op>==|!=|=~|!~|\s+in\s+|\s+not_in\s+)\s*(?<rhs>.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    /// <summary>Parses an expression into a predicate over an instance's attributes.</summary>
    public static Func<IReadOnlyDictionary<string, string>, bool> Parse(string? expression, string field = "expression")
    {
        if (string.IsNullOrWhiteSpace(expression)) throw new AwsValidationException(field, expression, "must be a cluster query expression, e.g. attribute:ecs.instance-type =~ t3.*", "InvalidParameterException");
        var ors = Regex.Split(expression, @"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            .Select(part => Regex.Split(part, @"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Select(c => One(c, expression, field)).ToList())
            .ToList();
        return attrs => ors.Any(ands => ands.All(p => p(attrs)));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> One(string text, string whole, string field)
    {
        var m = Comparison().Match(text.Trim('(', ')', ' '));
        if (!m.Success) throw new AwsValidationException(field, whole, $"'{text}' is not a comparison like attribute:ecs.instance-type == t3.micro or attribute:ecs.instance-type =~ t3.*", "InvalidParameterException");
        var lhs = m.Groups["lhs"].Value;
        var key = lhs switch
        {
            "instanceType" => "ecs.instance-type",
            "availabilityZone" => "ecs.availability-zone",
            "ec2InstanceId" => "ec2InstanceId",
            _ => lhs["attribute:".Length..],
        };
        var op = m.Groups["op"].Value.Trim();
        var rhs = m.Groups["rhs"].Value.Trim();
        switch (op)
        {
            case "==": return a => a.TryGetValue(key, out var v) && v == rhs;
            case "!=": return a => !a.TryGetValue(key, out var v) || v != rhs;
            case "=~":
            case "!~":
                var re = new Regex("^(?:" + rhs + ")$", RegexOptions.CultureInvariant);
                return op == "=~" ? a => a.TryGetValue(key, out var v) && re.IsMatch(v) : a => !a.TryGetValue(key, out var v) || !re.IsMatch(v);
            default:
                var set = rhs.Trim('[', ']', '(', ')').Split(',').Select(s => s.Trim()).ToHashSet(StringComparer.Ordinal);
                return op == "in" ? a => a.TryGetValue(key, out var v) && set.Contains(v) : a => !a.TryGetValue(key, out var v) || !set.Contains(v);
        }
    }
}
