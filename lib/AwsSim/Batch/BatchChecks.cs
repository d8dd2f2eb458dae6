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

    /// <summary>A job definition's image, platform, retries, timeout, size, architecture and storage.</summary>
    internal static void CheckJobDefinition(JobDefinitionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Image)) throw new AwsValidationException("containerProperties.image", request.Image, "an image name, e.g. busybox or 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", Client);
        OneOf("platformCapabilities", request.PlatformCapability, "EC2", "FARGATE");
        CheckRetry(request.RetryAttempts);
        CheckTimeout(request.AttemptDurationSeconds);
        Validate.NonNegative("duration", request.Duration.TotalSeconds, "seconds");
        if (request.PlatformCapability == "FARGATE")
        {
            if (!FargateSizes.IsValid(request.Vcpus, request.Memory))
            {
                throw new AwsValidationException("resourceRequirements", $"VCPU={Inv(request.Vcpus)}, MEMORY={Inv(request.Memory)}",
                    "a Fargate size: 0.25 vCPU with 512/1024/2048 MiB, 0.5 with 1–4 GB, 1 with 2–8 GB, 2 with 4–16 GB, 4 with 8–30 GB (1 GB steps), 8 with 16–60 GB (4 GB steps), 16 with 32–120 GB (8 GB steps)", Client);
            }
        }
        else
        {
            if (request.Vcpus < 1 || request.Vcpus != Math.Floor(request.Vcpus))
            {
                throw new AwsValidationException("resourceRequirements.VCPU", Inv(request.Vcpus), "a whole number of vCPUs, at least 1, for EC2 jobs", Client);
            }
            Validate.Range("resourceRequirements.MEMORY", request.Memory, 4, int.MaxValue, "MiB", Client);
        }
        OneOf("runtimePlatform.cpuArchitecture", request.CpuArchitecture, "X86_64", "ARM64");
        if (request.PlatformCapability == "FARGATE")
        {
            Validate.Range("ephemeralStorage.sizeInGiB", request.EphemeralStorageGiB, 20, FargatePricing.MaxEphemeralStorageGiB, "GiB (20 included)", Client);
        }
        else if (request.CpuArchitecture != "X86_64" || request.EphemeralStorageGiB != 20)
        {
            throw new AwsValidationException("runtimePlatform", request.CpuArchitecture, "runtimePlatform and ephemeralStorage are for Fargate job definitions (EC2 jobs take the instance's)", Client);
        }
    }
}
