namespace AwsSim.EventBridge;

/// <summary>One entry of the delivery log: a rule handed an event to a target.</summary>
/// <param name="Time">When (simulated clock).</param>
/// <param name="RuleName">The rule.</param>
/// <param name="RuleArn">The rule's ARN.</param>
/// <param name="TargetId">The target's id.</param>
/// <param name="TargetArn">The target's ARN.</param>
/// <param name="Event">The event that matched or fired.</param>
/// <param name="Payload">What the target received (the event JSON, or the target's constant Input).</param>
/// <param name="Outcome">What happened: <c>invoked</c> (Lambda, asynchronous), <c>recorded</c> (a target the simulator does
/// not run), or <c>failed: …</c>.</param>
public sealed record EventDelivery(
    DateTimeOffset Time,
    string RuleName,
    string RuleArn,
    string TargetId,
    string TargetArn,
    EventBridgeEvent Event,
    string Payload,
    string Outcome);
