using System.Text.RegularExpressions;
using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Batch;

/// <summary>Batch's field checks: one per field, each a ClientException naming the field, the value and what is allowed.</summary>
internal static class BatchChecks
{
    internal const string Client = "ClientException";

    internal static string CheckName(string field, string? name)
    {
        if (name is null || !Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"))
        {
            throw new AwsValidationException(field, name, "1–128 letters, numbers, hyphens (-) and underscores (_), starting with a letter or number", Client);
        }
        return name;
    }

    internal static string OneOf(string field, string? value, params string[] allowed)
    {
        if (value is null || Array.IndexOf(allowed, value) < 0) throw new AwsValidationException(field, value, "one of " + string.Join(", ", allowed), Client);
        return value;
    }

    internal static void CheckRetry(int attempts) => Validate.Range("retryStrategy.attempts", attempts, 1, 10, "attempts", Client);

    internal static void CheckTimeout(int? seconds)
    {
        if (seconds is { } s && s < 60)
        {
            throw new AwsValidationException("timeout.attemptDurationSeconds", Inv(s), "at least 60 (seconds; no maximum)", Client);
        }
    }

    internal static string Last(string nameOrArn) => nameOrArn.Contains(":job-") || nameOrArn.Contains(":compute-environment/")
        ? nameOrArn[(nameOrArn.IndexOf('/') + 1)..]
        : nameOrArn;

    internal static string Inv(double v) => v.ToString(CultureInfo.InvariantCulture);
}
