using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ecr;
using AwsSim.Fargate;

namespace AwsSim.Ecs;

/// <summary>What the service keeps about a task that AWS shows only in its events.</summary>
internal sealed class TaskExtras
{
    public IReadOnlyList<PlacementStrategy> Strategies = [];
    public IReadOnlyList<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)> Constraints = [];
    public List<string> ContainerArns = new();
    public string? Eni;
    public string? Ip;
    public ScheduledWork? Interruption;
}

/// <summary>
/// A task's life: launched (placed on an instance, or on Fargate), PENDING while its image is pulled, RUNNING, stopped
/// (by a user, a deployment, a Spot interruption or its instance going away), billed, and published as an
/// "ECS Task State Change" event when someone wants it. Tells the <see cref="ServiceReconciler"/> when a service's
/// task changed.
/// </summary>
internal sealed class TaskLifecycle
{
    private readonly AccountContext _aws;
    private readonly EcrService _ecr;
    private readonly ComputeBilling _billing;
    private readonly EcsOptions _options;
    private readonly IReadOnlyDictionary<string, Cluster> _clusters;
    private readonly Random _ids;
    private readonly Random _placement;
    private readonly Random _spot;
    private readonly Queue<EcsTaskStateChangeEvent> _events = new();
    private readonly Dictionary<EcsTask, TaskExtras> _extras = new();
    private ServiceReconciler _services = null!;
    private int _azTurn;
    private int _taskIndex;

    internal TaskLifecycle(AccountContext aws, EcrService ecr, ComputeBilling billing, EcsOptions options, IReadOnlyDictionary<string, Cluster> clusters, IEventPublisher? events)
    {
        _aws = aws;
        _ecr = ecr;
        _billing = billing;
        _options = options;
        _clusters = clusters;
        EventPublisher = events;
        _ids = new Random(aws.Seed);
        _placement = new Random(unchecked(aws.Seed * 31 + 7));
        _spot = new Random(unchecked(aws.Seed * 17 + 3));
    }

    /// <summary>The reconciler told about service tasks (the two call each other, so it is set once after both exist).</summary>
    internal ServiceReconciler Services { set => _services = value; }

    internal IEventPublisher? EventPublisher { get; set; }

    internal IReadOnlyList<EcsTaskStateChangeEvent> PublishedEvents => _events.ToList();

    internal IReadOnlyList<string> AvailabilityZones => [_aws.Region + "a", _aws.Region + "b", _aws.Region + "c"];

    /// <summary>The next zone in turn (instances registered without one, Fargate tasks).</summary>
    internal string NextAvailabilityZone() => AvailabilityZones[_azTurn++ % AvailabilityZones.Count];

    internal (EcsTask? Task, Failure? Failure) Launch(Cluster c, TaskDefinition td, string launchType, string? provider, string group, string? startedBy, Service? service,
        IReadOnlyList<PlacementStrategy> strategies, IReadOnlyList<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)> constraints, bool keepUnplaced)
    {
        ContainerInstance? inst = null;
        string? reason = null;
        if (launchType == "EC2")
        {
            var outcome = PlacementEngine.Choose(c, td.RequiredCpu, td.RequiredMemory, HostPorts(td), group, strategies, constraints, _placement);
            inst = outcome.Chosen;
            reason = outcome.Reason;
            if (inst is null && !keepUnplaced)
            {
                return (null, new Failure(outcome.Closest?.ContainerInstanceArn ?? c.ClusterArn, reason!));
            }
        }
        var task = new EcsTask($"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:task/{c.ClusterName}/{Hex(32)}", c.ClusterArn, td, launchType, group, _aws.Clock.Now)
        {
            StartedBy = startedBy,
            ServiceName = service?.ServiceName,
            CapacityProviderName = provider,
            _index = _taskIndex++,
        };
        var extras = new TaskExtras { Strategies = strategies, Constraints = constraints };
        foreach (var _ in td.ContainerDefinitions) extras.ContainerArns.Add($"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:container/{c.ClusterName}/{task.TaskId}/{Guid()}");
        _extras[task] = extras;
        c._tasks.Add(task);
        task.LastStatus = "PENDING";
        if (launchType == "FARGATE")
        {
            task.AvailabilityZone = NextAvailabilityZone();
            extras.Eni = "eni-0" + Hex(16);
            extras.Ip = string.Create(CultureInfo.InvariantCulture, $"10.0.{_ids.Next(0, 256)}.{_ids.Next(4, 255)}");
            Start(task);
        }
        else if (inst is not null)
        {
            Place(task, inst);
            Start(task);
        }
        else
        {
            task.PendingReason = reason;
            Publish(task);
            if (service is not null)
            {
                service._events.Add($"(service {service.ServiceName}) was unable to place a task because no container instance met all of its requirements. Reason: {reason} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
            }
        }
        return (task, null);
    }

    private static IReadOnlyList<int> HostPorts(TaskDefinition td)
        => td.ContainerDefinitions.SelectMany(cd => cd.PortMappings).Where(p => p.HostPort is > 0).Select(p => p.HostPort!.Value).ToList();

    private void Place(EcsTask task, ContainerInstance inst)
    {
        task.ContainerInstance = inst;
        task.AvailabilityZone = inst.AvailabilityZone;
        task.PendingReason = null;
        inst.RemainingCpu -= task.Cpu;
        inst.RemainingMemory -= task.Memory;
        foreach (var p in HostPorts(task.TaskDefinition)) inst._ports.Add(p);
        inst._groupCounts[task.Group] = inst._groupCounts.GetValueOrDefault(task.Group) + 1;
        inst._tasks.Add(task);
        ClusterOf(task).CountSpread(task, inst, +1);
    }

    private void Release(EcsTask task)
    {
        var inst = task.ContainerInstance;
        if (inst is null || !inst._tasks.Remove(task)) return;
        inst.RemainingCpu += task.Cpu;
        inst.RemainingMemory += task.Memory;
        foreach (var p in HostPorts(task.TaskDefinition)) inst._ports.Remove(p);
        inst._groupCounts[task.Group]--;
        ClusterOf(task).CountSpread(task, inst, -1);
    }

    private void Start(EcsTask task)
    {
        task.PullStartedAt = _aws.Clock.Now;
        Publish(task);
        _aws.Clock.ScheduleAfter(_options.TaskStartDelay, () => BecomeRunning(task), "ecs: task " + task.TaskId[..8] + " running");
    }

    private void BecomeRunning(EcsTask task)
    {
        if (task.DesiredStatus != "RUNNING" || task.LastStatus != "PENDING") return;
        var now = _aws.Clock.Now;
        task.PullStoppedAt = now;
        foreach (var cd in task.TaskDefinition.ContainerDefinitions)
        {
            var r = ImageReference.TryParse(cd.Image);
            if (r is null || r.RegistryId != _aws.AccountId || r.Region != _aws.Region) continue;
            try
            {
                task._digests[cd.Name] = _ecr.Pull(cd.Image).ImageDigest;
            }
            catch (AwsException ex)
            {
                Stop(task, $"CannotPullContainerError: pull image manifest has been retried 1 time(s): {cd.Image}: not found ({ex.ErrorCode})", "TaskFailedToStart");
                if (task.ServiceName is not null && FindService(task) is { } failing) failing._failedStarts++;
                _services.Settle();
                return;
            }
        }
        task.LastStatus = "RUNNING";
        task.StartedAt = now;
        task.Version++;
        Publish(task);
        if (FindService(task) is { } s)
        {
            s._failedStarts = 0;
            _aws.Clock.ScheduleAfter(_options.HealthGracePeriod, () => { _services.MarkDirty(s); _services.Settle(); }, "ecs: task healthy");
        }
        if (task.CapacityProviderName == "FARGATE_SPOT" && _options.SpotInterruptionsPerTaskHour > 0)
        {
            var hours = -Math.Log(1 - _spot.NextDouble()) / _options.SpotInterruptionsPerTaskHour;
            var warnAt = now + TimeSpan.FromHours(Math.Min(hours, 24 * 365));
            _extras[task].Interruption = _aws.Clock.Schedule(warnAt, () => { SpotWarning(task); _services.Settle(); }, "ecs: spot interruption warning");
        }
    }

    internal void SpotWarning(EcsTask task)
    {
        if (task.LastStatus == "STOPPED" || task.DesiredStatus == "STOPPED") return;
        task.DesiredStatus = "STOPPED";
        task.StoppedReason = "Your Spot Task was interrupted.";
        task.StopCode = "SpotInterruption";
        task.Version++;
        Publish(task);
        if (FindService(task) is { } s) _services.MarkDirty(s);
        _aws.Clock.ScheduleAfter(_options.SpotWarning, () => { Stop(task, "Your Spot Task was interrupted.", "SpotInterruption"); _services.Settle(); }, "ecs: spot task stopped");
    }

    internal void Stop(EcsTask task, string reason, string stopCode)
    {
        if (task.LastStatus == "STOPPED") return;
        var now = _aws.Clock.Now;
        task.DesiredStatus = "STOPPED";
        task.LastStatus = "STOPPED";
        task.StoppedAt = now;
        task.StoppedReason = reason;
        task.StopCode = stopCode;
        task.PendingReason = null;
        task.Version++;
        _extras[task].Interruption?.Cancel();
        var cluster = ClusterOf(task);
        Release(task);
        if (task.LaunchType == "FARGATE" && task.PullStartedAt is not null) BillFargate(task, now);
        Publish(task);
        if (FindService(task) is { } s) _services.MarkDirty(s);
        RetryPending(cluster);
    }

    internal void Retire(Cluster c, ContainerInstance inst, string reason, string stopCode, string note)
    {
        inst.Status = "INACTIVE";
        foreach (var t in inst._tasks.ToList()) Stop(t, reason, stopCode);
        BillInstance(inst, _aws.Clock.Now, note);
        inst._stoppedAt = _aws.Clock.Now;
        AfterCapacityChange(c);
    }

    internal void AfterCapacityChange(Cluster c)
    {
        foreach (var s in c._services.Values.Where(s => s.Status == "ACTIVE")) _services.MarkDirty(s);
        RetryPending(c);
        _services.Settle();
    }

    private void RetryPending(Cluster c)
    {
        foreach (var t in c._tasks.Where(t => t.LaunchType == "EC2" && t.ContainerInstance is null && t.LastStatus == "PENDING" && t.DesiredStatus == "RUNNING").ToList())
        {
            var x = _extras[t];
            var outcome = PlacementEngine.Choose(c, t.Cpu, t.Memory, HostPorts(t.TaskDefinition), t.Group, x.Strategies, x.Constraints, _placement);
            if (outcome.Chosen is null)
            {
                t.PendingReason = outcome.Reason;
                continue;
            }
            Place(t, outcome.Chosen);
            t.Version++;
            Start(t);
        }
    }


    internal Service? FindService(EcsTask t)
    {
        if (t.ServiceName is null) return null;
        var c = _clusters.Values.First(c => c.ClusterArn == t.ClusterArn);
        return c._services.TryGetValue(t.ServiceName, out var s) && s.Status == "ACTIVE" ? s : null;
    }

    internal void BillInstance(ContainerInstance inst, DateTimeOffset until, string? note = null)
    {
        var total = ComputeBilling.BilledSeconds(until - inst.RegisteredAt);
        var delta = total - inst._billedSeconds;
        if (delta <= 0) return;
        inst._billedSeconds = total;
        _billing.ChargeInstance(inst.InstanceType, spot: false, delta, $"{inst.InstanceType.Name} on-demand Linux ({inst.Ec2InstanceId})", note ?? "per second, 60 s minimum");
    }

    internal void BillFargate(EcsTask t, DateTimeOffset until)
    {
        var total = ComputeBilling.BilledSeconds(until - t.PullStartedAt!.Value);
        var delta = total - t._billedSeconds;
        if (delta <= 0) return;
        t._billedSeconds = total;
        var td = t.TaskDefinition;
        var arch = td.CpuArchitecture == "ARM64" ? Architecture.Arm64 : Architecture.X86_64;
        _billing.ChargeFargate(new FargateTask(td.RequiredCpu, td.RequiredMemory, arch, t.CapacityProviderName == "FARGATE_SPOT", td.EphemeralStorageGiB), delta, "task " + t.TaskId[..8]);
    }

    internal void Publish(EcsTask t)
    {
        var wanted = EventPublisher is { } bus && bus.Wants(EcsTaskStateChangeEvent.EventSource);
        if (!wanted && !_options.RecordEvents)
        {
            // Nobody wants it: build nothing, but draw its id so every later id is the same as when it is built.
            if (EventPublisher is not null) Guid();
            return;
        }
        var e = ToEvent(t);
        if (_options.RecordEvents)
        {
            if (_events.Count == _options.RecordedEventCapacity) _events.Dequeue();
            _events.Enqueue(e);
        }
        if (wanted) EventPublisher!.Publish(e.ToEventBridgeEvent());
    }

    /// <summary>The task's current state as an "ECS Task State Change" event.</summary>
    internal EcsTaskStateChangeEvent ToEvent(EcsTask t)
    {
        var id = Guid();
        return EcsTaskStateChangeEvent.From(t, _extras[t], id, _aws.AccountId, _aws.Region, _aws.Clock.Now, _options.FargatePlatformVersion);
    }

    private Cluster ClusterOf(EcsTask t)
    {
        foreach (var c in _clusters.Values) if (ReferenceEquals(c.ClusterArn, t.ClusterArn) || c.ClusterArn == t.ClusterArn) return c;
        throw new InvalidOperationException("task without a cluster");
    }


    internal string Hex(int digits)
    {
        var chars = new char[digits];
        for (var i = 0; i < digits; i++) chars[i] = "0123456789abcdef"[_ids.Next(16)];
        return new string(chars);
    }

    private string Guid()
    {
        var h = Hex(32);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }

}
