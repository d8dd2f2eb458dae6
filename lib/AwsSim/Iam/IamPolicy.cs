using System.Text.Json.Nodes;

namespace AwsSim.Iam;

/// <summary>Allow or Deny.</summary>
public enum IamEffect
{
    /// <summary>Grants the actions.</summary>
    Allow,

    /// <summary>Refuses the actions, whatever else allows them.</summary>
    Deny,
}

/// <summary>What evaluating a policy decided.</summary>
public enum IamDecision
{
    /// <summary>A statement allows it and none denies it.</summary>
    Allowed,

    /// <summary>No statement allows it (the default).</summary>
    ImplicitDeny,

    /// <summary>A Deny statement matches.</summary>
    ExplicitDeny,
}

/// <summary>One statement: an effect, actions (wildcards <c>*</c> and <c>?</c>) and resource ARNs (wildcards too).</summary>
/// <param name="Effect">Allow or Deny.</param>
/// <param name="Actions">e.g. <c>s3:GetObject</c>, <c>logs:*</c>; matched case-insensitively, as IAM does.</param>
/// <param name="Resources">e.g. <c>arn:aws:s3:::photos/*</c> or <c>*</c>; matched case-sensitively.</param>
public sealed record IamStatement(IamEffect Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);

/// <summary>
/// An identity-based IAM policy (the JSON documents attached to an execution role). Evaluation follows IAM's rule:
/// an explicit Deny wins, otherwise an Allow is needed, otherwise the request is implicitly denied.
/// Conditions, principals and NotAction are not simulated.
/// </summary>
public sealed class IamPolicy
{
    /// <summary>Creates a policy from statements.</summary>
    public IamPolicy(IEnumerable<IamStatement> statements)
    {
        Statements = statements.ToList();
    }

    /// <summary>The statements.</summary>
    public IReadOnlyList<IamStatement> Statements { get; }

    /// <summary>A policy with one Allow statement.</summary>
    public static IamPolicy Allow(string action, string resource) => new([new IamStatement(IamEffect.Allow, [action], [resource])]);

    /// <summary>A policy with one Allow statement for several actions and resources.</summary>
    public static IamPolicy Allow(IReadOnlyList<string> actions, IReadOnlyList<string> resources) => new([new IamStatement(IamEffect.Allow, actions, resources)]);

    /// <summary>A policy with one Deny statement.</summary>
    public static IamPolicy Deny(string action, string resource) => new([new IamStatement(IamEffect.Deny, [action], [resource])]);

    /// <summary>
    /// AWS's managed policy AWSLambdaBasicExecutionRole: write logs to CloudWatch Logs
    /// (<c>logs:CreateLogGroup</c>, <c>logs:CreateLogStream</c>, <c>logs:PutLogEvents</c>).
    /// </summary>
    public static IamPolicy BasicExecution { get; } = Allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], ["*"]);

    /// <summary>
    /// AWS's managed policy AWSLambdaVPCAccessExecutionRole: logs plus the network-interface permissions a function in a
    /// VPC needs (<c>ec2:CreateNetworkInterface</c>, <c>ec2:DescribeNetworkInterfaces</c>, <c>ec2:DeleteNetworkInterface</c>).
    /// </summary>
    public static IamPolicy VpcAccessExecution { get; } = Allow(
        ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"],
        ["*"]);

    /// <summary>Evaluates the policies together: explicit Deny wins, then Allow, else implicit deny.</summary>
    public static IamDecision Evaluate(IEnumerable<IamPolicy> policies, string action, string resource)
    {
        var allowed = false;
        foreach (var p in policies)
        {
            foreach (var s in p.Statements)
            {
                if (!s.Actions.Any(a => Wildcard.Matches(a, action, ignoreCase: true))) continue;
                if (!s.Resources.Any(r => Wildcard.Matches(r, resource, ignoreCase: false))) continue;
                if (s.Effect == IamEffect.Deny) return IamDecision.ExplicitDeny;
                allowed = true;
            }
        }
        return allowed ? IamDecision.Allowed : IamDecision.ImplicitDeny;
    }

    /// <summary>Evaluates this policy alone.</summary>
    public IamDecision Evaluate(string action, string resource) => Evaluate([this], action, resource);

    /// <summary>Reads a policy document (<c>{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":…,"Resource":…}]}</c>).</summary>
    public static IamPolicy Parse(string json)
    {
        var root = AwsJson.Parse(json) as JsonObject ?? throw new AwsValidationException("PolicyDocument", json, "must be a JSON object", "MalformedPolicyDocument");
        var statements = root["Statement"] switch
        {
            JsonArray a => a.OfType<JsonObject>().ToList(),
            JsonObject o => [o],
            _ => throw new AwsValidationException("PolicyDocument.Statement", null, "must be a statement or a list of statements", "MalformedPolicyDocument"),
        };
        return new IamPolicy(statements.Select(s => new IamStatement(
            s["Effect"]?.GetValue<string>() switch
            {
                "Allow" => IamEffect.Allow,
                "Deny" => IamEffect.Deny,
                var e => throw new AwsValidationException("Statement.Effect", e, "must be Allow or Deny", "MalformedPolicyDocument"),
            },
            Strings(s["Action"], "Statement.Action"),
            Strings(s["Resource"], "Statement.Resource"))));
    }

    /// <summary>The policy as a JSON document.</summary>
    public string ToJson()
    {
        var arr = new JsonArray();
        foreach (var s in Statements)
        {
            arr.Add(new JsonObject
            {
                ["Effect"] = s.Effect.ToString(),
                ["Action"] = new JsonArray(s.Actions.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
                ["Resource"] = new JsonArray(s.Resources.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            });
        }
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = arr }.ToJsonString(AwsJson.Indented);
    }

    private static IReadOnlyList<string> Strings(JsonNode? node, string field) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.Select(x => x?.GetValue<string>() ?? throw new AwsValidationException(field, null, "must be strings", "MalformedPolicyDocument")).ToList(),
        _ => throw new AwsValidationException(field, node?.ToJsonString(), "must be a string or a list of strings", "MalformedPolicyDocument"),
    };
}

/// <summary>IAM-style wildcard matching: <c>*</c> any run of characters, <c>?</c> one character.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Eq(pattern[p], value[v], ignoreCase))) { p++; v++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = v; }
            else if (star >= 0) { p = star + 1; v = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static bool Eq(char a, char b, bool ignoreCase) => ignoreCase ? char.ToLowerInvariant(a) == char.ToLowerInvariant(b) : a == b;
}
