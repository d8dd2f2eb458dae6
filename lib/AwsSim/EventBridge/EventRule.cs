namespace AwsSim.EventBridge;

/// <summary>Whether a rule delivers events: <c>ENABLED</c> or <c>DISABLED</c>.</summary>
public enum RuleState
{
    /// <summary>ENABLED: the rule matches events / fires on its schedule.</summary>
    Enabled,
    /// <summary>DISABLED: the rule is kept but does nothing.</summary>
    Disabled,
}

/// <summary>A rule as <c>DescribeRule</c> returns it.</summary>
/// <param name="Name">The rule's name (1–64 characters: letters, digits, <c>. - _</c>).</param>
/// <param name="Arn">Its ARN: <c>arn:aws:events:region:account:rule/name</c> (custom buses add the bus name).</param>
/// <param name="EventBusName">The bus it belongs to; scheduled rules only on <c>default</c>.</param>
/// <param name="ScheduleExpression">Its <c>cron(…)</c> or <c>rate(…)</c>, or null.</param>
/// <param name="EventPattern">Its event pattern JSON, or null.</param>
/// <param name="State">ENABLED or DISABLED.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="CreatedAt">When it was created on the simulated clock (a rate schedule counts from here).</param>
public sealed record EventRule(
    string Name,
    string Arn,
    string EventBusName,
    string? ScheduleExpression,
    string? EventPattern,
    RuleState State,
    string? Description,
    DateTimeOffset CreatedAt)
{
    /// <summary>AWS's spelling of <see cref="State"/>: <c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public string StateName => State == RuleState.Enabled ? "ENABLED" : "DISABLED";
}
