namespace AwsSim.ApiGateway;

/// <summary>
/// A stage: a named, deployed version of an API (REST: e.g. <c>prod</c>, in the URL; HTTP: usually <c>$default</c>,
/// not in the URL), with its stage variables and throttling limits.
/// </summary>
public sealed class ApiStage
{
    private readonly Dictionary<string, ThrottleSettings> _methodThrottles = new(StringComparer.Ordinal);

    internal ApiStage(string name, IReadOnlyDictionary<string, string> variables, ThrottleSettings? throttle)
    {
        Name = name;
        Variables = variables;
        Throttle = throttle;
    }

    /// <summary>The stage name.</summary>
    public string Name { get; }

    /// <summary>Stage variables, passed to the function in <c>stageVariables</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Default throttling for every method of the stage, or null for the account's limits only.</summary>
    public ThrottleSettings? Throttle { get; }

    /// <summary>Per-method limits, keyed like REST method settings: <c>/items/{id}/GET</c>.</summary>
    public IReadOnlyDictionary<string, ThrottleSettings> MethodThrottles => _methodThrottles;

    /// <summary>Sets a method's throttle (AWS: UpdateStage with a method setting). <paramref name="methodKey"/> is e.g. <c>/items/{id}/GET</c>.</summary>
    public ApiStage SetMethodThrottle(string methodKey, ThrottleSettings throttle)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        throttle.Validate($"methodSettings[{methodKey}].throttling");
        _methodThrottles[methodKey] = throttle;
        return this;
    }
}
