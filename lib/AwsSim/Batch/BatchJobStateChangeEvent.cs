using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.Batch;

/// <summary>
/// The "Batch Job State Change" event AWS Batch puts on the default EventBridge bus, exactly in AWS's shape
/// (source <c>aws.batch</c>). Unknown fields survive a round trip in <c>Extra</c>.
/// </summary>
[AwsEvent("batch-job-state-change", "detail-type=Batch Job State Change")]
public sealed record BatchJobStateChangeEvent
{
    internal const string EventSource = "aws.batch";

    /// <summary>The event for <paramref name="job"/> as it is now (DescribeJobs' shape in <c>detail</c>).</summary>
    internal static BatchJobStateChangeEvent From(BatchJob job, string id, string account, string region, DateTimeOffset now) => new()
    {
        Id = id,
        Account = account,
        Region = region,
        Time = EventBridgeEvent.FormatTime(now),
        Resources = [job.JobArn],
        Detail = DetailOf(job, $"arn:aws:batch:{region}:{account}:"),
    };

    private static BatchJobDetail DetailOf(BatchJob job, string batchArn)
    {
        var def = job.Definition;
        return new BatchJobDetail
        {
            JobName = job.JobName,
            JobId = job.JobId,
            JobArn = job.JobArn,
            JobQueue = job.Queue.JobQueueArn,
            Status = job.Status,
            StatusReason = job.StatusReason,
            Attempts = job.AttemptList.Select(a => new BatchAttemptDetail
            {
                Container = new BatchAttemptContainerDetail
                {
                    ExitCode = a.ExitCode,
                    TaskArn = batchArn.Replace(":batch:", ":ecs:", StringComparison.Ordinal) + "task/" + a.Host,
                    ContainerInstanceArn = a.Host.StartsWith("i-", StringComparison.Ordinal) ? batchArn.Replace(":batch:", ":ec2:", StringComparison.Ordinal) + "instance/" + a.Host : null,
                },
                StartedAt = a.StartedAt is { } s ? Ms(s) : null,
                StoppedAt = Ms(a.StoppedAt),
                StatusReason = a.StatusReason,
            }).ToList(),
            CreatedAt = Ms(job.CreatedAt),
            StartedAt = job.StartedAt is { } st ? Ms(st) : null,
            StoppedAt = job.StoppedAt is { } sp ? Ms(sp) : null,
            RetryStrategy = new BatchRetryStrategy { Attempts = job.RetryAttempts },
            DependsOn = job.DependsOn.Select(d => new BatchDependencyDetail { JobId = d.JobId, Type = d.Type }).ToList(),
            JobDefinition = def.JobDefinitionArn,
            Parameters = job.Parameters?.ToDictionary(),
            Container = new BatchContainerDetail
            {
                Image = def.Request.Image,
                Vcpus = def.Vcpus,
                Memory = def.Memory,
                ResourceRequirements =
                [
                    new BatchResourceRequirement { Type = "VCPU", Value = Inv(def.Vcpus) },
                    new BatchResourceRequirement { Type = "MEMORY", Value = Inv(def.Memory) },
                ],
                Environment = job.Environment.Select(kv => new BatchKeyValue { Name = kv.Key, Value = kv.Value }).ToList(),
                ExitCode = job.IsDone ? job.ExitCode : null,
            },
            ArrayProperties = job.ArraySize is { } n
                ? new BatchArrayPropertiesDetail { Size = n, StatusSummary = job.ArrayStatusSummary.ToDictionary() }
                : job.ArrayIndex is { } idx ? new BatchArrayPropertiesDetail { Index = idx } : null,
            Timeout = job.AttemptDurationSeconds is { } t ? new BatchTimeoutDetail { AttemptDurationSeconds = t } : null,
            PlatformCapabilities = [def.Request.PlatformCapability],
        };
    }

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static string Inv(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Always "0".</summary>
    [JsonPropertyName("version")] public string? Version { get; init; } = "0";
    /// <summary>The event id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
    /// <summary>"Batch Job State Change".</summary>
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; } = "Batch Job State Change";
    /// <summary>"aws.batch".</summary>
    [JsonPropertyName("source")] public string? Source { get; init; } = "aws.batch";
    /// <summary>The account id.</summary>
    [JsonPropertyName("account")] public string? Account { get; init; }
    /// <summary>When, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    [JsonPropertyName("time")] public string? Time { get; init; }
    /// <summary>The Region.</summary>
    [JsonPropertyName("region")] public string? Region { get; init; }
    /// <summary>The job's ARN.</summary>
    [JsonPropertyName("resources")] public List<string>? Resources { get; init; }
    /// <summary>The job, as DescribeJobs describes it.</summary>
    [JsonPropertyName("detail")] public BatchJobDetail? Detail { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>detail</c> of a Batch job state change.</summary>
public sealed record BatchJobDetail
{
    /// <summary>The job name.</summary>
    [JsonPropertyName("jobName")] public string? JobName { get; init; }
    /// <summary>The job id.</summary>
    [JsonPropertyName("jobId")] public string? JobId { get; init; }
    /// <summary>The job ARN.</summary>
    [JsonPropertyName("jobArn")] public string? JobArn { get; init; }
    /// <summary>The queue's ARN.</summary>
    [JsonPropertyName("jobQueue")] public string? JobQueue { get; init; }
    /// <summary>The new status.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }
    /// <summary>Why.</summary>
    [JsonPropertyName("statusReason")] public string? StatusReason { get; init; }
    /// <summary>The attempts so far.</summary>
    [JsonPropertyName("attempts")] public List<BatchAttemptDetail>? Attempts { get; init; }
    /// <summary>Submission time, epoch milliseconds.</summary>
    [JsonPropertyName("createdAt")] public long? CreatedAt { get; init; }
    /// <summary>Start time, epoch milliseconds.</summary>
    [JsonPropertyName("startedAt")] public long? StartedAt { get; init; }
    /// <summary>Stop time, epoch milliseconds.</summary>
    [JsonPropertyName("stoppedAt")] public long? StoppedAt { get; init; }
    /// <summary>The retry strategy.</summary>
    [JsonPropertyName("retryStrategy")] public BatchRetryStrategy? RetryStrategy { get; init; }
    /// <summary>The dependencies.</summary>
    [JsonPropertyName("dependsOn")] public List<BatchDependencyDetail>? DependsOn { get; init; }
    /// <summary>The job definition's ARN.</summary>
    [JsonPropertyName("jobDefinition")] public string? JobDefinition { get; init; }
    /// <summary>Parameters.</summary>
    [JsonPropertyName("parameters")] public Dictionary<string, string>? Parameters { get; init; }
    /// <summary>The container.</summary>
    [JsonPropertyName("container")] public BatchContainerDetail? Container { get; init; }
    /// <summary>Array properties (size and index).</summary>
    [JsonPropertyName("arrayProperties")] public BatchArrayPropertiesDetail? ArrayProperties { get; init; }
    /// <summary>The timeout.</summary>
    [JsonPropertyName("timeout")] public BatchTimeoutDetail? Timeout { get; init; }
    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; init; }
    /// <summary>EC2 or FARGATE.</summary>
    [JsonPropertyName("platformCapabilities")] public List<string>? PlatformCapabilities { get; init; }
    /// <summary>Fields not modelled here (nodeProperties, propagateTags...).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One attempt in an event.</summary>
public sealed record BatchAttemptDetail
{
    /// <summary>The container of the attempt.</summary>
    [JsonPropertyName("container")] public BatchAttemptContainerDetail? Container { get; init; }
    /// <summary>Start, epoch ms.</summary>
    [JsonPropertyName("startedAt")] public long? StartedAt { get; init; }
    /// <summary>Stop, epoch ms.</summary>
    [JsonPropertyName("stoppedAt")] public long? StoppedAt { get; init; }
    /// <summary>Why it stopped.</summary>
    [JsonPropertyName("statusReason")] public string? StatusReason { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The container of one attempt.</summary>
public sealed record BatchAttemptContainerDetail
{
    /// <summary>The container instance (EC2) ARN.</summary>
    [JsonPropertyName("containerInstanceArn")] public string? ContainerInstanceArn { get; init; }
    /// <summary>The ECS task ARN.</summary>
    [JsonPropertyName("taskArn")] public string? TaskArn { get; init; }
    /// <summary>The exit code.</summary>
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }
    /// <summary>Why the container stopped.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A retry strategy.</summary>
public sealed record BatchRetryStrategy
{
    /// <summary>1–10.</summary>
    [JsonPropertyName("attempts")] public int? Attempts { get; init; }
    /// <summary>Exit conditions (kept as sent).</summary>
    [JsonPropertyName("evaluateOnExit")] public List<JsonElement>? EvaluateOnExit { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A dependency in an event.</summary>
public sealed record BatchDependencyDetail
{
    /// <summary>The job waited for.</summary>
    [JsonPropertyName("jobId")] public string? JobId { get; init; }
    /// <summary>N_TO_N or SEQUENTIAL.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The job's container.</summary>
public sealed record BatchContainerDetail
{
    /// <summary>The image.</summary>
    [JsonPropertyName("image")] public string? Image { get; init; }
    /// <summary>VCPU and MEMORY requirements.</summary>
    [JsonPropertyName("resourceRequirements")] public List<BatchResourceRequirement>? ResourceRequirements { get; init; }
    /// <summary>vCPUs (legacy field).</summary>
    [JsonPropertyName("vcpus")] public double? Vcpus { get; init; }
    /// <summary>Memory MiB (legacy field).</summary>
    [JsonPropertyName("memory")] public int? Memory { get; init; }
    /// <summary>The command.</summary>
    [JsonPropertyName("command")] public List<string>? Command { get; init; }
    /// <summary>Environment variables.</summary>
    [JsonPropertyName("environment")] public List<BatchKeyValue>? Environment { get; init; }
    /// <summary>The exit code.</summary>
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }
    /// <summary>Why the container stopped.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    /// <summary>The container instance ARN.</summary>
    [JsonPropertyName("containerInstanceArn")] public string? ContainerInstanceArn { get; init; }
    /// <summary>The ECS task ARN.</summary>
    [JsonPropertyName("taskArn")] public string? TaskArn { get; init; }
    /// <summary>Fields not modelled here (volumes, mountPoints, linuxParameters...).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A resource requirement: type VCPU or MEMORY, value as text.</summary>
public sealed record BatchResourceRequirement
{
    /// <summary>VCPU, MEMORY or GPU.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    /// <summary>The amount, as text.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A name/value pair.</summary>
public sealed record BatchKeyValue
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Array properties of a parent (size, statusSummary) or a child (index).</summary>
public sealed record BatchArrayPropertiesDetail
{
    /// <summary>The number of children (parent).</summary>
    [JsonPropertyName("size")] public int? Size { get; init; }
    /// <summary>The child's index.</summary>
    [JsonPropertyName("index")] public int? Index { get; init; }
    /// <summary>Children per status (parent).</summary>
    [JsonPropertyName("statusSummary")] public Dictionary<string, int>? StatusSummary { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A timeout.</summary>
public sealed record BatchTimeoutDetail
{
    /// <summary>Seconds per attempt (≥ 60).</summary>
    [JsonPropertyName("attemptDurationSeconds")] public int? AttemptDurationSeconds { get; init; }
    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
