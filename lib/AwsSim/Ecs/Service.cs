namespace AwsSim.Ecs;

/// <summary>
/// An ECS service: keeps <see cref="DesiredCount"/> copies of a task definition running, replaces tasks that stop, and
/// rolls out a new task definition within <see cref="MinimumHealthyPercent"/> and <see cref="MaximumPercent"/>.
/// </summary>
public sealed class Service
{
    internal Service(string name, string arn, Cluster cluster, TaskDefinition definition, int desired, string launchType)
    {
        ServiceName = name;
        ServiceArn = arn;
        Cluster = cluster;
        TaskDefinition = definition;
        DesiredCount = desired;
        LaunchType = launchType;
    }

    /// <summary>The service's name.</summary>
    public string ServiceName { get; }

    /// <summary>The ARN.</summary>
    public string ServiceArn { get; }

    /// <summary>The cluster it runs in.</summary>
    public Cluster Cluster { get; }

    /// <summary>The task definition of the PRIMARY deployment (the one being rolled out).</summary>
    public TaskDefinition TaskDefinition { get; internal set; }

    /// <summary>How many tasks it keeps running.</summary>
    public int DesiredCount { get; internal set; }

    /// <summary><c>EC2</c> or <c>FARGATE</c>.</summary>
    public string LaunchType { get; }

    /// <summary>Capacity provider strategy (Fargate / Fargate Spot), or empty.</summary>
    public IReadOnlyList<CapacityProviderStrategyItem> CapacityProviderStrategy { get; internal set; } = Array.Empty<CapacityProviderStrategyItem>();

    /// <summary>Lower limit on healthy tasks during a deployment, as a percent of the desired count (default 100, rounded up).</summary>
    public int MinimumHealthyPercent { get; internal set; } = 100;

    /// <summary>Upper limit on running plus pending tasks during a deployment, as a percent of the desired count (default 200, rounded down).</summary>
    public int MaximumPercent { get; internal set; } = 200;

    /// <summary>Placement strategies (default: spread on <c>attribute:ecs.availability-zone</c>).</summary>
    public IReadOnlyList<PlacementStrategy> PlacementStrategy { get; internal set; } = Ecs.PlacementStrategy.ServiceDefault;

    /// <summary>Placement constraints.</summary>
    public IReadOnlyList<PlacementConstraint> PlacementConstraints { get; internal set; } = Array.Empty<PlacementConstraint>();

    /// <summary><c>ACTIVE</c>, or <c>INACTIVE</c> once deleted.</summary>
    public string Status { get; internal set; } = "ACTIVE";

    /// <summary>Its tasks that are not stopped.</summary>
    public IReadOnlyList<EcsTask> Tasks => Cluster._tasks.Where(t => t.ServiceName == ServiceName && t.LastStatus != "STOPPED").ToList();

    /// <summary>Tasks RUNNING.</summary>
    public int RunningCount => Tasks.Count(t => t.LastStatus == "RUNNING" && t.DesiredStatus == "RUNNING");

    /// <summary>Tasks not yet RUNNING (waiting for an instance, or starting).</summary>
    public int PendingCount => Tasks.Count(t => t.LastStatus is "PENDING" or "PROVISIONING" && t.DesiredStatus == "RUNNING");

    /// <summary>The service's event messages, oldest first, in AWS's wording (e.g. "(service web) has reached a steady state.").</summary>
    public IReadOnlyList<string> Events => _events.ToList();

    internal List<string> _events { get; } = new();

    internal int _failedStarts;

    internal string Group => "service:" + ServiceName;

    /// <inheritdoc />
    public override string ToString() => $"{ServiceName}: {TaskDefinition.FamilyRevision}, desired {DesiredCount}, running {RunningCount}, pending {PendingCount}";
}

/// <summary>One entry of a capacity provider strategy (<c>FARGATE</c> or <c>FARGATE_SPOT</c> in the simulator).</summary>
/// <param name="CapacityProvider"><c>FARGATE</c> or <c>FARGATE_SPOT</c>.</param>
/// <param name="Weight">Relative share, 0–1,000.</param>
/// <param name="Base">Tasks placed on this provider first, 0–100,000 (only one entry may have a base).</param>
public sealed record CapacityProviderStrategyItem(string CapacityProvider, int Weight = 1, int Base = 0);
