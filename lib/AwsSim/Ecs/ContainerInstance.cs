using AwsSim.Ec2;

namespace AwsSim.Ecs;

/// <summary>
/// An EC2 instance registered to a cluster (it runs the ECS agent). It offers vCPU × 1,024 CPU units and its memory
/// in MiB; tasks placed on it reserve some of both.
/// </summary>
public sealed class ContainerInstance
{
    internal ContainerInstance(string arn, string ec2InstanceId, InstanceType type, string availabilityZone, DateTimeOffset registeredAt, int index)
    {
        ContainerInstanceArn = arn;
        Ec2InstanceId = ec2InstanceId;
        InstanceType = type;
        AvailabilityZone = availabilityZone;
        RegisteredAt = registeredAt;
        Index = index;
        RemainingCpu = type.CpuUnits;
        RemainingMemory = type.MemoryMiB;
        _attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ecs.availability-zone"] = availabilityZone,
            ["ecs.instance-type"] = type.Name,
            ["ecs.os-type"] = "linux",
            ["ecs.cpu-architecture"] = type.Architecture,
            ["ec2InstanceId"] = ec2InstanceId,
        };
    }

    /// <summary>The container instance ARN.</summary>
    public string ContainerInstanceArn { get; }

    /// <summary>The id at the end of the ARN.</summary>
    public string Id => ContainerInstanceArn[(ContainerInstanceArn.LastIndexOf('/') + 1)..];

    /// <summary>The EC2 instance id, e.g. <c>i-0a1b2c3d4e5f60718</c>.</summary>
    public string Ec2InstanceId { get; }

    /// <summary>The instance type (size and price).</summary>
    public InstanceType InstanceType { get; }

    /// <summary>Its Availability Zone, e.g. <c>us-east-1a</c>.</summary>
    public string AvailabilityZone { get; }

    /// <summary>When it was registered (its billing starts then).</summary>
    public DateTimeOffset RegisteredAt { get; }

    /// <summary><c>ACTIVE</c>, <c>DRAINING</c> or <c>INACTIVE</c> (deregistered or failed).</summary>
    public string Status { get; internal set; } = "ACTIVE";

    /// <summary>False once the instance has failed (the agent is disconnected).</summary>
    public bool AgentConnected { get; internal set; } = true;

    /// <summary>CPU units it offers.</summary>
    public int RegisteredCpu => InstanceType.CpuUnits;

    /// <summary>Memory (MiB) it offers.</summary>
    public int RegisteredMemory => InstanceType.MemoryMiB;

    /// <summary>CPU units not reserved by tasks.</summary>
    public int RemainingCpu { get; internal set; }

    /// <summary>Memory (MiB) not reserved by tasks.</summary>
    public int RemainingMemory { get; internal set; }

    /// <summary>Attributes the placement engine reads (<c>ecs.availability-zone</c>, <c>ecs.instance-type</c>, <c>ecs.os-type</c>, <c>ecs.cpu-architecture</c>, custom ones).</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    /// <summary>Tasks on it (pending or running).</summary>
    public IReadOnlyList<EcsTask> Tasks => _tasks.ToList();

    /// <summary>How many tasks run on it.</summary>
    public int RunningTasksCount => _tasks.Count(t => t.LastStatus == "RUNNING");

    /// <summary>How many tasks are starting on it.</summary>
    public int PendingTasksCount => _tasks.Count(t => t.LastStatus == "PENDING");

    internal Dictionary<string, string> _attributes { get; }

    internal List<EcsTask> _tasks { get; } = new();

    internal HashSet<int> _ports { get; } = new();

    internal Dictionary<string, int> _groupCounts { get; } = new(StringComparer.Ordinal);

    internal long _billedSeconds;

    internal DateTimeOffset? _stoppedAt;

    internal int Index { get; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Ec2InstanceId} {InstanceType.Name} {AvailabilityZone} {Status}: cpu {RegisteredCpu - RemainingCpu}/{RegisteredCpu}, memory {RegisteredMemory - RemainingMemory}/{RegisteredMemory} MiB, {_tasks.Count} tasks";
}
