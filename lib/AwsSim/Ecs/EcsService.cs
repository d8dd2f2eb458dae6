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
    private readonly EcrService _ecr;
    private readonly ComputeBilling _billing;
    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskDefinition>> _families = new(StringComparer.Ordinal);
    private readonly Random _ids;
    private readonly Random _placement;
    private readonly Random _spot;
    private readonly Queue<EcsTaskStateChangeEvent> _events = new();
    private readonly HashSet<Service> _dirty = new();
    private readonly Dictionary<EcsTask, TaskExtras> _extras = new();
    private bool _reconciling;
    private int _azTurn;
    private int _taskIndex;

    internal EcsService(AccountContext aws, EcrService ecr, ComputeBilling billing, IEventPublisher events, EcsOptions? options = null)
    {
        _aws = aws;
        _billing = billing;
        Options = options ?? new();
        _ecr = ecr;
        EventPublisher = events;
        _ids = new Random(aws.Seed);
        _placement = new Random(unchecked(aws.Seed * 31 + 7));
        _spot = new Random(unchecked(aws.Seed * 17 + 3));
    }

    /// <summary>The simulator's knobs (start delay, Spot interruption rate…); fixed when the account is built.</summary>
    public EcsOptions Options { get; }

    /// <summary>Where task state changes are published: the account's bus (tests may swap in a recorder).</summary>
    internal IEventPublisher? EventPublisher { get; set; }

    /// <summary>The latest task state change events (at most <see cref="EcsOptions.RecordedEventCapacity"/>, when <see cref="EcsOptions.RecordEvents"/> is on), oldest first.</summary>
    public IReadOnlyList<EcsTaskStateChangeEvent> PublishedEvents => _events.ToList();

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
        var az = availabilityZone ?? AvailabilityZones[_azTurn++ % AvailabilityZones.Count];
        if (!AvailabilityZones.Contains(az)) throw new AwsValidationException("availabilityZone", az, "must be one of " + string.Join(", ", AvailabilityZones));
        var inst = new ContainerInstance($"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:container-instance/{c.ClusterName}/{Hex(32)}", "i-0" + Hex(16), type, az, _aws.Clock.Now, c._instances.Count);
        if (attributes is not null) foreach (var (k, v) in attributes) inst._attributes[k] = v;
        c._instances.Add(inst);
        AfterCapacityChange(c);
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
        FindInstance(c, containerInstance)._attributes[name] = value;
        c._spreadCounts.Clear();
    }

    /// <summary>
    /// Sets an instance to <c>DRAINING</c> (no new tasks; its service tasks are replaced elsewhere within the services'
    /// minimumHealthyPercent/maximumPercent; standalone tasks keep running) or back to <c>ACTIVE</c>.
    /// </summary>
    public void UpdateContainerInstancesState(string cluster, string containerInstance, string status)
    {
        var c = DescribeCluster(cluster);
        var inst = FindInstance(c, containerInstance);
        inst.Status = Validate.OneOf("status", status, "ACTIVE", "DRAINING");
        AfterCapacityChange(c);
    }

    /// <summary>
    /// The instance fails (its EC2 host is terminated): every task on it stops, its billing ends, and services start
    /// replacement tasks on the other instances.
    /// </summary>
    public void FailContainerInstance(string cluster, string containerInstance)
    {
        var c = DescribeCluster(cluster);
        var inst = FindInstance(c, containerInstance);
        inst.AgentConnected = false;
        Retire(c, inst, $"Host EC2 (instance {inst.Ec2InstanceId}) terminated.", "TerminationNotice", "instance failed");
    }

    /// <summary>Deregisters (and terminates) an instance. With tasks on it this needs <paramref name="force"/>; its tasks then stop.</summary>
    public void DeregisterContainerInstance(string cluster, string containerInstance, bool force = false)
    {
        var c = DescribeCluster(cluster);
        var inst = FindInstance(c, containerInstance);
        if (inst._tasks.Count > 0 && !force)
        {
            throw new AwsException("InvalidParameterException", $"Found running tasks on the instance {inst.Ec2InstanceId}; drain it first or deregister with force.");
        }
        Retire(c, inst, $"Container instance {inst.Ec2InstanceId} was deregistered.", "UserInitiated", "deregistered");
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
        var (launchType, providers) = LaunchTypeOf(request.LaunchType, request.CapacityProviderStrategy, td);
        var strategies = request.PlacementStrategy ?? PlacementStrategy.ServiceDefault;
        var constraints = Compile(request.PlacementConstraints, launchType, request.PlacementStrategy);
        for (var i = 0; i < strategies.Count; i++) strategies[i].Validate($"placementStrategy[{i}]");
        var group = request.Group ?? "family:" + td.Family;
        var tasks = new List<EcsTask>();
        var failures = new List<Failure>();
        var perProvider = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < request.Count; n++)
        {
            var provider = ChooseProvider(providers, p => perProvider.GetValueOrDefault(p));
            if (provider is not null) perProvider[provider] = perProvider.GetValueOrDefault(provider) + 1;
            var (task, failure) = Launch(c, td, launchType, provider, group, request.StartedBy, null, strategies, constraints, keepUnplaced: false);
            if (task is not null) tasks.Add(task);
            if (failure is not null) failures.Add(failure);
        }
        return new RunTaskResult(tasks, failures);
    }

    /// <summary>Stops a task (<c>UserInitiated</c>). A service replaces it.</summary>
    public EcsTask StopTask(string cluster, string task, string reason = "Task stopped by user")
    {
        var c = DescribeCluster(cluster);
        var t = FindTask(c, task);
        Stop(t, reason, "UserInitiated");
        Settle();
        return t;
    }

    /// <summary>Tasks of a cluster that are not stopped (optionally of one service).</summary>
    public IReadOnlyList<EcsTask> ListTasks(string cluster = "default", string? serviceName = null)
        => DescribeCluster(cluster)._tasks.Where(t => t.LastStatus != "STOPPED" && (serviceName is null || t.ServiceName == serviceName)).ToList();

    /// <summary>One task by ARN or id.</summary>
    public EcsTask DescribeTask(string cluster, string task) => FindTask(DescribeCluster(cluster), task);

    /// <summary>
    /// Interrupts a Fargate Spot task now: it gets the two-minute warning (desired status STOPPED, an event), then stops with
    /// stop code <c>SpotInterruption</c>; a service starts a replacement at the warning.
    /// </summary>
    public void InterruptSpotTask(string cluster, string task)
    {
        var t = FindTask(DescribeCluster(cluster), task);
        if (t.CapacityProviderName != "FARGATE_SPOT") throw new AwsValidationException("task", t.TaskId, "is not a Fargate Spot task");
        SpotWarning(t);
        Settle();
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
        ValidateDeployment(request.MinimumHealthyPercent, request.MaximumPercent);
        var (launchType, providers) = LaunchTypeOf(request.LaunchType, request.CapacityProviderStrategy, td);
        var strategies = request.PlacementStrategy ?? (launchType == "EC2" ? PlacementStrategy.ServiceDefault : []);
        for (var i = 0; i < strategies.Count; i++) strategies[i].Validate($"placementStrategy[{i}]");
        Compile(request.PlacementConstraints, launchType, request.PlacementStrategy);
        var s = new Service(request.ServiceName, $"arn:aws:ecs:{_aws.Region}:{_aws.AccountId}:service/{c.ClusterName}/{request.ServiceName}", c, td, request.DesiredCount, launchType)
        {
            MinimumHealthyPercent = request.MinimumHealthyPercent,
            MaximumPercent = request.MaximumPercent,
            PlacementStrategy = strategies,
            PlacementConstraints = request.PlacementConstraints ?? [],
            CapacityProviderStrategy = providers,
        };
        c._services[s.ServiceName] = s;
        MarkDirty(s);
        Settle();
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
        ValidateDeployment(min, max);
        s.MinimumHealthyPercent = min;
        s.MaximumPercent = max;
        if (taskDefinition is not null)
        {
            var td = DescribeTaskDefinition(taskDefinition);
            if (td.TaskDefinitionArn != s.TaskDefinition.TaskDefinitionArn)
            {
                LaunchTypeOf(s.CapacityProviderStrategy.Count > 0 ? null : s.LaunchType, s.CapacityProviderStrategy.Count > 0 ? s.CapacityProviderStrategy : null, td);
                s.TaskDefinition = td;
                s._failedStarts = 0;
                s._events.Add($"(service {s.ServiceName}) has started a deployment of {td.FamilyRevision}.");
            }
        }
        MarkDirty(s);
        Settle();
        return s;
    }

    /// <summary>Deletes a service: its desired count goes to 0 and its tasks stop.</summary>
    public void DeleteService(string cluster, string service)
    {
        var s = DescribeService(cluster, service);
        s.DesiredCount = 0;
        foreach (var t in s.Tasks) Stop(t, "Service deleted", "ServiceSchedulerInitiated");
        s.Status = "INACTIVE";
        Settle();
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
            foreach (var i in c._instances.Where(i => i.Status != "INACTIVE")) BillInstance(i, _aws.Clock.Now);
            foreach (var t in c._tasks.Where(t => t.LaunchType == "FARGATE" && t.LastStatus != "STOPPED")) BillFargate(t, _aws.Clock.Now);
        }
    }

    /// <summary>The cluster as SVG: instances sized by CPU (width) and memory (height), tasks as filled blocks.</summary>
    public string RenderCluster(string cluster = "default", string? title = null) => ClusterPicture.Svg(DescribeCluster(cluster), title);

    // ---------------------------------------------------------------- internals

    private sealed class TaskExtras
    {
        public IReadOnlyList<PlacementStrategy> Strategies = [];
        public IReadOnlyList<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)> Constraints = [];
        public List<string> ContainerArns = new();
        public string? Eni;
        public string? Ip;
        public ScheduledWork? Interruption;
    }

    private (string LaunchType, IReadOnlyList<CapacityProviderStrategyItem> Providers) LaunchTypeOf(string? launchType, IReadOnlyList<CapacityProviderStrategyItem>? strategy, TaskDefinition td)
    {
        if (launchType is not null && strategy is { Count: > 0 })
        {
            throw new AwsException("InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported.");
        }
        IReadOnlyList<CapacityProviderStrategyItem> providers = [];
        if (strategy is { Count: > 0 })
        {
            foreach (var p in strategy)
            {
                Validate.OneOf("capacityProviderStrategy.capacityProvider", p.CapacityProvider, "FARGATE", "FARGATE_SPOT");
                Validate.Range("capacityProviderStrategy.weight", p.Weight, 0, 1000);
                Validate.Range("capacityProviderStrategy.base", p.Base, 0, 100_000);
            }
            if (strategy.Count(p => p.Base > 0) > 1) throw new AwsValidationException("capacityProviderStrategy.base", "more than one", "only one capacity provider in a strategy can have a base");
            if (strategy.All(p => p.Weight == 0 && p.Base == 0)) throw new AwsValidationException("capacityProviderStrategy.weight", "0", "at least one provider must have a weight above 0");
            providers = strategy;
            launchType = "FARGATE";
        }
        launchType ??= "EC2";
        Validate.OneOf("launchType", launchType, "EC2", "FARGATE");
        var compat = td.RequiresCompatibilities.Count == 0 ? ["EC2"] : td.RequiresCompatibilities;
        if (!compat.Contains(launchType))
        {
            throw new AwsException("InvalidParameterException", $"Task definition does not support launch_type {launchType}.");
        }
        if (providers.Any(p => p.CapacityProvider == "FARGATE_SPOT") && td.CpuArchitecture == "ARM64")
        {
            FargatePricing.KeyPrefix(Architecture.Arm64, spot: true); // throws: Spot is x86_64 only
        }
        return (launchType, providers);
    }

    private static IReadOnlyList<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)> Compile(IReadOnlyList<PlacementConstraint>? constraints, string launchType, IReadOnlyList<PlacementStrategy>? strategies)
    {
        if (launchType == "FARGATE" && (constraints is { Count: > 0 } || strategies is { Count: > 0 }))
        {
            throw new AwsException("InvalidParameterException", "Task placement strategies and constraints are not supported for the FARGATE launch type.");
        }
        if (constraints is null) return [];
        if (constraints.Count > 10) throw new AwsValidationException("placementConstraints", constraints.Count.ToString(CultureInfo.InvariantCulture), "at most 10 constraints");
        var list = new List<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)>();
        for (var i = 0; i < constraints.Count; i++)
        {
            constraints[i].Validate($"placementConstraints[{i}]");
            list.Add((constraints[i], constraints[i].Type == "memberOf" ? ClusterQuery.Parse(constraints[i].Expression) : null));
        }
        return list;
    }

    private static void ValidateDeployment(int min, int max)
    {
        Validate.Range("deploymentConfiguration.minimumHealthyPercent", min, 0, 100, "percent");
        Validate.Range("deploymentConfiguration.maximumPercent", max, Math.Max(100, min), 400, "percent");
    }

    /// <summary>
    /// The capacity provider for the next task: the one with a base until its base is met, then the one furthest below
    /// its weighted share (ties: the first listed).
    /// </summary>
    private static string? ChooseProvider(IReadOnlyList<CapacityProviderStrategyItem> providers, Func<string, int> countOf)
    {
        if (providers.Count == 0) return null;
        var withBase = providers.FirstOrDefault(p => p.Base > 0);
        if (withBase is not null && countOf(withBase.CapacityProvider) < withBase.Base) return withBase.CapacityProvider;
        return providers.Where(p => p.Weight > 0)
            .OrderBy(p => (countOf(p.CapacityProvider) - (p == withBase ? p.Base : 0)) / (double)p.Weight)
            .First().CapacityProvider;
    }

    private (EcsTask? Task, Failure? Failure) Launch(Cluster c, TaskDefinition td, string launchType, string? provider, string group, string? startedBy, Service? service,
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
            task.AvailabilityZone = AvailabilityZones[_azTurn++ % AvailabilityZones.Count];
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
        _aws.Clock.ScheduleAfter(Options.TaskStartDelay, () => BecomeRunning(task), "ecs: task " + task.TaskId[..8] + " running");
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
                Settle();
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
            _aws.Clock.ScheduleAfter(Options.HealthGracePeriod, () => { MarkDirty(s); Settle(); }, "ecs: task healthy");
        }
        if (task.CapacityProviderName == "FARGATE_SPOT" && Options.SpotInterruptionsPerTaskHour > 0)
        {
            var hours = -Math.Log(1 - _spot.NextDouble()) / Options.SpotInterruptionsPerTaskHour;
            var warnAt = now + TimeSpan.FromHours(Math.Min(hours, 24 * 365));
            _extras[task].Interruption = _aws.Clock.Schedule(warnAt, () => { SpotWarning(task); Settle(); }, "ecs: spot interruption warning");
        }
    }

    private void SpotWarning(EcsTask task)
    {
        if (task.LastStatus == "STOPPED" || task.DesiredStatus == "STOPPED") return;
        task.DesiredStatus = "STOPPED";
        task.StoppedReason = "Your Spot Task was interrupted.";
        task.StopCode = "SpotInterruption";
        task.Version++;
        Publish(task);
        if (FindService(task) is { } s) MarkDirty(s);
        _aws.Clock.ScheduleAfter(Options.SpotWarning, () => { Stop(task, "Your Spot Task was interrupted.", "SpotInterruption"); Settle(); }, "ecs: spot task stopped");
    }

    private void Stop(EcsTask task, string reason, string stopCode)
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
        if (FindService(task) is { } s) MarkDirty(s);
        RetryPending(cluster);
    }

    private void Retire(Cluster c, ContainerInstance inst, string reason, string stopCode, string note)
    {
        inst.Status = "INACTIVE";
        foreach (var t in inst._tasks.ToList()) Stop(t, reason, stopCode);
        BillInstance(inst, _aws.Clock.Now, note);
        inst._stoppedAt = _aws.Clock.Now;
        AfterCapacityChange(c);
    }

    private void AfterCapacityChange(Cluster c)
    {
        foreach (var s in c._services.Values.Where(s => s.Status == "ACTIVE")) MarkDirty(s);
        RetryPending(c);
        Settle();
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

    private void MarkDirty(Service s) => _dirty.Add(s);

    /// <summary>Runs the service scheduler until every service is settled (re-entrant calls just mark more work).</summary>
    private void Settle()
    {
        if (_reconciling) return;
        _reconciling = true;
        try
        {
            var rounds = 0;
            while (_dirty.Count > 0 && rounds++ < 10_000)
            {
                var s = _dirty.First();
                _dirty.Remove(s);
                Reconcile(s);
            }
        }
        finally
        {
            _reconciling = false;
        }
    }

    private void Reconcile(Service s)
    {
        if (s.Status != "ACTIVE") return;
        var now = _aws.Clock.Now;
        var grace = Options.HealthGracePeriod;
        var n = s.DesiredCount;
        var maxTotal = (int)Math.Floor(n * s.MaximumPercent / 100.0);
        var minHealthy = (int)Math.Ceiling(n * s.MinimumHealthyPercent / 100.0);
        var started = new List<EcsTask>();
        bool IsCurrent(EcsTask t) => t.TaskDefinitionArn == s.TaskDefinition.TaskDefinitionArn && t.ContainerInstance?.Status != "DRAINING";
        while (true)
        {
            var active = s.Cluster._tasks.Where(t => t.ServiceName == s.ServiceName && t.DesiredStatus == "RUNNING").ToList();
            var current = active.Where(IsCurrent).ToList();
            var old = active.Where(t => !IsCurrent(t)).ToList();
            var healthy = active.Count(t => t.IsHealthy(now, grace));
            var changed = false;

            // 1. Old tasks (previous revision, or on a draining instance) go while enough healthy tasks remain.
            foreach (var t in old.OrderBy(t => t.IsHealthy(now, grace)).ThenBy(t => t._index))
            {
                var isHealthy = t.IsHealthy(now, grace);
                if (isHealthy && healthy - 1 < minHealthy && current.Count(x => x.IsHealthy(now, grace)) < n) continue;
                Stop(t, t.ContainerInstance?.Status == "DRAINING" ? "Container instance is draining" : $"Deployment of {s.TaskDefinition.FamilyRevision}: replaced", "ServiceSchedulerInitiated");
                if (isHealthy) healthy--;
                changed = true;
                break;
            }
            if (changed) continue;

            // 2. Scale in: too many current tasks (unplaced first, then starting, then the newest running).
            if (current.Count > n)
            {
                var victim = current.OrderBy(t => t.ContainerInstance is null && t.LaunchType == "EC2" ? 0 : t.LastStatus == "RUNNING" ? 2 : 1).ThenByDescending(t => t._index).First();
                Stop(victim, "Scaling activity initiated by (deployment)", "ServiceSchedulerInitiated");
                continue;
            }

            // 3. Start current tasks up to the desired count, never above maximumPercent of it in total.
            if (current.Count < n && active.Count < Math.Max(maxTotal, 1) && s._failedStarts < Options.MaxConsecutiveFailedStarts)
            {
                var provider = ChooseProvider(s.CapacityProviderStrategy, p => active.Count(t => t.CapacityProviderName == p));
                var constraints = Compile(s.PlacementConstraints, s.LaunchType, null);
                var (task, _) = Launch(s.Cluster, s.TaskDefinition, s.LaunchType, provider, s.Group, "ecs-svc/" + s.ServiceName, s, s.PlacementStrategy, constraints, keepUnplaced: true);
                if (task is not null) started.Add(task);
                continue;
            }
            break;
        }
        if (started.Count > 0)
        {
            s._events.Add($"(service {s.ServiceName}) has started {started.Count} tasks: {string.Join(" ", started.Select(t => $"(task {t.TaskId})"))}.");
        }
        if (s._failedStarts >= Options.MaxConsecutiveFailedStarts && !s._events.LastOrDefault("").Contains("unable to consistently start", StringComparison.Ordinal))
        {
            s._events.Add($"(service {s.ServiceName}) is unable to consistently start tasks successfully.");
        }
        var all = s.Tasks;
        if (all.Count == n && all.All(t => IsCurrent(t) && t.IsHealthy(now, grace)) && !s._events.LastOrDefault("").EndsWith("has reached a steady state.", StringComparison.Ordinal))
        {
            s._events.Add($"(service {s.ServiceName}) has reached a steady state.");
        }
    }

    private Service? FindService(EcsTask t)
    {
        if (t.ServiceName is null) return null;
        var c = _clusters.Values.First(c => c.ClusterArn == t.ClusterArn);
        return c._services.TryGetValue(t.ServiceName, out var s) && s.Status == "ACTIVE" ? s : null;
    }

    private void BillInstance(ContainerInstance inst, DateTimeOffset until, string? note = null)
    {
        var total = ComputeBilling.BilledSeconds(until - inst.RegisteredAt);
        var delta = total - inst._billedSeconds;
        if (delta <= 0) return;
        inst._billedSeconds = total;
        _billing.ChargeInstance(inst.InstanceType, spot: false, delta, $"{inst.InstanceType.Name} on-demand Linux ({inst.Ec2InstanceId})", note ?? "per second, 60 s minimum");
    }

    private void BillFargate(EcsTask t, DateTimeOffset until)
    {
        var total = ComputeBilling.BilledSeconds(until - t.PullStartedAt!.Value);
        var delta = total - t._billedSeconds;
        if (delta <= 0) return;
        t._billedSeconds = total;
        var td = t.TaskDefinition;
        var arch = td.CpuArchitecture == "ARM64" ? Architecture.Arm64 : Architecture.X86_64;
        _billing.ChargeFargate(new FargateTask(td.RequiredCpu, td.RequiredMemory, arch, t.CapacityProviderName == "FARGATE_SPOT", td.EphemeralStorageGiB), delta, "task " + t.TaskId[..8]);
    }

    private void Publish(EcsTask t)
    {
        var wanted = EventPublisher is { } bus && bus.Wants(EcsTaskStateChangeEvent.EventSource);
        if (!wanted && !Options.RecordEvents)
        {
            // Nobody wants it: build nothing, but draw its id so every later id is the same as when it is built.
            if (EventPublisher is not null) Guid();
            return;
        }
        var e = ToEvent(t);
        if (Options.RecordEvents)
        {
            if (_events.Count == Options.RecordedEventCapacity) _events.Dequeue();
            _events.Enqueue(e);
        }
        if (wanted) EventPublisher!.Publish(e.ToEventBridgeEvent());
    }

    /// <summary>The task's current state as an "ECS Task State Change" event.</summary>
    public EcsTaskStateChangeEvent ToEvent(EcsTask t)
    {
        var now = _aws.Clock.Now;
        var x = _extras[t];
        var fargate = t.LaunchType == "FARGATE";
        var attachmentId = fargate ? DeterministicGuid(t.TaskId) : null;
        return new EcsTaskStateChangeEvent
        {
            Id = Guid(),
            Account = _aws.AccountId,
            Time = EventBridgeEvent.FormatTime(now),
            Region = _aws.Region,
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
                    Cpu = cd.Cpu.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
                CreatedAt = Ms(t.CreatedAt),
                LaunchType = t.LaunchType,
                Cpu = t.Cpu.ToString(CultureInfo.InvariantCulture),
                Memory = t.Memory.ToString(CultureInfo.InvariantCulture),
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
                PlatformVersion = fargate ? Options.FargatePlatformVersion : null,
            },
        };
    }

    private Cluster ClusterOf(EcsTask t)
    {
        foreach (var c in _clusters.Values) if (ReferenceEquals(c.ClusterArn, t.ClusterArn) || c.ClusterArn == t.ClusterArn) return c;
        throw new InvalidOperationException("task without a cluster");
    }

    private static string? Ms(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static ContainerInstance FindInstance(Cluster c, string id)
        => c._instances.FirstOrDefault(i => i.Status != "INACTIVE" && (i.ContainerInstanceArn == id || i.Id == id || i.Ec2InstanceId == id))
           ?? throw new AwsException("InvalidParameterException", $"Container instance not found: {id}");

    private static EcsTask FindTask(Cluster c, string id)
        => c._tasks.FirstOrDefault(t => t.TaskArn == id || t.TaskId == id) ?? throw new AwsException("InvalidParameterException", $"The referenced task was not found: {id}");

    private string Hex(int digits)
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

    private static string DeterministicGuid(string hex32) => $"{hex32[..8]}-{hex32[8..12]}-{hex32[12..16]}-{hex32[16..20]}-{hex32[20..32]}";

    /// <inheritdoc />
    public override string ToString() => $"ECS: {_clusters.Count} clusters, {_families.Count} task definition families";
}
