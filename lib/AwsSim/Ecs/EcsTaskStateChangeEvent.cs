using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.Ecs;

/// <summary>
/// The EventBridge event ECS sends when a task changes state ("ECS Task State Change", source <c>aws.ecs</c>), with a
/// typed <c>detail</c>. Round-trips AWS's sample event with no differences.
/// </summary>
[AwsEvent("ecs-task-state-change", "detail-type=ECS Task State Change", "detail.taskArn")]
public sealed record EcsTaskStateChangeEvent
{
    internal const string EventSource = "aws.ecs";

    /// <summary>The event for task <paramref name="t"/> as it is now.</summary>
    internal static EcsTaskStateChangeEvent From(EcsTask t, TaskExtras x, string id, string account, string region, DateTimeOffset now, string platformVersion)
    {
        var fargate = t.LaunchType == "FARGATE";
        var attachmentId = fargate ? DeterministicGuid(t.TaskId) : null;
        return new EcsTaskStateChangeEvent
        {
            Id = id,
            Account = account,
            Time = EventBridgeEvent.FormatTime(now),
            Region = region,
            Resources = [t.TaskArn],
            Detail = new EcsTaskStateChangeDetail
            {
                Attachments = fargate
                    ? [new EcsAttachment
                    {
                        Id = attachmentId, Type = "eni", Status = t.LastStatus == "STOPPED" ? "DELETED" : "ATTACHED",
                        Details =
                        [
                            new EcsNameValue { Name = "subnetId", Value = "subnet-0" + t.AvailabilityZone![^1] + "course" },
                            new EcsNameValue { Name = "networkInterfaceId", Value = x.Eni },
                            new EcsNameValue { Name = "privateIPv4Address", Value = x.Ip },
                        ],
                    }]
                    : null,
                AvailabilityZone = t.AvailabilityZone,
                CapacityProviderName = t.CapacityProviderName,
                ClusterArn = t.ClusterArn,
                ContainerInstanceArn = t.ContainerInstance?.ContainerInstanceArn,
                Containers = t.TaskDefinition.ContainerDefinitions.Select((cd, i) => new EcsContainerDetail
                {
                    ContainerArn = x.ContainerArns[i],
                    LastStatus = t.LastStatus,
                    Name = cd.Name,
                    Image = cd.Image,
                    ImageDigest = t._digests.GetValueOrDefault(cd.Name),
                    TaskArn = t.TaskArn,
                    NetworkInterfaces = fargate ? [new EcsNetworkInterface { AttachmentId = attachmentId, PrivateIpv4Address = x.Ip }] : null,
                    Cpu = cd.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }).ToList(),
                CreatedAt = Ms(t.CreatedAt),
                LaunchType = t.LaunchType,
                Cpu = t.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Memory = t.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DesiredStatus = t.DesiredStatus,
                Group = t.Group,
                LastStatus = t.LastStatus,
                Connectivity = t.PullStartedAt is null ? null : "CONNECTED",
                ConnectivityAt = Ms(t.PullStartedAt),
                PullStartedAt = Ms(t.PullStartedAt),
                PullStoppedAt = Ms(t.PullStoppedAt),
                StartedAt = Ms(t.StartedAt),
                StartedBy = t.StartedBy,
                StoppedAt = Ms(t.StoppedAt),
                StoppedReason = t.StoppedReason,
                StopCode = t.StopCode,
                UpdatedAt = Ms(now),
                TaskArn = t.TaskArn,
                TaskDefinitionArn = t.TaskDefinitionArn,
                Version = t.Version,
                PlatformVersion = fargate ? platformVersion : null,
            },
        };
    }

    private static string? Ms(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string DeterministicGuid(string hex32) => $"{hex32[..8]}-{hex32[8..12]}-{hex32[12..16]}-{hex32[16..20]}-{hex32[20..32]}";

    /// <summary>Always "0".</summary>
    [JsonPropertyName("version")] public string Version { get; init; } = "0";

    /// <summary>The event id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>"ECS Task State Change".</summary>
    [JsonPropertyName("detail-type")] public string DetailType { get; init; } = "ECS Task State Change";

    /// <summary>"aws.ecs".</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = "aws.ecs";

    /// <summary>The account id.</summary>
    [JsonPropertyName("account")] public string Account { get; init; } = "";

    /// <summary>When, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    [JsonPropertyName("time")] public string Time { get; init; } = "";

    /// <summary>The Region.</summary>
    [JsonPropertyName("region")] public string Region { get; init; } = "";

    /// <summary>The task's ARN.</summary>
    [JsonPropertyName("resources")] public IReadOnlyList<string> Resources { get; init; } = Array.Empty<string>();

    /// <summary>The task.</summary>
    [JsonPropertyName("detail")] public EcsTaskStateChangeDetail Detail { get; init; } = new();

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The same event as the bus envelope (detail as raw JSON), for <c>IEventPublisher</c>.</summary>
    public EventBridgeEvent ToEventBridgeEvent() => new()
    {
        Version = Version, Id = Id, DetailType = DetailType, Source = Source, Account = Account, Time = Time, Region = Region,
        Resources = Resources, Detail = JsonSerializer.SerializeToElement(Detail, AwsJson.Options), Extra = Extra,
    };
}

/// <summary>The <c>detail</c> of an ECS Task State Change event: the task as DescribeTasks shows it.</summary>
public sealed record EcsTaskStateChangeDetail
{
    /// <summary>Network attachments (an ENI for awsvpc/Fargate tasks).</summary>
    [JsonPropertyName("attachments")] public IReadOnlyList<EcsAttachment>? Attachments { get; init; }

    /// <summary>The Availability Zone.</summary>
    [JsonPropertyName("availabilityZone")] public string? AvailabilityZone { get; init; }

    /// <summary>The capacity provider (FARGATE, FARGATE_SPOT) when one placed the task.</summary>
    [JsonPropertyName("capacityProviderName")] public string? CapacityProviderName { get; init; }

    /// <summary>The cluster ARN.</summary>
    [JsonPropertyName("clusterArn")] public string? ClusterArn { get; init; }

    /// <summary>The container instance ARN (EC2 launch type).</summary>
    [JsonPropertyName("containerInstanceArn")] public string? ContainerInstanceArn { get; init; }

    /// <summary>The containers.</summary>
    [JsonPropertyName("containers")] public IReadOnlyList<EcsContainerDetail>? Containers { get; init; }

    /// <summary>When the task was created (ISO-8601 with milliseconds).</summary>
    [JsonPropertyName("createdAt")] public string? CreatedAt { get; init; }

    /// <summary><c>EC2</c> or <c>FARGATE</c>.</summary>
    [JsonPropertyName("launchType")] public string? LaunchType { get; init; }

    /// <summary>Task CPU units, as a string.</summary>
    [JsonPropertyName("cpu")] public string? Cpu { get; init; }

    /// <summary>Task memory MiB, as a string.</summary>
    [JsonPropertyName("memory")] public string? Memory { get; init; }

    /// <summary><c>RUNNING</c> or <c>STOPPED</c>.</summary>
    [JsonPropertyName("desiredStatus")] public string? DesiredStatus { get; init; }

    /// <summary>The task group, e.g. <c>family:web</c> or <c>service:web</c>.</summary>
    [JsonPropertyName("group")] public string? Group { get; init; }

    /// <summary><c>PROVISIONING</c>, <c>PENDING</c>, <c>RUNNING</c>, <c>STOPPED</c>…</summary>
    [JsonPropertyName("lastStatus")] public string? LastStatus { get; init; }

    /// <summary>Overrides given to RunTask.</summary>
    [JsonPropertyName("overrides")] public EcsOverrides? Overrides { get; init; }

    /// <summary><c>CONNECTED</c> once the task is connected.</summary>
    [JsonPropertyName("connectivity")] public string? Connectivity { get; init; }

    /// <summary>When it connected.</summary>
    [JsonPropertyName("connectivityAt")] public string? ConnectivityAt { get; init; }

    /// <summary>When the image pull started.</summary>
    [JsonPropertyName("pullStartedAt")] public string? PullStartedAt { get; init; }

    /// <summary>When it started running.</summary>
    [JsonPropertyName("startedAt")] public string? StartedAt { get; init; }

    /// <summary>Who started it.</summary>
    [JsonPropertyName("startedBy")] public string? StartedBy { get; init; }

    /// <summary>When the image pull ended.</summary>
    [JsonPropertyName("pullStoppedAt")] public string? PullStoppedAt { get; init; }

    /// <summary>When it stopped.</summary>
    [JsonPropertyName("stoppedAt")] public string? StoppedAt { get; init; }

    /// <summary>Why it stopped.</summary>
    [JsonPropertyName("stoppedReason")] public string? StoppedReason { get; init; }

    /// <summary>A code for why it stopped.</summary>
    [JsonPropertyName("stopCode")] public string? StopCode { get; init; }

    /// <summary>When it last changed.</summary>
    [JsonPropertyName("updatedAt")] public string? UpdatedAt { get; init; }

    /// <summary>The task ARN.</summary>
    [JsonPropertyName("taskArn")] public string? TaskArn { get; init; }

    /// <summary>The task definition ARN.</summary>
    [JsonPropertyName("taskDefinitionArn")] public string? TaskDefinitionArn { get; init; }

    /// <summary>Increases with every change; consumers use it to order events.</summary>
    [JsonPropertyName("version")] public long? Version { get; init; }

    /// <summary>The Fargate platform version.</summary>
    [JsonPropertyName("platformVersion")] public string? PlatformVersion { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A task attachment (e.g. an ENI).</summary>
public sealed record EcsAttachment
{
    /// <summary>The id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>e.g. <c>eni</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>e.g. <c>ATTACHED</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>Name/value pairs (subnetId, networkInterfaceId, macAddress, privateIPv4Address).</summary>
    [JsonPropertyName("details")] public IReadOnlyList<EcsNameValue>? Details { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A name/value pair.</summary>
public sealed record EcsNameValue
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One container of a task, as the event shows it.</summary>
public sealed record EcsContainerDetail
{
    /// <summary>The container ARN.</summary>
    [JsonPropertyName("containerArn")] public string? ContainerArn { get; init; }

    /// <summary>Its status.</summary>
    [JsonPropertyName("lastStatus")] public string? LastStatus { get; init; }

    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The image URI.</summary>
    [JsonPropertyName("image")] public string? Image { get; init; }

    /// <summary>The digest of the image it runs.</summary>
    [JsonPropertyName("imageDigest")] public string? ImageDigest { get; init; }

    /// <summary>The container runtime's id.</summary>
    [JsonPropertyName("runtimeId")] public string? RuntimeId { get; init; }

    /// <summary>The task ARN.</summary>
    [JsonPropertyName("taskArn")] public string? TaskArn { get; init; }

    /// <summary>Its network interfaces.</summary>
    [JsonPropertyName("networkInterfaces")] public IReadOnlyList<EcsNetworkInterface>? NetworkInterfaces { get; init; }

    /// <summary>CPU units, as a string.</summary>
    [JsonPropertyName("cpu")] public string? Cpu { get; init; }

    /// <summary>Exit code once stopped.</summary>
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }

    /// <summary>Why it stopped.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A container's network interface.</summary>
public sealed record EcsNetworkInterface
{
    /// <summary>The attachment id.</summary>
    [JsonPropertyName("attachmentId")] public string? AttachmentId { get; init; }

    /// <summary>The private IPv4 address.</summary>
    [JsonPropertyName("privateIpv4Address")] public string? PrivateIpv4Address { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>RunTask overrides.</summary>
public sealed record EcsOverrides
{
    /// <summary>Per-container overrides.</summary>
    [JsonPropertyName("containerOverrides")] public IReadOnlyList<EcsContainerOverride>? ContainerOverrides { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One container's overrides.</summary>
public sealed record EcsContainerOverride
{
    /// <summary>The container name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Extra environment variables.</summary>
    [JsonPropertyName("environment")] public IReadOnlyList<EcsNameValue>? Environment { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
