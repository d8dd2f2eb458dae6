namespace AwsSim.EventBridge;

/// <summary>
/// A schedule expression (<c>cron(…)</c>, <c>rate(…)</c>, <c>at(…)</c>) or time zone that AWS would refuse. AWS answers
/// such input with <c>ValidationException</c>; the message names the field (e.g. <c>Day-of-week</c>), the token that is
/// wrong and what is allowed there. This is the only exception the schedule parser throws.
/// </summary>
public sealed class ScheduleExpressionException : AwsValidationException
{
    /// <summary>Creates the error.</summary>
    /// <param name="field">The field, as AWS's documentation names it: <c>Minutes</c>, <c>Hours</c>, <c>Day-of-month</c>,
    /// <c>Month</c>, <c>Day-of-week</c>, <c>Year</c>, <c>rate value</c>, <c>rate unit</c>, <c>ScheduleExpression</c>…</param>
    /// <param name="token">The text that is wrong (null when the whole expression was missing).</param>
    /// <param name="allowed">What is allowed instead.</param>
    /// <param name="expression">The whole expression, quoted at the end of the message when it differs from the token.</param>
    public ScheduleExpressionException(string field, string? token, string allowed, string? expression = null)
        : base(field, token, expression is null || expression == token ? allowed : $"{allowed} (in {expression})", "ValidationException")
    {
        Expression = expression;
    }

    /// <summary>The whole expression that was being read, when known.</summary>
    public string? Expression { get; }
}
