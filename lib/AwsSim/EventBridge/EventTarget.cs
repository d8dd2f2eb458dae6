namespace AwsSim.EventBridge;

/// <summary>A rule's target, as <c>PutTargets</c> takes it.</summary>
/// <param name="Id">The target's id within the rule (1–64 characters: letters, digits, <c>. - _</c>).</param>
/// <param name="Arn">What to deliver to. A Lambda function ARN (<c>arn:aws:lambda:region:account:function:name</c>) is
/// invoked asynchronously through the account's Lambda invoker; other ARNs are recorded in the delivery log only.</param>
/// <param name="Input">Constant JSON sent instead of the event, or null to send the event itself.</param>
public sealed record EventTarget(string Id, string Arn, string? Input = null)
{
    /// <summary>The function name when <see cref="Arn"/> is a Lambda function ARN, else null.</summary>
    public string? LambdaFunctionName
    {
        get
        {
            var parts = Arn.Split(':');
            return parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function" ? parts[6] : null;
        }
    }
}
