namespace AwsSim.Batch;

/// <summary>A registered job definition revision.</summary>
/// <param name="JobDefinitionName">The name.</param>
/// <param name="Revision">1 for the first registration, then +1.</param>
/// <param name="JobDefinitionArn">The ARN, ending <c>:name:revision</c>.</param>
/// <param name="Request">What was registered.</param>
public sealed record JobDefinition(string JobDefinitionName, int Revision, string JobDefinitionArn, JobDefinitionRequest Request)
{
    /// <summary>vCPUs per job.</summary>
    public double Vcpus => Request.Vcpus;

    /// <summary>Memory per job, MiB.</summary>
    public int Memory => Request.Memory;
}

/// <summary>A job queue.</summary>
public sealed class JobQueue
{
    internal JobQueue(string name, string arn, int priority, IReadOnlyList<ComputeEnvironment> environments, long seq)
    {
        JobQueueName = name;
        JobQueueArn = arn;
        Priority = priority;
        ComputeEnvironments = environments;
        Seq = seq;
    }

    /// <summary>The name.</summary>
    public string JobQueueName { get; }

    /// <summary>The ARN.</summary>
    public string JobQueueArn { get; }

    /// <summary>Higher is scheduled first among queues sharing environments.</summary>
    public int Priority { get; }

    /// <summary>The environments, in the order they are tried.</summary>
    public IReadOnlyList<ComputeEnvironment> ComputeEnvironments { get; }

    internal long Seq { get; }
    internal SortedSet<BatchJob> Runnable { get; } = new(Comparer<BatchJob>.Create((a, b) => a.Seq.CompareTo(b.Seq)));
}

/// <summary>A managed compute environment and the capacity it runs.</summary>
public sealed class ComputeEnvironment
{
    internal ComputeEnvironment(ComputeEnvironmentRequest request, string arn, IReadOnlyList<PriceEntry> types, string? strategy)
    {
        Request = request;
        ComputeEnvironmentArn = arn;
        InstanceTypes = types;
        AllocationStrategy = strategy;
    }

    /// <summary>What was asked for.</summary>
    public ComputeEnvironmentRequest Request { get; }

    /// <summary>The name.</summary>
    public string ComputeEnvironmentName => Request.ComputeEnvironmentName;

    /// <summary>The ARN.</summary>
    public string ComputeEnvironmentArn { get; }

    /// <summary>EC2, SPOT or FARGATE.</summary>
    public string Type => Request.Type;

    /// <summary>True for FARGATE.</summary>
    public bool IsFargate => Type == "FARGATE";

    /// <summary>The instance types Batch may launch, resolved from <c>instanceTypes</c> against the price list.</summary>
    public IReadOnlyList<PriceEntry> InstanceTypes { get; }

    /// <summary>The allocation strategy (null for Fargate).</summary>
    public string? AllocationStrategy { get; }

    /// <summary>Every instance it ever launched, in launch order (EC2/SPOT).</summary>
    public IReadOnlyList<BatchInstance> Instances => InstanceList;

    /// <summary>The vCPUs of instances launched and not yet terminated (what Batch's desiredvCpus tracks).</summary>
    public int CurrentvCpus => LivevCpus;

    /// <summary>The most vCPUs it ever had at once (instances for EC2/SPOT, running tasks for Fargate).</summary>
    public double PeakvCpus { get; internal set; }

    /// <summary>For Fargate: vCPUs of the tasks running now.</summary>
    public double FargateRunningvCpus { get; internal set; }

    internal List<BatchInstance> InstanceList { get; } = new();
    internal List<BatchInstance> Live { get; } = new();
    internal int LivevCpus;
    internal List<bool> FargateLanes { get; } = new();
    internal bool Deleted;
}

/// <summary>An EC2 instance launched by Batch.</summary>
public sealed class BatchInstance
{
    internal BatchInstance(ComputeEnvironment environment, string id, PriceEntry type, bool spot, DateTimeOffset launchedAt, DateTimeOffset readyAt)
    {
        Environment = environment;
        InstanceId = id;
        Price = type;
        IsSpot = spot;
        LaunchedAt = launchedAt;
        ReadyAt = readyAt;
        Vcpus = int.Parse(type.Attributes!["vcpu"], System.Globalization.CultureInfo.InvariantCulture);
        MemoryMiB = (int)(decimal.Parse(type.Attributes!["memoryGiB"], System.Globalization.CultureInfo.InvariantCulture) * 1024);
        Slots = new bool[Vcpus];
    }

    /// <summary>The compute environment that launched it.</summary>
    public ComputeEnvironment Environment { get; }

    /// <summary>The instance id, e.g. <c>i-0000000000000001</c>.</summary>
    public string InstanceId { get; }

    /// <summary>The instance type, e.g. <c>c5.large</c>.</summary>
    public string InstanceType => Price.Key["ec2.".Length..];

    /// <summary>The price list entry for its on-demand price.</summary>
    public PriceEntry Price { get; }

    /// <summary>True for a Spot instance.</summary>
    public bool IsSpot { get; }

    /// <summary>vCPUs.</summary>
    public int Vcpus { get; }

    /// <summary>Memory, MiB.</summary>
    public int MemoryMiB { get; }

    /// <summary>When it was launched (billing starts).</summary>
    public DateTimeOffset LaunchedAt { get; }

    /// <summary>When it could take jobs.</summary>
    public DateTimeOffset ReadyAt { get; }

    /// <summary>When it was terminated, or null while running.</summary>
    public DateTimeOffset? TerminatedAt { get; internal set; }

    /// <summary>Why it was terminated ("scaled in", "Spot interruption", "compute environment deleted").</summary>
    public string? TerminationReason { get; internal set; }

    /// <summary>What it cost (set when terminated).</summary>
    public decimal Cost { get; internal set; }

    internal double FreeVcpus => Vcpus - UsedVcpus;
    internal double UsedVcpus;
    internal int UsedMemory;
    internal bool[] Slots;
    internal List<BatchJob> Jobs { get; } = new();
    internal DateTimeOffset IdleSince;
    internal ScheduledWork? Interruption;
    internal bool Ready;
}
