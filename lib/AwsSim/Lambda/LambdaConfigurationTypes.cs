using System.Text.Json.Serialization;

namespace AwsSim.Lambda;

/// <summary>Where a function sends its network traffic: subnets and security groups of a VPC.</summary>
/// <param name="SubnetIds">Up to 16 subnet ids (<c>subnet-…</c>).</param>
/// <param name="SecurityGroupIds">Up to 5 security group ids (<c>sg-…</c>).</param>
public sealed record VpcConfig(
    [property: JsonPropertyName("SubnetIds")] IReadOnlyList<string> SubnetIds,
    [property: JsonPropertyName("SecurityGroupIds")] IReadOnlyList<string> SecurityGroupIds);

/// <summary>Where failed asynchronous events go: an SQS queue or SNS topic ARN.</summary>
/// <param name="TargetArn">The queue or topic ARN.</param>
public sealed record DeadLetterConfig([property: JsonPropertyName("TargetArn")] string TargetArn);

/// <summary>On-success and on-failure destinations for asynchronous invocations (SQS, SNS, Lambda, EventBridge ARNs).</summary>
/// <param name="OnSuccess">Receives a record of each successful asynchronous invocation, or null.</param>
/// <param name="OnFailure">Receives a record of each event that failed all attempts or grew too old, or null.</param>
public sealed record DestinationConfig(
    [property: JsonPropertyName("OnSuccess")] string? OnSuccess = null,
    [property: JsonPropertyName("OnFailure")] string? OnFailure = null);

/// <summary>A function's asynchronous invocation settings (PutFunctionEventInvokeConfig).</summary>
/// <param name="MaximumRetryAttempts">Retries after a function error, 0–2 (default 2).</param>
/// <param name="MaximumEventAgeInSeconds">How long an event may wait, 60–21,600 s (default 21,600 = 6 h).</param>
/// <param name="DestinationConfig">Where records of invocations go.</param>
public sealed record EventInvokeConfig(
    [property: JsonPropertyName("MaximumRetryAttempts")] int MaximumRetryAttempts = 2,
    [property: JsonPropertyName("MaximumEventAgeInSeconds")] int MaximumEventAgeInSeconds = 21_600,
    [property: JsonPropertyName("DestinationConfig")] DestinationConfig? DestinationConfig = null);

/// <summary>How a function's code is delivered.</summary>
public enum PackageType
{
    /// <summary>A .zip archive run by a managed or OS-only runtime (Runtime and Handler required).</summary>
    Zip,

    /// <summary>A container image from ECR, up to 10 GB (the image chooses its runtime).</summary>
    Image,
}

/// <summary>How <c>Invoke</c> runs a function.</summary>
public enum InvocationType
{
    /// <summary>Synchronous: runs now and returns the result (HTTP 200).</summary>
    RequestResponse,

    /// <summary>Asynchronous: the event is queued (HTTP 202) and run on the clock with Lambda's retries.</summary>
    Event,

    /// <summary>Checks the parameters and permissions only (HTTP 204).</summary>
    DryRun,
}

/// <summary>What ECR knows about an image (returned by <see cref="LambdaService.ImageResolver"/>).</summary>
/// <param name="Digest">The manifest digest, <c>sha256:…</c>.</param>
/// <param name="SizeBytes">The uncompressed size; Lambda allows up to 10 GB.</param>
public sealed record ContainerImageInfo(string Digest, long SizeBytes);

/// <summary>The account's concurrency, as GetAccountSettings reports it.</summary>
/// <param name="ConcurrentExecutions">The Region's concurrency quota (1,000 by default).</param>
/// <param name="UnreservedConcurrentExecutions">What is left for functions without reserved concurrency.</param>
public sealed record AccountLimit(int ConcurrentExecutions, int UnreservedConcurrentExecutions);
