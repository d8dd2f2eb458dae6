using System.Text.RegularExpressions;

namespace AwsSim.Iam;

/// <summary>
/// The account's IAM roles: created, looked up by name or ARN, and listed. Lambda gives each function one as its
/// execution role; S3 and Lambda ask whether the calling function's role allows an action (<see cref="IamRole.Evaluate"/>).
/// </summary>
internal sealed class IamService(AccountContext aws)
{
    private readonly Dictionary<string, IamRole> _roles = new(StringComparer.Ordinal);

    /// <summary>Creates a role with the given policies (AWS's managed policies keep their names).</summary>
    internal IamRole CreateRole(string roleName, params IamPolicy[] policies)
    {
        if (roleName is null || roleName.Length is < 1 or > 64 || !Regex.IsMatch(roleName, @"^[\w+=,.@-]+$"))
        {
            throw new AwsValidationException("RoleName", roleName, "must be 1 to 64 characters: letters, digits and + = , . @ _ -", "ValidationError");
        }
        if (_roles.ContainsKey(roleName)) throw new AwsException("EntityAlreadyExists", $"Role with name {roleName} already exists.", 409);
        var role = new IamRole(roleName, $"arn:aws:iam::{aws.AccountId}:role/{roleName}");
        for (var i = 0; i < policies.Length; i++)
        {
            var policyName = ReferenceEquals(policies[i], IamPolicy.BasicExecution) ? "AWSLambdaBasicExecutionRole"
                : ReferenceEquals(policies[i], IamPolicy.VpcAccessExecution) ? "AWSLambdaVPCAccessExecutionRole"
                : $"policy-{i + 1}";
            role.PutPolicy(policyName, policies[i]);
        }
        _roles[roleName] = role;
        return role;
    }

    /// <summary>A role by name or ARN; <c>NoSuchEntity</c> when there is none.</summary>
    internal IamRole GetRole(string nameOrArn)
    {
        var name = nameOrArn.Contains(":role/", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;
        return _roles.TryGetValue(name, out var r) ? r : throw new AwsException("NoSuchEntity", $"The role with name {name} cannot be found.", 404);
    }

    /// <summary>The role with this name in this account, if any.</summary>
    internal bool TryGet(string roleName, out IamRole role) => _roles.TryGetValue(roleName, out role!);

    /// <summary>Every role.</summary>
    internal IReadOnlyList<IamRole> Roles => _roles.Values.ToList();

    /// <summary>
    /// Creates a role the way the console's "Create a new role with basic Lambda permissions" does:
    /// <c>&lt;function&gt;-role-&lt;8 random characters&gt;</c> with AWSLambdaBasicExecutionRole. The characters come
    /// from <paramref name="random"/>, the caller's seeded stream.
    /// </summary>
    internal IamRole CreateDefaultRole(string functionName, Random random)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        string name;
        do
        {
            name = $"{functionName}-role-" + new string(Enumerable.Range(0, 8).Select(_ => chars[random.Next(chars.Length)]).ToArray());
        } while (_roles.ContainsKey(name));
        var role = CreateRole(name);
        role.PutPolicy("AWSLambdaBasicExecutionRole", IamPolicy.BasicExecution);
        return role;
    }

    /// <summary>
    /// Checks that <paramref name="role"/>, assumed by <paramref name="sessionName"/>, may do <paramref name="action"/>
    /// on <paramref name="resource"/>; throws <paramref name="errorCode"/> (403) with AWS's message when it may not.
    /// </summary>
    internal static void Authorize(IamRole role, string sessionName, string accountId, string action, string resource, string errorCode)
    {
        var decision = role.Evaluate(action, resource);
        if (decision == IamDecision.Allowed) return;
        var why = decision == IamDecision.ExplicitDeny
            ? "with an explicit deny in an identity-based policy"
            : $"because no identity-based policy allows the {action} action";
        throw new AwsException(errorCode,
            $"User: arn:aws:sts::{accountId}:assumed-role/{role.RoleName}/{sessionName} is not authorized to perform: {action} on resource: \"{resource}\" {why}", 403);
    }
}
