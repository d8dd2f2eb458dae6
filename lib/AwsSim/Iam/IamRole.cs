namespace AwsSim.Iam;

/// <summary>
/// An execution role: the identity a function runs as. Its policies decide what the function's code may do
/// (write logs, read or write S3 objects, create network interfaces in a VPC…).
/// </summary>
public sealed class IamRole
{
    private readonly Dictionary<string, IamPolicy> _policies = new(StringComparer.Ordinal);

    internal IamRole(string roleName, string arn)
    {
        RoleName = roleName;
        Arn = arn;
    }

    /// <summary>The name, e.g. <c>thumbnail-role-a1b2c3d4</c>.</summary>
    public string RoleName { get; }

    /// <summary><c>arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;</c>.</summary>
    public string Arn { get; }

    /// <summary>The attached policies by name.</summary>
    public IReadOnlyDictionary<string, IamPolicy> Policies => _policies;

    /// <summary>Changes every time a policy is added or removed (so decisions can be cached).</summary>
    public int Version { get; private set; }

    /// <summary>Adds or replaces a policy (PutRolePolicy / AttachRolePolicy).</summary>
    public IamRole PutPolicy(string policyName, IamPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies[policyName] = policy;
        Version++;
        return this;
    }

    /// <summary>Removes a policy.</summary>
    public bool DeletePolicy(string policyName)
    {
        var removed = _policies.Remove(policyName);
        if (removed) Version++;
        return removed;
    }

    /// <summary>What IAM decides for <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public IamDecision Evaluate(string action, string resource) => IamPolicy.Evaluate(_policies.Values, action, resource);

    /// <summary>True when the role may do it.</summary>
    public bool IsAllowed(string action, string resource) => Evaluate(action, resource) == IamDecision.Allowed;

    /// <inheritdoc />
    public override string ToString() => $"{Arn} ({string.Join(", ", _policies.Keys)})";
}
