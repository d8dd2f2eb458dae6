namespace AwsSim.EventBridge;

/// <summary>An EventBridge Scheduler schedule, as <c>GetSchedule</c> describes it.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Arn">Its ARN: <c>arn:aws:scheduler:region:account:schedule/default/name</c>.</param>
/// <param name="ScheduleExpression"><c>cron(…)</c>, <c>rate(…)</c> or <c>at(…)</c>.</param>
/// <param name="ScheduleExpressionTimezone">The IANA time zone it is evaluated in (<c>UTC</c> by default).</param>
/// <param name="Target">What it invokes.</param>
/// <param name="StartDate">No invocation before this instant, or null.</param>
/// <param name="EndDate">No invocation after this instant, or null.</param>
/// <param name="State">ENABLED or DISABLED.</param>
/// <param name="CreatedAt">When it was created on the simulated clock.</param>
public sealed record ScheduleInfo(
    string Name,
    string Arn,
    string ScheduleExpression,
    string ScheduleExpressionTimezone,
    EventTarget Target,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    RuleState State,
    DateTimeOffset CreatedAt);

/// <summary>One invocation made by an EventBridge Scheduler schedule.</summary>
/// <param name="Time">When (simulated clock).</param>
/// <param name="ScheduleName">The schedule.</param>
/// <param name="ScheduleArn">Its ARN.</param>
/// <param name="TargetArn">What was invoked.</param>
/// <param name="Payload">The input delivered (the target's Input with its placeholders filled in).</param>
/// <param name="Outcome"><c>invoked</c>, <c>recorded</c> (not a Lambda target) or <c>failed: …</c>.</param>
public sealed record ScheduleInvocation(DateTimeOffset Time, string ScheduleName, string ScheduleArn, string TargetArn, string Payload, string Outcome);
