namespace AwsSim.Lambda;

/// <summary>
/// Lambda's documented limits (Lambda Developer Guide, "Lambda quotas") and the one check of each numeric setting: the
/// same field always fails with the same error (InvalidParameterValueException, as CreateFunction reports parameter
/// values) and the same one-line message naming the field, the value and what is allowed, whether it comes from
/// CreateFunction, UpdateFunctionConfiguration, <see cref="LambdaPricing"/> or the CLI's <c>price lambda</c>.
/// </summary>
public static class LambdaLimits
{
    /// <summary>Smallest memory setting, MB.</summary>
    public const int MinMemoryMb = 128;

    /// <summary>Largest memory setting, MB (in 1 MB steps).</summary>
    public const int MaxMemoryMb = 10_240;

    /// <summary>Smallest /tmp setting, MB; this much is included free.</summary>
    public const int MinEphemeralMb = 512;

    /// <summary>Largest /tmp setting, MB.</summary>
    public const int MaxEphemeralMb = 10_240;

    /// <summary>Shortest timeout, seconds.</summary>
    public const int MinTimeoutSeconds = 1;

    /// <summary>Longest timeout, seconds (15 minutes).</summary>
    public const int MaxTimeoutSeconds = 900;

    /// <summary>Memory that buys one full vCPU: CPU is allocated in proportion to memory.</summary>
    public const int MemoryMbPerVcpu = 1_769;

    // AWS checks these three against the API's constraints and answers ValidationException ("Value '64' at
    // 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128").
    private const string ConstraintError = "ValidationException";

    /// <summary>Checks a memory setting: an integer from 128 to 10,240 MB.</summary>
    public static int ValidateMemory(long memoryMb, string field = "MemorySize")
        => (int)Validate.Range(field, memoryMb, MinMemoryMb, MaxMemoryMb, "MB, in 1 MB steps", ConstraintError);


    /// <summary>Checks an invocation's duration: from 0 to 900,000 ms (no invocation outlives the 15-minute timeout).</summary>
    public static double ValidateDurationMs(double milliseconds, string field = "Duration")
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0 || milliseconds > MaxTimeoutSeconds * 1000.0)
        {
            throw new AwsValidationException(field, milliseconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                $"must be from 0 to {MaxTimeoutSeconds * 1000:#,0} ms (Lambda's longest timeout is 15 minutes)", "InvalidParameterValueException");
        }
        return milliseconds;
    }

    /// <summary>Checks an ephemeral storage setting: an integer from 512 to 10,240 MB.</summary>
    public static int ValidateEphemeral(long ephemeralMb, string field = "EphemeralStorage.Size")
        => (int)Validate.Range(field, ephemeralMb, MinEphemeralMb, MaxEphemeralMb, "MB", ConstraintError);

    /// <summary>Checks a timeout: an integer from 1 to 900 seconds.</summary>
    public static int ValidateTimeout(long seconds, string field = "Timeout")
        => (int)Validate.Range(field, seconds, MinTimeoutSeconds, MaxTimeoutSeconds, "seconds; the default is 3", ConstraintError);
}
