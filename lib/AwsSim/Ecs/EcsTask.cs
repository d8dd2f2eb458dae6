namespace AwsSim.Ecs;

/// <summary>A task: a running (or pending, or stopped) copy of a task definition.</summary>
public sealed class EcsTask
{
    internal EcsTask(string taskArn, string clusterArn, TaskDefinition definition, string launchType, string group, DateTimeOffset createdAt)
    {
        TaskArn = taskArn;
        ClusterArn = clusterArn;
        TaskDefinition = definition;
        LaunchType = launchType;
        Group = group;
        CreatedAt = createdAt;
    }

    /// <summary>The task ARN: <c>arn:aws:ecs:&lt;region&gt;:&lt;account&gt;:task/&lt;cluster&gt;/&lt;id&gt;</c>.</summary>
    public string TaskArn { get; }

    /// <summary>The 32-hex id at the end of the ARN.</summary>
    public string TaskId => TaskArn[(TaskArn.LastIndexOf('/') + 1)..];

    /// <summary>The cluster's ARN.</summary>
    public string ClusterArn { get; }

    /// <summary>The task definition it runs.</summary>
    public TaskDefinition TaskDefinition { get; }

    /// <summary>The task definition's ARN.</summary>
    public string TaskDefinitionArn => TaskDefinition.TaskDefinitionArn!;

    /// <summary><c>EC2</c> or <c>FARGATE</c>.</summary>
    public string LaunchType { get; }

    /// <summary><c>FARGATE</c> or <c>FARGATE_SPOT</c> when a capacity provider strategy placed it, else null.</summary>
    public string? CapacityProviderName { get; internal set; }

    /// <summary>The task group: <c>service:&lt;name&gt;</c> for service tasks, <c>family:&lt;family&gt;</c> by default.</summary>
    public string Group { get; }

    /// <summary>Who started it (e.g. <c>ecs-svc/…</c> for a service), or null.</summary>
    public string? StartedBy { get; internal set; }

    /// <summary>The service it belongs to, or null for a standalone task.</summary>
    public string? ServiceName { get; internal set; }

    /// <summary>The instance it is on (EC2 launch type), or null (Fargate, or not placed yet).</summary>
    public ContainerInstance? ContainerInstance { get; internal set; }

    /// <summary>Its Availability Zone once placed.</summary>
    public string? AvailabilityZone { get; internal set; }

    /// <summary>CPU units it reserves.</summary>
    public int Cpu => TaskDefinition.RequiredCpu;

    /// <summary>Memory (MiB) it reserves.</summary>
    public int Memory => TaskDefinition.RequiredMemory;

    /// <summary><c>PROVISIONING</c>, <c>PENDING</c>, <c>RUNNING</c> or <c>STOPPED</c>.</summary>
    public string LastStatus { get; internal set; } = "PROVISIONING";

    /// <summary><c>RUNNING</c> or <c>STOPPED</c>.</summary>
    public string DesiredStatus { get; internal set; } = "RUNNING";

    /// <summary>
    /// Why a service task is still waiting for an instance, in AWS's words (<c>RESOURCE:CPU</c>, <c>RESOURCE:MEMORY</c>,
    /// <c>RESOURCE:PORTS</c>, <c>MemberOf placement constraint unsatisfied.</c>…); null once placed.
    /// </summary>
    public string? PendingReason { get; internal set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the image pull started (Fargate billing starts here).</summary>
    public DateTimeOffset? PullStartedAt { get; internal set; }

    /// <summary>When the image pull ended.</summary>
    public DateTimeOffset? PullStoppedAt { get; internal set; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>When it stopped.</summary>
    public DateTimeOffset? StoppedAt { get; internal set; }

    /// <summary>Why it stopped, in AWS's words.</summary>
    public string? StoppedReason { get; internal set; }

    /// <summary><c>UserInitiated</c>, <c>ServiceSchedulerInitiated</c>, <c>SpotInterruption</c>, <c>TaskFailedToStart</c>, <c>TerminationNotice</c>…</summary>
    public string? StopCode { get; internal set; }

    /// <summary>The image digest each container runs (resolved from ECR when the image is in this account's registry).</summary>
    public IReadOnlyDictionary<string, string> ImageDigests => _digests;

    /// <summary>Bumped on every state change (the event's <c>version</c>).</summary>
    public int Version { get; internal set; } = 1;

    /// <summary>True when it is RUNNING and past the health grace period (40 s without a health check or load balancer).</summary>
    public bool IsHealthy(DateTimeOffset now, TimeSpan grace) => LastStatus == "RUNNING" && DesiredStatus == "RUNNING" && StartedAt is { } s && now >= s + grace;

    internal Dictionary<string, string> _digests { get; } = new(StringComparer.Ordinal);

    internal long _billedSeconds;

    internal int _index;

    /// <inheritdoc />
    public override string ToString()
        => $"{TaskId[..8]} {TaskDefinition.FamilyRevision} {LastStatus}" + (ContainerInstance is null ? "" : $" on {ContainerInstance.Ec2InstanceId} ({AvailabilityZone})")
           + (PendingReason is null ? "" : $" [{PendingReason}]") + (StoppedReason is null ? "" : $" ({StoppedReason})");
}
