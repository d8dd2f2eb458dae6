namespace AwsSim.Ecs;

/// <summary>What <see cref="EcsService.RunTask"/> takes (AWS's RunTask parameters).</summary>
public sealed record RunTaskRequest
{
    /// <summary>The cluster name (default <c>default</c>).</summary>
    public string Cluster { get; init; } = "default";

    /// <summary><c>family</c> (latest revision), <c>family:revision</c> or the ARN.</summary>
    public string TaskDefinition { get; init; } = "";

    /// <summary>How many tasks, 1–10.</summary>
    public int Count { get; init; } = 1;

    /// <summary><c>EC2</c> or <c>FARGATE</c>; null means EC2 unless a capacity provider strategy is given.</summary>
    public string? LaunchType { get; init; }

    /// <summary>A capacity provider strategy (<c>FARGATE</c>/<c>FARGATE_SPOT</c>); exclusive with <see cref="LaunchType"/>.</summary>
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    /// <summary>Placement strategies (EC2 only). Null: spread on <c>attribute:ecs.availability-zone</c>.</summary>
    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    /// <summary>Placement constraints (EC2 only).</summary>
    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    /// <summary>The task group (default <c>family:&lt;family&gt;</c>).</summary>
    public string? Group { get; init; }

    /// <summary>Free text recorded on the task.</summary>
    public string? StartedBy { get; init; }
}

/// <summary>What RunTask returns: the tasks started and, for those that could not be placed, AWS's failures.</summary>
/// <param name="Tasks">Tasks created (PENDING, then RUNNING as the clock advances).</param>
/// <param name="Failures">One per task that could not be placed, e.g. reason <c>RESOURCE:MEMORY</c>.</param>
public sealed record RunTaskResult(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<Failure> Failures);

/// <summary>An API failure (AWS's Failure type): the resource and the reason.</summary>
/// <param name="Arn">The container instance that came closest, or the cluster.</param>
/// <param name="Reason">e.g. <c>RESOURCE:CPU</c>, <c>RESOURCE:MEMORY</c>, <c>RESOURCE:PORTS</c>, <c>AGENT</c>, <c>MemberOf placement constraint unsatisfied.</c></param>
/// <param name="Detail">More words, or null.</param>
public sealed record Failure(string Arn, string Reason, string? Detail = null);

/// <summary>What <see cref="EcsService.CreateService"/> takes.</summary>
public sealed record CreateServiceRequest
{
    /// <summary>The cluster name (default <c>default</c>).</summary>
    public string Cluster { get; init; } = "default";

    /// <summary>The service name.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary><c>family</c>, <c>family:revision</c> or the ARN.</summary>
    public string TaskDefinition { get; init; } = "";

    /// <summary>How many tasks to keep running.</summary>
    public int DesiredCount { get; init; } = 1;

    /// <summary><c>EC2</c> or <c>FARGATE</c>; exclusive with <see cref="CapacityProviderStrategy"/>.</summary>
    public string? LaunchType { get; init; }

    /// <summary>A capacity provider strategy (<c>FARGATE</c>/<c>FARGATE_SPOT</c>).</summary>
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    /// <summary>Placement strategies (default spread on <c>attribute:ecs.availability-zone</c>).</summary>
    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    /// <summary>Placement constraints.</summary>
    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    /// <summary>minimumHealthyPercent (default 100).</summary>
    public int MinimumHealthyPercent { get; init; } = 100;

    /// <summary>maximumPercent (default 200).</summary>
    public int MaximumPercent { get; init; } = 200;
}
