using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Ecr;
using AwsSim.Fargate;

namespace AwsSim.Ecs;

/// <summary>
/// Amazon ECS in the simulated account: clusters of EC2 container instances, task definitions, RunTask with placement
/// strategies and constraints, services that keep a desired count running and roll out new revisions, Fargate tasks,
/// and "ECS Task State Change" events. ECS itself is free: the bill shows the EC2 instances (per second, 60 s minimum)
/// and the Fargate tasks (per second, 1 minute minimum).
/// </summary>
/// <remarks>
/// Time only moves with <c>aws.Clock.Advance</c>: a placed task is PENDING until its image is pulled
/// (<see cref="EcsOptions.TaskStartDelay"/>), then RUNNING; service tasks count as healthy 40 s later.
/// Call <see cref="SettleBilling"/> to charge instances and Fargate tasks that are still running.
/// </remarks>
public sealed class EcsService
{
    private readonly AccountContext _aws;
    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskDefinition>> _families = new(StringComparer.Ordinal);
    private readonly TaskLifecycle _tasks;
    private readonly ServiceReconciler _services;

    internal EcsService(AccountContext aws, EcrService ecr, ComputeBilling billing, IEventPublisher events, EcsOptions? options = null)
    {
        _aws = aws;
        Options = options ?? new();
        _tasks = new TaskLifecycle(aws, ecr, billing, Options, _clusters, events);
        _services = new ServiceReconciler(_tasks, Options, aws);
        _tasks.Services = _services;
    }

    /// <summary>The simulator's knobs (start delay, Spot interruption rate…); fixed when the account is built.</summary>
    public EcsOptions Options { get; }

    /// <summary>Where task state changes are published: the account's bus (tests may swap in a recorder).</summary>
    internal IEventPublisher? EventPublisher { get => _tasks.EventPublisher; set => _tasks.EventPublisher = value; }

    /// <summary>The latest task state change events (at most <see cref="EcsOptions.RecordedEventCapacity"/>, when <see cref="EcsOptions.RecordEvents"/> is on), oldest first.</summary>
    public IReadOnlyList<EcsTaskStateChangeEvent> PublishedEvents => _tasks.PublishedEvents;

    /// <summary>The Availability Zones the simulator uses: the Region plus a, b and c.</summary>
    public IReadOnlyList<string> AvailabilityZones => [_aws.Region + "a", _aws.Region + "b", _aws.Region + "c"];

    // ---------------------------------------------------------------- clusters and instances

    /// <summary>Creates a cluster (returns the existing one if the name is taken, as AWS does).</summary>
    public Cluster CreateCluster(string clusterName = "default")
    {
        if (string.IsNullOrEmpty(clusterName) || clusterName.Length > 255 || !clusterName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new AwsValidationException("clusterName", clusterName, "must be 1–255 letters, numbers, hyphens or underscores", "InvalidParameterException");
        }
        if (_clusters.TryGetValue(clusterName, out var existing)) return existing;
        var c = new Cluster(clusterName, $"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:cluster/{clusterName}");
        _clusters[clusterName] = c;
        return c;
    }

    /// <summary>A cluster by name; <c>ClusterNotFoundException</c> when there is none.</summary>
    public Cluster DescribeCluster(string clusterName = "default")
        => _clusters.TryGetValue(clusterName, out var c) ? c : throw new AwsException("ClusterNotFoundException", $"Cluster not found: {clusterName}");

    /// <summary>Every cluster.</summary>
    public IReadOnlyList<Cluster> ListClusters() => _clusters.Values.ToList();

    /// <summary>
    /// Launches an EC2 instance of <paramref name="instanceType"/> (from <see cref="InstanceCatalog"/>) and registers it with
    /// the cluster. Its billing starts now. Without an Availability Zone the instances go round the Region's zones.
    /// </summary>
    public ContainerInstance RegisterContainerInstance(string cluster, string instanceType, string? availabilityZone = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var c = DescribeCluster(cluster);
        var type = InstanceCatalog.Get(instanceType, _aws.Prices);
        var az = availabilityZone ?? _tasks.NextAvailabilityZone();
        if (!AvailabilityZones.Contains(az)) throw new AwsValidationException("availabilityZone", az, "must be one of " + string.Join(", ", AvailabilityZones));
        var inst = new ContainerInstance($"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:container-instance/{c.ClusterName}/{_tasks.Hex(32)}", "i-0" + _tasks.Hex(16), type, az, _aws.Clock.Now, c._instances.Count);
        if (attributes is not null) foreach (var (k, v) in attributes) inst._attributes[k] = v;
        c._instances.Add(inst);
        _tasks.AfterCapacityChange(c);
        return inst;
    }

    /// <summary>Registers <paramref name="count"/> instances of one type, round the Availability Zones.</summary>
    public IReadOnlyList<ContainerInstance> RegisterContainerInstances(string cluster, string instanceType, int count)
    {
        Validate.Range("count", count, 1, 100_000);
        return Enumerable.Range(0, count).Select(_ => RegisterContainerInstance(cluster, instanceType)).ToList();
    }

    /// <summary>Sets a custom attribute on an instance (usable in memberOf expressions and spread).</summary>
    public void PutAttributes(string cluster, string containerInstance, string name, string value)
    {
        var c = DescribeCluster(cluster);
        EcsChecks.FindInstance(c, containerInstance)._attributes[name] = value;
        c._spreadCounts.Clear();
    }

    /// <summary>
    /// Sets an instance to <c>DRAINING</c> (no new tasks; its service tasks are replaced elsewhere within the services'
    /// minimumHealthyPercent/maximumPercent; standalone tasks keep running) or back to <c>ACTIVE</c>.
    /// </summary>
    public void UpdateContainerInstancesState(string cluster, string containerInstance, string status)
    {
        var c = DescribeCluster(cluster);
        var inst = EcsChecks.FindInstance(c, containerInstance);
        inst.Status = Validate.OneOf("status", status, "ACTIVE", "DRAINING");
        _tasks.AfterCapacityChange(c);
    }

    /// <summary>
    /// The instance fails (its EC2 host is terminated): every task on it stops, its billing ends, and services start
    /// replacement tasks on the other instances.
    /// </summary>
    public void FailContainerInstance(string cluster, string containerInstance)
    {
        var c = DescribeCluster(cluster);
        var inst = EcsChecks.FindInstance(c, containerInstance);
        inst.AgentConnected = false;
        _tasks.Retire(c, inst, $"Host EC2 (instance {inst.Ec2InstanceId}) terminated.", "TerminationNotice", "instance failed");
    }

    /// <summary>Deregisters (and terminates) an instance. With tasks on it this needs <paramref name="force"/>; its tasks then stop.</summary>
    public void DeregisterContainerInstance(string cluster, string containerInstance, bool force = false)
    {
        var c = DescribeCluster(cluster);
        var inst = EcsChecks.FindInstance(c, containerInstance);
        if (inst._tasks.Count > 0 && !force)
        {
            throw new AwsException("InvalidParameterException", $"Found running tasks on the instance {inst.Ec2InstanceId}; drain it first or deregister with force.");
        }
        _tasks.Retire(c, inst, $"Container instance {inst.Ec2InstanceId} was deregistered.", "UserInitiated", "deregistered");
    }

    // ---------------------------------------------------------------- task definitions

    /// <summary>
    /// Registers a task definition as the next revision of its family (<c>family:1</c>, <c>family:2</c>, …). Fargate
    /// task definitions must have a valid task size (<see cref="FargateTaskSize"/>).
    /// </summary>
    public TaskDefinition RegisterTaskDefinition(TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrEmpty(definition.Family) || definition.Family.Length > 255 || !definition.Family.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
        {
            throw new AwsValidationException("family", definition.Family, "must be 1–255 letters, numbers, hyphens or underscores", "ClientException");
        }
        if (definition.ContainerDefinitions.Count == 0) throw new AwsValidationException("containerDefinitions", "[]", "must have at least one container", "ClientException");
        for (var i = 0; i < definition.ContainerDefinitions.Count; i++)
        {
            var cd = definition.ContainerDefinitions[i];
            if (string.IsNullOrEmpty(cd.Name)) throw new AwsValidationException($"containerDefinitions[{i}].name", cd.Name, "is required", "ClientException");
            if (string.IsNullOrEmpty(cd.Image)) throw new AwsValidationException($"containerDefinitions[{i}].image", cd.Image, "is required", "ClientException");
            if (cd.Cpu < 0) throw new AwsValidationException($"containerDefinitions[{i}].cpu", cd.Cpu.ToString(CultureInfo.InvariantCulture), "must be 0 or more CPU units", "ClientException");
            if (definition.Memory is null && cd.Memory is null)
            {
                throw new AwsValidationException($"containerDefinitions[{i}].memory", null, "is required when the task definition has no task-level memory", "ClientException");
            }
        }
        if (!definition.ContainerDefinitions.Any(cd => cd.Essential)) throw new AwsValidationException("containerDefinitions.essential", "false", "at least one container must be essential", "ClientException");
        foreach (var lt in definition.RequiresCompatibilities) Validate.OneOf("requiresCompatibilities", lt, "EC2", "FARGATE");
        Validate.OneOf("runtimePlatform.cpuArchitecture", definition.CpuArchitecture, "X86_64", "ARM64");
        if (definition.RequiresCompatibilities.Contains("FARGATE"))
        {
            if (definition.Cpu is null) throw new AwsValidationException("cpu", null, "Fargate requires task-level cpu (one of " + string.Join(", ", FargateTaskSize.CpuUnits) + ")", "ClientException");
            if (definition.Memory is null) throw new AwsValidationException("memory", null, "Fargate requires task-level memory", "ClientException");
            FargateTaskSize.Validate(definition.Cpu.Value, definition.Memory.Value);
            Validate.Range("ephemeralStorage.sizeInGiB", definition.EphemeralStorageGiB, 20, FargatePricing.MaxEphemeralStorageGiB, "GiB", "ClientException");
        }
        else if (definition.Cpu is { } cpu)
        {
            Validate.Range("cpu", cpu, 128, 10_240, "CPU units", "ClientException");
        }
        if (!_families.TryGetValue(definition.Family, out var revisions)) _families[definition.Family] = revisions = new();
        var registered = definition with
        {
            Revision = revisions.Count + 1,
            TaskDefinitionArn = $"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:task-definition/{definition.Family}:{revisions.Count + 1}",
        };
        revisions.Add(registered);
        return registered;
    }

    /// <summary>Finds a task definition by <c>family</c> (latest revision), <c>family:revision</c> or ARN.</summary>
    public TaskDefinition DescribeTaskDefinition(string taskDefinition)
    {
        var s = taskDefinition ?? "";
        if (s.StartsWith("arn:", StringComparison.Ordinal)) s = s[(s.LastIndexOf('/') + 1)..];
        var parts = s.Split(':');
        if (_families.TryGetValue(parts[0], out var revs) && revs.Count > 0)
        {
            if (parts.Length == 1) return revs[^1];
            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 1 && r <= revs.Count) return revs[r - 1];
        }
        throw new AwsException("ClientException", $"Unable to describe task definition {taskDefinition}.");
    }

    // ---------------------------------------------------------------- tasks

    /// <summary>
    /// Starts tasks (AWS's RunTask). EC2 tasks are placed with the strategies and constraints; a task that fits nowhere is
    /// not started and comes back in <see cref="RunTaskResult.Failures"/> with AWS's reason (<c>RESOURCE:CPU</c>,
    /// <c>RESOURCE:MEMORY</c>…). Fargate tasks need no instances.
    /// </summary>
    public RunTaskResult RunTask(RunTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = DescribeCluster(request.Cluster);
        var td = DescribeTaskDefinition(request.TaskDefinition);
        Validate.Range("count", request.Count, 1, 10);
        var (launchType, providers) = EcsChecks.LaunchTypeOf(request.LaunchType, request.CapacityProviderStrategy, td);
        var strategies = request.PlacementStrategy ?? PlacementStrategy.ServiceDefault;
        var constraints = EcsChecks.Compile(request.PlacementConstraints, launchType, request.PlacementStrategy);
        for (var i = 0; i < strategies.Count; i++) strategies[i].Validate($"placementStrategy[{i}]");
        var group = request.Group ?? "family:" + td.Family;
        var tasks = new List<EcsTask>();
        var failures = new List<Failure>();
        var perProvider = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < request.Count; n++)
        {
            var provider = ServiceReconciler.ChooseProvider(providers, p => perProvider.GetValueOrDefault(p));
            if (provider is not null) perProvider[provider] = perProvider.GetValueOrDefault(provider) + 1;
            var (task, failure) = _tasks.Launch(c, td, launchType, provider, group, request.StartedBy, null, strategies, constraints, keepUnplaced: false);
            if (task is not null) tasks.Add(task);
            if (failure is not null) failures.Add(failure);
        }
        return new RunTaskResult(tasks, failures);
    }

    /// <summary>Stops a task (<c>UserInitiated</c>). A service replaces it.</summary>
    public EcsTask StopTask(string cluster, string task, string reason = "Task stopped by user")
    {
        var c = DescribeCluster(cluster);
        var t = EcsChecks.FindTask(c, task);
        _tasks.Stop(t, reason, "UserInitiated");
        _services.Settle();
        return t;
    }

    /// <summary>Tasks of a cluster that are not stopped (optionally of one service).</summary>
    public IReadOnlyList<EcsTask> ListTasks(string cluster = "default", string? serviceName = null)
        => DescribeCluster(cluster)._tasks.Where(t => t.LastStatus != "STOPPED" && (serviceName is null || t.ServiceName == serviceName)).ToList();

    /// <summary>One task by ARN or id.</summary>
    public EcsTask DescribeTask(string cluster, string task) => EcsChecks.FindTask(DescribeCluster(cluster), task);

    /// <summary>
    /// Interrupts a Fargate Spot task now: it gets the two-minute warning (desired status STOPPED, an event), then stops with
    /// stop code <c>SpotInterruption</c>; a service starts a replacement at the warning.
    /// </summary>
    public void InterruptSpotTask(string cluster, string task)
    {
        var t = EcsChecks.FindTask(DescribeCluster(cluster), task);
        if (t.CapacityProviderName != "FARGATE_SPOT") throw new AwsValidationException("task", t.TaskId, "is not a Fargate Spot task");
        _tasks.SpotWarning(t);
        _services.Settle();
    }

    // ---------------------------------------------------------------- services

    /// <summary>Creates a service that keeps <see cref="CreateServiceRequest.DesiredCount"/> tasks running.</summary>
    public Service CreateService(CreateServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var c = DescribeCluster(request.Cluster);
        if (string.IsNullOrEmpty(request.ServiceName) || request.ServiceName.Length > 255) throw new AwsValidationException("serviceName", request.ServiceName, "must be 1–255 characters", "InvalidParameterException");
        if (c._services.TryGetValue(request.ServiceName, out var existing) && existing.Status == "ACTIVE")
        {
            throw new AwsException("InvalidParameterException", "Creation of service was not idempotent.");
        }
        var td = DescribeTaskDefinition(request.TaskDefinition);
        Validate.Range("desiredCount", request.DesiredCount, 0, 100_000);
        EcsChecks.ValidateDeployment(request.MinimumHealthyPercent, request.MaximumPercent);
        var (launchType, providers) = EcsChecks.LaunchTypeOf(request.LaunchType, request.CapacityProviderStrategy, td);
        var strategies = request.PlacementStrategy ?? (launchType == "EC2" ? PlacementStrategy.ServiceDefault : []);
        for (var i = 0; i < strategies.Count; i++) strategies[i].Validate($"placementStrategy[{i}]");
        EcsChecks.Compile(request.PlacementConstraints, launchType, request.PlacementStrategy);
        var s = new Service(request.ServiceName, $"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:service/{c.ClusterName}/{request.ServiceName}", c, td, request.DesiredCount, launchType)
        {
            MinimumHealthyPercent = request.MinimumHealthyPercent,
            MaximumPercent = request.MaximumPercent,
            PlacementStrategy = strategies,
            PlacementConstraints = request.PlacementConstraints ?? [],
            CapacityProviderStrategy = providers,
        };
        c._services[s.ServiceName] = s;
        _services.MarkDirty(s);
        _services.Settle();
        return s;
    }

    /// <summary>
    /// Updates a service: a new desired count scales it; a new task definition starts a rolling deployment that keeps at
    /// least minimumHealthyPercent healthy and at most maximumPercent running or pending.
    /// </summary>
    public Service UpdateService(string cluster, string service, int? desiredCount = null, string? taskDefinition = null, int? minimumHealthyPercent = null, int? maximumPercent = null)
    {
        var s = DescribeService(cluster, service);
        if (desiredCount is { } d) s.DesiredCount = (int)Validate.Range("desiredCount", d, 0, 100_000);
        var min = minimumHealthyPercent ?? s.MinimumHealthyPercent;
        var max = maximumPercent ?? s.MaximumPercent;
        EcsChecks.ValidateDeployment(min, max);
        s.MinimumHealthyPercent = min;
        s.MaximumPercent = max;
        if (taskDefinition is not null)
        {
            var td = DescribeTaskDefinition(taskDefinition);
            if (td.TaskDefinitionArn != s.TaskDefinition.TaskDefinitionArn)
            {
                EcsChecks.LaunchTypeOf(s.CapacityProviderStrategy.Count > 0 ? null : s.LaunchType, s.CapacityProviderStrategy.Count > 0 ? s.CapacityProviderStrategy : null, td);
                s.TaskDefinition = td;
                s._failedStarts = 0;
                s._events.Add($"(service {s.ServiceName}) has started a deployment of {td.FamilyRevision}.");
            }
        }
        _services.MarkDirty(s);
        _services.Settle();
        return s;
    }

    /// <summary>Deletes a service: its desired count goes to 0 and its tasks stop.</summary>
    public void DeleteService(string cluster, string service)
    {
        var s = DescribeService(cluster, service);
        s.DesiredCount = 0;
        foreach (var t in s.Tasks) _tasks.Stop(t, "Service deleted", "ServiceSchedulerInitiated");
        s.Status = "INACTIVE";
        _services.Settle();
    }

    /// <summary>A service by name.</summary>
    public Service DescribeService(string cluster, string service)
    {
        var c = DescribeCluster(cluster);
        return c._services.TryGetValue(service, out var s) && s.Status == "ACTIVE" ? s : throw new AwsException("ServiceNotFoundException", $"Service not found: {service}");
    }

    // ---------------------------------------------------------------- billing and pictures

    /// <summary>
    /// Charges, up to now, every instance still registered (per second, 60 s minimum per instance) and every Fargate task
    /// still running (per second, 1 minute minimum per task). Stopped tasks and terminated instances are charged when they stop.
    /// </summary>
    public void SettleBilling()
    {
        foreach (var c in _clusters.Values)
        {
            foreach (var i in c._instances.Where(i => i.Status != "INACTIVE")) _tasks.BillInstance(i, _aws.Clock.Now);
            foreach (var t in c._tasks.Where(t => t.LaunchType == "FARGATE" && t.LastStatus != "STOPPED")) _tasks.BillFargate(t, _aws.Clock.Now);
        }
    }

    /// <summary>The cluster as SVG: instances sized by CPU (width) and memory (height), tasks as filled blocks.</summary>
    public string RenderCluster(string cluster = "default", string? title = null) => ClusterPicture.Svg(DescribeCluster(cluster), title);

    /// <summary>The task's current state as an "ECS Task State Change" event.</summary>
    public EcsTaskStateChangeEvent ToEvent(EcsTask t) => _tasks.ToEvent(t);

    /// <inheritdoc />
    public override string ToString() => $"ECS: {_clusters.Count} clusters, {_families.Count} task definition families";
}
