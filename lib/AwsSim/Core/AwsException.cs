namespace AwsSim;

/// <summary>
/// An error the simulated AWS returns, named as AWS names it (for example <c>TooManyRequestsException</c>
/// or <c>AccessDeniedException</c>), with the HTTP status code AWS would send.
/// </summary>
public class AwsException : Exception
{
    /// <summary>Creates an AWS error.</summary>
    /// <param name="errorCode">AWS's error name, e.g. <c>ResourceNotFoundException</c>.</param>
    /// <param name="message">What went wrong, in words a learner can act on.</param>
    /// <param name="statusCode">The HTTP status AWS answers with (400 unless stated).</param>
    public AwsException(string errorCode, string message, int statusCode = 400)
        : base($"{errorCode}: {message}")
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        Reason = message;
    }

    /// <summary>AWS's name for the error, e.g. <c>InvalidParameterValueException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status code AWS would answer with.</summary>
    public int StatusCode { get; }

    /// <summary>The message without the error code in front.</summary>
    public string Reason { get; }
}

/// <summary>
/// Bad input: names the field, the value that was given and what is allowed, so a learner can fix it at once.
/// </summary>
public class AwsValidationException : AwsException
{
    /// <summary>Creates a validation error.</summary>
    /// <param name="field">The field or option, as AWS names it (e.g. <c>MemorySize</c>).</param>
    /// <param name="value">The value that was given, as text.</param>
    /// <param name="allowed">What is allowed, e.g. "an integer from 128 to 10240 (MB)".</param>
    /// <param name="errorCode">AWS's error name; <c>InvalidParameterValueException</c> unless AWS uses another.</param>
    public AwsValidationException(string field, string? value, string allowed, string errorCode = "InvalidParameterValueException")
        : base(errorCode, $"{field} = {Show(value)} is not allowed: {allowed}.")
    {
        Field = field;
        Value = value;
        Allowed = allowed;
    }

    /// <summary>The field that was wrong.</summary>
    public string Field { get; }

    /// <summary>The value that was given (null when it was missing).</summary>
    public string? Value { get; }

    /// <summary>What the field allows.</summary>
    public string Allowed { get; }

    private static string Show(string? value) => value is null ? "(missing)" : $"'{value}'";
}
