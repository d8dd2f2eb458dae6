using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Batch;

/// <summary>
/// AWS Batch on the simulated clock: <see cref="CreateComputeEnvironment"/>, <see cref="CreateJobQueue"/>,
/// <see cref="RegisterJobDefinition"/>, <see cref="SubmitJob"/>, then <c>aws.Clock.Advance(...)</c> runs the jobs.
/// Batch itself is free; the EC2 instances (per second, 60 s minimum) and Fargate tasks it runs go on <c>aws.Bill</c>.
/// </summary>
/// <remarks>
/// Facts (aws-facts §8): job states SUBMITTED → PENDING (waiting for dependencies) or RUNNABLE → STARTING → RUNNING →
/// SUCCEEDED (exit 0) | FAILED; retry attempts 1–10 (a failed attempt goes back to RUNNABLE); timeout ≥ 60 s, and a
/// job stopped by its timeout is not retried (SubmitJob API reference); array jobs of 2–10,000 children
/// <c>&lt;jobId&gt;:&lt;index&gt;</c>; up to 20 dependencies, N_TO_N and SEQUENTIAL; a failed dependency fails its
/// dependants. Start-up times and the scale-in delay are the simulator's assumptions (<see cref="Options"/>).
/// </remarks>
[AwsSim.Display.TypeFormatterSource(typeof(AwsSim.Display.HtmlFormatterSource))]
public sealed partial class BatchService
{
    private const string Client = "ClientException";
    private readonly AccountContext _aws;
    private readonly ComputeBilling _billing;
    private readonly Dictionary<string, ComputeEnvironment> _environments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobQueue> _queues = new(StringComparer.Ordinal);
    private readonly List<JobQueue> _queueOrder = new();
    private readonly Dictionary<string, List<JobDefinition>> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<BatchJob> _jobOrder = new();
    private readonly Random _ids;
    private readonly Random _spot;
    private readonly Random _behaviour;
    private long _seq;
    private long _instances;
    private long _tasks;
    private long _events;
    private int _unfinished;
    private bool _passScheduled;

    internal BatchService(AccountContext aws, ComputeBilling billing, IEventPublisher events, BatchOptions? options = null)
    {
        _aws = aws;
        _billing = billing;
        Options = options ?? new();
        EventPublisher = events;
        _ids = new Random(unchecked(aws.Seed * 31 + 17));
        _spot = new Random(unchecked(aws.Seed * 31 + 23));
        _behaviour = new Random(unchecked(aws.Seed * 31 + 29));
    }

    /// <summary>The simulator's timing assumptions (instance start-up, container start, scale-in delay); fixed when the account is built.</summary>
    public BatchOptions Options { get; }

    /// <summary>Where job state-change events go: the account's bus (tests may swap in a recorder).</summary>
    internal IEventPublisher? EventPublisher { get; set; }

    /// <summary>Every compute environment.</summary>
    public IReadOnlyCollection<ComputeEnvironment> ComputeEnvironments => _environments.Values;

    /// <summary>Every job queue, highest priority first.</summary>
    public IReadOnlyList<JobQueue> JobQueues => _queueOrder;

    /// <summary>Every job, array children included, in submission order.</summary>
    public IReadOnlyList<BatchJob> Jobs => _jobOrder;

    // ---------------------------------------------------------------- compute environments

    /// <summary>Creates a managed compute environment; for EC2/SPOT it launches instances for desiredvCpus (or minvCpus).</summary>
    public ComputeEnvironment CreateComputeEnvironment(ComputeEnvironmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = CheckName("computeEnvironmentName", request.ComputeEnvironmentName);
        if (_environments.ContainsKey(name)) throw new AwsException(Client, $"A compute environment named '{name}' already exists.");
        if (request.Type == "FARGATE_SPOT")
        {
            throw new AwsValidationException("computeResources.type", request.Type, "EC2, SPOT or FARGATE in this simulator (the price list has no FARGATE_SPOT price)", Client);
        }
        OneOf("computeResources.type", request.Type, "EC2", "SPOT", "FARGATE");
        Validate.Range("computeResources.maxvCpus", request.MaxvCpus, 1, int.MaxValue, "vCPUs", Client);
        Validate.NonNegative("spotInterruptionsPerInstanceHour", request.SpotInterruptionsPerInstanceHour);
        string? strategy = null;
        IReadOnlyList<PriceEntry> types = [];
        if (request.Type == "FARGATE")
        {
            if (request.MinvCpus != 0) throw new AwsValidationException("computeResources.minvCpus", Inv(request.MinvCpus), "not applicable to Fargate compute environments (leave it 0)", Client);
            if (request.DesiredvCpus is { } d) throw new AwsValidationException("computeResources.desiredvCpus", Inv(d), "not applicable to Fargate compute environments (leave it out)", Client);
            if (request.AllocationStrategy is { } a) throw new AwsValidationException("computeResources.allocationStrategy", a, "not applicable to Fargate compute environments (leave it out)", Client);
        }
        else
        {
            Validate.Range("computeResources.minvCpus", request.MinvCpus, 0, request.MaxvCpus, "vCPUs, at most maxvCpus", Client);
            if (request.DesiredvCpus is { } d) Validate.Range("computeResources.desiredvCpus", d, request.MinvCpus, request.MaxvCpus, "vCPUs, between minvCpus and maxvCpus", Client);
            strategy = request.AllocationStrategy ?? "BEST_FIT";
            OneOf("computeResources.allocationStrategy", strategy, "BEST_FIT", "BEST_FIT_PROGRESSIVE", "SPOT_CAPACITY_OPTIMIZED", "SPOT_PRICE_CAPACITY_OPTIMIZED");
            if (strategy.StartsWith("SPOT_", StringComparison.Ordinal) && request.Type != "SPOT")
            {
                throw new AwsValidationException("computeResources.allocationStrategy", strategy,
                    "SPOT_CAPACITY_OPTIMIZED and SPOT_PRICE_CAPACITY_OPTIMIZED only with type SPOT; EC2 allows BEST_FIT or BEST_FIT_PROGRESSIVE", Client);
            }
            types = ResolveInstanceTypes(request.InstanceTypes);
        }
        var ce = new ComputeEnvironment(request, Arn("compute-environment/" + name), types, strategy);
        _environments.Add(name, ce);
        if (!ce.IsFargate)
        {
            var target = request.DesiredvCpus ?? request.MinvCpus;
            while (ce.LivevCpus < target)
            {
                var cheapest = types.OrderBy(HourlyPrice(ce)).ThenBy(t => t.Key, StringComparer.Ordinal).First();
                Launch(ce, cheapest);
            }
        }
        return ce;
    }

    /// <summary>The environment with this name or ARN.</summary>
    public ComputeEnvironment DescribeComputeEnvironment(string nameOrArn)
        => _environments.GetValueOrDefault(Last(nameOrArn)) ?? throw new AwsException(Client, $"Compute environment '{nameOrArn}' does not exist.");

    /// <summary>
    /// Deletes an environment: its instances are terminated (and billed). It must have no job STARTING or RUNNING.
    /// </summary>
    public void DeleteComputeEnvironment(string nameOrArn)
    {
        var ce = DescribeComputeEnvironment(nameOrArn);
        if (ce.Live.Any(i => i.Jobs.Count > 0) || ce.FargateRunningvCpus > 0)
        {
            throw new AwsException(Client, $"Compute environment '{ce.ComputeEnvironmentName}' still runs jobs; wait for them to finish.");
        }
        foreach (var i in ce.Live.ToList()) Terminate(i, "compute environment deleted");
        ce.Deleted = true;
    }

    // ---------------------------------------------------------------- queues and definitions

    /// <summary>Creates a job queue.</summary>
    public JobQueue CreateJobQueue(JobQueueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = CheckName("jobQueueName", request.JobQueueName);
        if (_queues.ContainsKey(name)) throw new AwsException(Client, $"A job queue named '{name}' already exists.");
        Validate.Range("priority", request.Priority, 0, int.MaxValue, "", Client);
        var order = request.ComputeEnvironmentOrder ?? [];
        Validate.Range("computeEnvironmentOrder", order.Count, 1, 3, "compute environments per queue", Client);
        if (order.Select(o => o.Order).Distinct().Count() != order.Count)
        {
            throw new AwsValidationException("computeEnvironmentOrder.order", string.Join(",", order.Select(o => o.Order)), "each order value once", Client);
        }
        var envs = order.OrderBy(o => o.Order).Select(o => DescribeComputeEnvironment(o.ComputeEnvironment)).ToList();
        if (envs.Select(e => e.IsFargate).Distinct().Count() > 1)
        {
            throw new AwsValidationException("computeEnvironmentOrder", string.Join(",", envs.Select(e => $"{e.ComputeEnvironmentName}({e.Type})")),
                "compute environments of one kind: all EC2/SPOT or all FARGATE, never mixed", Client);
        }
        if (envs.Select(e => Architecture(e)).Distinct().Count() > 1)
        {
            throw new AwsValidationException("computeEnvironmentOrder", string.Join(",", envs.Select(e => e.ComputeEnvironmentName)), "compute environments of one architecture", Client);
        }
        var q = new JobQueue(name, Arn("job-queue/" + name), request.Priority, envs, _seq++);
        _queues.Add(name, q);
        _queueOrder.Add(q);
        _queueOrder.Sort((a, b) => a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority) : a.Seq.CompareTo(b.Seq));
        return q;
    }

    /// <summary>Registers a job definition (a new revision if the name exists).</summary>
    public JobDefinition RegisterJobDefinition(JobDefinitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = CheckName("jobDefinitionName", request.JobDefinitionName);
        if (string.IsNullOrWhiteSpace(request.Image)) throw new AwsValidationException("containerProperties.image", request.Image, "an image name, e.g. busybox or 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1", Client);
        OneOf("platformCapabilities", request.PlatformCapability, "EC2", "FARGATE");
        CheckRetry(request.RetryAttempts);
        CheckTimeout(request.AttemptDurationSeconds);
        Validate.NonNegative("duration", request.Duration.TotalSeconds, "seconds");
        if (request.PlatformCapability == "FARGATE")
        {
            if (!FargateSizes.IsValid(request.Vcpus, request.Memory))
            {
                throw new AwsValidationException("resourceRequirements", $"VCPU={Inv(request.Vcpus)}, MEMORY={Inv(request.Memory)}",
                    "a Fargate size: 0.25 vCPU with 512/1024/2048 MiB, 0.5 with 1–4 GB, 1 with 2–8 GB, 2 with 4–16 GB, 4 with 8–30 GB (1 GB steps), 8 with 16–60 GB (4 GB steps), 16 with 32–120 GB (8 GB steps)", Client);
            }
        }
        else
        {
            if (request.Vcpus < 1 || request.Vcpus != Math.Floor(request.Vcpus))
            {
                throw new AwsValidationException("resourceRequirements.VCPU", Inv(request.Vcpus), "a whole number of vCPUs, at least 1, for EC2 jobs", Client);
            }
            Validate.Range("resourceRequirements.MEMORY", request.Memory, 4, int.MaxValue, "MiB", Client);
        }
        OneOf("runtimePlatform.cpuArchitecture", request.CpuArchitecture, "X86_64", "ARM64");
        if (request.PlatformCapability == "FARGATE")
        {
            Validate.Range("ephemeralStorage.sizeInGiB", request.EphemeralStorageGiB, 20, FargatePricing.MaxEphemeralStorageGiB, "GiB (20 included)", Client);
        }
        else if (request.CpuArchitecture != "X86_64" || request.EphemeralStorageGiB != 20)
        {
            throw new AwsValidationException("runtimePlatform", request.CpuArchitecture, "runtimePlatform and ephemeralStorage are for Fargate job definitions (EC2 jobs take the instance's)", Client);
        }
        var list = _definitions.TryGetValue(name, out var l) ? l : _definitions[name] = new List<JobDefinition>();
        var rev = list.Count + 1;
        var def = new JobDefinition(name, rev, Arn($"job-definition/{name}:{rev}"), request);
        list.Add(def);
        return def;
    }

    // ---------------------------------------------------------------- jobs

    /// <summary>Submits a job (or an array job); it runs as the clock advances.</summary>
    /// <returns>The job (for an array: the parent; its children are in <see cref="BatchJob.Children"/>).</returns>
    public BatchJob SubmitJob(SubmitJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckName("jobName", request.JobName);
        var queue = _queues.GetValueOrDefault(Last(request.JobQueue)) ?? throw new AwsException(Client, $"Job queue '{request.JobQueue}' does not exist.");
        var def = FindDefinition(request.JobDefinition);
        var fargateQueue = queue.ComputeEnvironments[0].IsFargate;
        if (fargateQueue != (def.Request.PlatformCapability == "FARGATE"))
        {
            throw new AwsException(Client, $"Job definition '{def.JobDefinitionName}' is for {def.Request.PlatformCapability} but queue '{queue.JobQueueName}' runs {(fargateQueue ? "FARGATE" : "EC2/SPOT")} compute environments.");
        }
        if (request.ArraySize is { } size) Validate.Range("arrayProperties.size", size, 2, 10_000, "child jobs", Client);
        var deps = request.DependsOn ?? [];
        Validate.Range("dependsOn", deps.Count, 0, 20, "dependencies", Client);
        var resolved = new List<(BatchJob? Job, string? Type)>();
        foreach (var d in deps)
        {
            if (d.Type is not null) OneOf("dependsOn.type", d.Type, "N_TO_N", "SEQUENTIAL");
            if (d.Type == "SEQUENTIAL")
            {
                if (request.ArraySize is null) throw new AwsValidationException("dependsOn.type", d.Type, "SEQUENTIAL only on an array job", Client);
                if (d.JobId is not null) throw new AwsValidationException("dependsOn.jobId", d.JobId, "no jobId with SEQUENTIAL (it orders the array's own children)", Client);
                resolved.Add((null, "SEQUENTIAL"));
                continue;
            }
            var target = d.JobId is null ? throw new AwsValidationException("dependsOn.jobId", null, "the id of a submitted job", Client)
                : _jobs.GetValueOrDefault(d.JobId) ?? throw new AwsException(Client, $"Dependency '{d.JobId}' is not a known job.");
            if (d.Type == "N_TO_N")
            {
                if (request.ArraySize is null || target.ArraySize != request.ArraySize)
                {
                    throw new AwsValidationException("dependsOn.type", "N_TO_N", $"an array job depending on an array job of the same size (this size {(request.ArraySize?.ToString(CultureInfo.InvariantCulture) ?? "none")}, {target.JobId} size {(target.ArraySize?.ToString(CultureInfo.InvariantCulture) ?? "none")})", Client);
                }
            }
            resolved.Add((target, d.Type));
        }
        var retry = request.RetryAttempts ?? def.Request.RetryAttempts;
        CheckRetry(retry);
        var timeout = request.AttemptDurationSeconds ?? def.Request.AttemptDurationSeconds;
        CheckTimeout(timeout);
        if (request.Duration is { } dur) Validate.NonNegative("duration", dur.TotalSeconds, "seconds");

        var now = _aws.Clock.Now;
        var id = NewGuid();
        var job = NewJob(id, request, queue, def, retry, timeout, now);
        job.DependsOn = deps.ToList();
        var created = new List<BatchJob> { job };
        if (request.ArraySize is { } n)
        {
            job.ArraySize = n;
            for (var i = 0; i < n; i++)
            {
                var child = NewJob($"{id}:{i}", request, queue, def, retry, timeout, now);
                child.ArrayIndex = i;
                child.Parent = job;
                child.Environment = new Dictionary<string, string> { ["AWS_BATCH_JOB_ARRAY_INDEX"] = i.ToString(CultureInfo.InvariantCulture) };
                job.ChildList.Add(child);
                created.Add(child);
            }
            for (var i = 0; i < n; i++)
            {
                var child = job.ChildList[i];
                foreach (var (target, type) in resolved)
                {
                    if (type == "SEQUENTIAL") { if (i > 0) Depend(child, job.ChildList[i - 1]); }
                    else if (type == "N_TO_N") Depend(child, target!.ChildList[i]);
                    else Depend(child, target!);
                }
            }
        }
        else
        {
            foreach (var (target, _) in resolved) Depend(job, target!);
        }
        foreach (var j in created) SetStatus(j, BatchJobStatus.Submitted, null);
        _aws.Clock.Schedule(now, () =>
        {
            foreach (var j in created) Evaluate(j);
        }, $"batch: evaluate {job.JobName}");
        return job;
    }

    /// <summary>The job with this id (array children: <c>&lt;id&gt;:&lt;index&gt;</c>).</summary>
    public BatchJob DescribeJob(string jobId)
        => _jobs.GetValueOrDefault(jobId) ?? throw new AwsException(Client, $"Job '{jobId}' does not exist.");

    /// <summary>The jobs in a queue (optionally only those in <paramref name="status"/>), array parents and children included.</summary>
    public IReadOnlyList<BatchJob> ListJobs(string jobQueue, string? status = null)
    {
        var q = _queues.GetValueOrDefault(Last(jobQueue)) ?? throw new AwsException(Client, $"Job queue '{jobQueue}' does not exist.");
        if (status is not null) OneOf("jobStatus", status, BatchJobStatus.All.ToArray());
        return _jobOrder.Where(j => j.Queue == q && (status is null || j.Status == status)).ToList();
    }

    /// <summary>
    /// Advances the clock until every job is SUCCEEDED or FAILED and idle instances have scaled in down to minvCpus
    /// (or until <paramref name="limit"/> of simulated time has passed). Returns the simulated time it took.
    /// </summary>
    /// <remarks>
    /// It stops as soon as Batch is quiet, not when the clock's queue is empty: cancelled timers (such as the Spot
    /// interruption of an instance that was already scaled in) and other services' work are left for later.
    /// </remarks>
    public TimeSpan RunToCompletion(TimeSpan? limit = null)
    {
        var clock = _aws.Clock;
        var start = clock.Now;
        var until = start + (limit ?? TimeSpan.FromDays(30));
        clock.RunDue();
        while (!IsQuiet() && clock.NextDue is { } next && next <= until) clock.AdvanceTo(next);
        return clock.Now - start;
    }

    /// <summary>True when every job is done and no instance can scale in any more.</summary>
    public bool IsQuiet()
        => _unfinished == 0
           && _environments.Values.All(ce => ce.Live.Count == 0 || ce.LivevCpus - ce.Live.Min(i => i.Vcpus) < ce.Request.MinvCpus);

    /// <summary>What the job would look like as a "Batch Job State Change" event right now.</summary>
    public BatchJobStateChangeEvent ToEvent(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new BatchJobStateChangeEvent
        {
            Id = NewEventId(),
            Account = _aws.AccountId,
            Region = _aws.Region,
            Time = EventBridgeEvent.FormatTime(_aws.Clock.Now),
            Resources = [job.JobArn],
            Detail = Detail(job),
        };
    }

    // ---------------------------------------------------------------- lifecycle

    private BatchJob NewJob(string id, SubmitJobRequest r, JobQueue q, JobDefinition def, int retry, int? timeout, DateTimeOffset now)
    {
        var job = new BatchJob(id, r.JobName, Arn("job/" + id), q, def, _seq++)
        {
            CreatedAt = now,
            RetryAttempts = retry,
            AttemptDurationSeconds = timeout,
            Parameters = r.Parameters,
        };
        job.Behavior = r.Behavior ?? def.Request.Behavior;
        job.Duration = r.Duration ?? def.Request.Duration;
        job.ExitCodeToReturn = r.ExitCode ?? def.Request.ExitCode;
        _jobs.Add(id, job);
        _jobOrder.Add(job);
        _unfinished++;
        return job;
    }

    private static void Depend(BatchJob dependent, BatchJob on)
    {
        if (on.Status == BatchJobStatus.Failed) { dependent.DependencyFailed = true; return; }
        if (on.Status == BatchJobStatus.Succeeded) return;
        on.Dependents.Add(dependent);
        dependent.UnfinishedDependencies++;
    }

    private void Evaluate(BatchJob job)
    {
        if (job.Status != BatchJobStatus.Submitted) return;
        if (job.ArraySize is not null) { SetStatus(job, BatchJobStatus.Pending, null); return; }
        if (job.DependencyFailed) { Finish(job, BatchJobStatus.Failed, DependencyFailedReason); return; }
        if (job.UnfinishedDependencies > 0) { SetStatus(job, BatchJobStatus.Pending, null); return; }
        MakeRunnable(job, null);
    }

    // The simulator's wording; AWS's exact text for this reason is not in the fact sheet.
    private const string DependencyFailedReason = "Dependent Job failed";

    private void MakeRunnable(BatchJob job, string? reason)
    {
        SetStatus(job, BatchJobStatus.Runnable, reason);
        job.Queue.Runnable.Add(job);
        RequestPass();
    }

    private void Finish(BatchJob first, string status, string? reason)
    {
        var work = new Queue<(BatchJob Job, string Status, string? Reason)>();
        work.Enqueue((first, status, reason));
        while (work.Count > 0)
        {
            var (job, st, why) = work.Dequeue();
            if (job.IsDone) continue;
            job.Queue.Runnable.Remove(job);
            job.StoppedAt = _aws.Clock.Now;
            SetStatus(job, st, why);
            var failed = st == BatchJobStatus.Failed;
            foreach (var d in job.Dependents)
            {
                if (d.IsDone) continue;
                if (failed)
                {
                    if (d.Status == BatchJobStatus.Submitted) d.DependencyFailed = true;
                    else work.Enqueue((d, BatchJobStatus.Failed, DependencyFailedReason));
                }
                else if (--d.UnfinishedDependencies == 0 && d.Status == BatchJobStatus.Pending && !d.DependencyFailed)
                {
                    MakeRunnable(d, null);
                }
            }
            if (job.Parent is { } parent)
            {
                parent.ChildrenDone++;
                if (failed) parent.ChildFailed = true;
                if (parent.ChildrenDone == parent.ArraySize)
                {
                    work.Enqueue(parent.ChildFailed
                        ? (parent, BatchJobStatus.Failed, "Array Child Job failed")
                        : (parent, BatchJobStatus.Succeeded, null));
                }
            }
        }
    }

    private void SetStatus(BatchJob job, string status, string? reason)
    {
        var wasDone = job.IsDone;
        job.Status = status;
        if (!wasDone && job.IsDone) _unfinished--;
        job.StatusReason = reason;
        job.HistoryList.Add(new JobStatusChange(_aws.Clock.Now, status, reason));
        if (EventPublisher is not { } bus) return;
        if (!bus.Wants(BatchJobStateChangeEvent.EventSource))
        {
            _events++; // nobody wants it: build nothing, but keep the id sequence as if it were built
        }
        else
        {
            var e = ToEvent(job);
            bus.Publish(new EventBridgeEvent
            {
                Id = e.Id!,
                DetailType = e.DetailType!,
                Source = e.Source!,
                Account = e.Account!,
                Time = e.Time!,
                Region = e.Region!,
                Resources = e.Resources!,
                Detail = JsonSerializer.SerializeToElement(e.Detail, AwsJson.Options),
            });
        }
    }

    // ---------------------------------------------------------------- scheduling

    private void RequestPass()
    {
        if (_passScheduled) return;
        _passScheduled = true;
        _aws.Clock.Schedule(_aws.Clock.Now, Pass, "batch: scheduling pass");
    }

    private enum Placement { None, Reserved, Placed }

    private void Pass()
    {
        _passScheduled = false;
        var booting = new Dictionary<BatchInstance, (double Vcpus, int Memory)>();
        var placed = new List<BatchJob>();
        var noFit = new HashSet<(double Vcpus, int Memory)>();
        foreach (var queue in _queueOrder)
        {
            if (queue.Runnable.Count == 0) continue;
            placed.Clear();
            noFit.Clear();
            var misses = 0;
            foreach (var job in queue.Runnable)
            {
                // Capacity only shrinks during a pass: a size that found no room finds none later in it (linear passes).
                var result = noFit.Contains((job.Vcpus, job.Memory)) ? Placement.None : TryPlace(job, queue, booting);
                if (result == Placement.None) noFit.Add((job.Vcpus, job.Memory));
                if (result == Placement.Placed) placed.Add(job);
                else if (result == Placement.None && ++misses > Options.LookAhead) break;
            }
            foreach (var j in placed) queue.Runnable.Remove(j);
        }
    }

    private Placement TryPlace(BatchJob job, JobQueue queue, Dictionary<BatchInstance, (double Vcpus, int Memory)> booting)
    {
        foreach (var ce in queue.ComputeEnvironments)
        {
            if (ce.Deleted) continue;
            if (ce.IsFargate)
            {
                if (ce.FargateRunningvCpus + job.Vcpus <= ce.Request.MaxvCpus) { StartOnFargate(job, ce); return Placement.Placed; }
                continue;
            }
            BatchInstance? best = null;
            foreach (var i in ce.Live)
            {
                if (!i.Ready || i.FreeVcpus < job.Vcpus || i.MemoryMiB - i.UsedMemory < job.Memory) continue;
                // Best fit: the instance left with the least free vCPUs, so the others stay free to scale in.
                if (best is null || i.FreeVcpus < best.FreeVcpus) best = i;
            }
            if (best is not null) { StartOnInstance(job, best); return Placement.Placed; }
            foreach (var i in ce.Live)
            {
                if (i.Ready) continue;
                var free = booting.TryGetValue(i, out var f) ? f : (i.Vcpus, i.MemoryMiB);
                if (free.Item1 >= job.Vcpus && free.Item2 >= job.Memory)
                {
                    booting[i] = (free.Item1 - job.Vcpus, free.Item2 - job.Memory);
                    return Placement.Reserved;
                }
            }
            if (ChooseInstanceType(ce, job.Vcpus, job.Memory) is { } type)
            {
                var inst = Launch(ce, type);
                booting[inst] = (inst.Vcpus - job.Vcpus, inst.MemoryMiB - job.Memory);
                return Placement.Reserved;
            }
        }
        return Placement.None;
    }

    /// <summary>
    /// Which instance type the allocation strategy launches for a job of this size now, or null when it must wait.
    /// BEST_FIT: the cheapest type that fits, never above maxvCpus. BEST_FIT_PROGRESSIVE: the lowest cost per vCPU that
    /// stays within maxvCpus, else (while below maxvCpus) the cheapest that fits, exceeding it by at most one instance.
    /// SPOT_CAPACITY_OPTIMIZED: the fitting type whose Spot pool is least likely to be interrupted;
    /// SPOT_PRICE_CAPACITY_OPTIMIZED: lowest price × interruption likelihood (both may exceed maxvCpus by one instance).
    /// </summary>
    public PriceEntry? ChooseInstanceType(ComputeEnvironment ce, double vcpus, int memoryMiB)
    {
        ArgumentNullException.ThrowIfNull(ce);
        var fitting = ce.InstanceTypes.Where(t => Vcpu(t) >= vcpus && MemMiB(t) >= memoryMiB).ToList();
        if (fitting.Count == 0) return null;
        var cur = ce.LivevCpus;
        var max = ce.Request.MaxvCpus;
        var price = HourlyPrice(ce);
        switch (ce.AllocationStrategy)
        {
            case "BEST_FIT":
            {
                var t = fitting.OrderBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).First();
                return cur + Vcpu(t) <= max ? t : null;
            }
            case "BEST_FIT_PROGRESSIVE":
            {
                var within = fitting.Where(t => cur + Vcpu(t) <= max).OrderBy(t => price(t) / Vcpu(t)).ThenBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault();
                if (within is not null) return within;
                return cur < max ? fitting.OrderBy(price).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
            }
            case "SPOT_CAPACITY_OPTIMIZED":
                return cur < max ? fitting.OrderBy(InterruptionFactor).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
            default: // SPOT_PRICE_CAPACITY_OPTIMIZED
                return cur < max ? fitting.OrderBy(t => price(t) * (decimal)InterruptionFactor(t)).ThenBy(t => t.Key, StringComparer.Ordinal).First() : null;
        }
    }

    private BatchInstance Launch(ComputeEnvironment ce, PriceEntry type)
    {
        var now = _aws.Clock.Now;
        var inst = new BatchInstance(ce, "i-" + (++_instances).ToString("x17", CultureInfo.InvariantCulture), type, ce.Type == "SPOT", now, now + Options.InstanceStartup);
        ce.InstanceList.Add(inst);
        ce.Live.Add(inst);
        ce.LivevCpus += inst.Vcpus;
        ce.PeakvCpus = Math.Max(ce.PeakvCpus, ce.LivevCpus);
        _aws.Clock.Schedule(inst.ReadyAt, () =>
        {
            if (inst.TerminatedAt is not null) return;
            inst.Ready = true;
            inst.IdleSince = _aws.Clock.Now;
            ScheduleIdleCheck(inst);
            RequestPass();
        }, $"batch: {inst.InstanceId} ready");
        var rate = ce.Request.SpotInterruptionsPerInstanceHour * InterruptionFactor(type);
        if (inst.IsSpot && rate > 0)
        {
            var hours = -Math.Log(1 - _spot.NextDouble()) / rate;
            inst.Interruption = _aws.Clock.Schedule(now + TimeSpan.FromHours(Math.Min(hours, 24 * 365)), () => Interrupt(inst), $"batch: Spot interruption of {inst.InstanceId}");
        }
        return inst;
    }

    private void StartOnInstance(BatchJob job, BatchInstance inst)
    {
        inst.UsedVcpus += job.Vcpus;
        inst.UsedMemory += job.Memory;
        inst.Jobs.Add(job);
        job.Slot = Array.IndexOf(inst.Slots, false);
        if (job.Slot >= 0) inst.Slots[job.Slot] = true;
        job.Instance = inst;
        job.RunningOn = inst.Environment;
        Start(job, Options.ContainerStart);
    }

    private void StartOnFargate(BatchJob job, ComputeEnvironment ce)
    {
        ce.FargateRunningvCpus += job.Vcpus;
        ce.PeakvCpus = Math.Max(ce.PeakvCpus, ce.FargateRunningvCpus);
        var lane = ce.FargateLanes.IndexOf(false);
        if (lane < 0) { lane = ce.FargateLanes.Count; ce.FargateLanes.Add(true); } else ce.FargateLanes[lane] = true;
        job.Slot = lane;
        job.Instance = null;
        job.RunningOn = ce;
        job.TaskId = "task-" + (++_tasks).ToString("x8", CultureInfo.InvariantCulture);
        Start(job, Options.FargateTaskStart);
    }

    private void Start(BatchJob job, TimeSpan startup)
    {
        job.AttemptStarting = _aws.Clock.Now;
        job.AttemptRunning = null;
        SetStatus(job, BatchJobStatus.Starting, null);
        job.NextStep = _aws.Clock.ScheduleAfter(startup, () => BeginRunning(job), $"batch: {job.JobId} running");
    }

    private void BeginRunning(BatchJob job)
    {
        var now = _aws.Clock.Now;
        job.AttemptRunning = now;
        job.StartedAt ??= now;
        if (job.Parent is { } p) p.StartedAt ??= now;
        SetStatus(job, BatchJobStatus.Running, null);
        var ctx = new BatchAttemptContext(job.JobId, job.JobName, job.ArrayIndex, job.AttemptList.Count + 1, job.Environment, _behaviour);
        var outcome = job.Behavior?.Invoke(ctx) ?? new BatchJobOutcome(job.Duration, job.ExitCodeToReturn);
        var runFor = outcome.Duration < TimeSpan.Zero ? TimeSpan.Zero : outcome.Duration;
        job.TimedOut = job.AttemptDurationSeconds is { } t && runFor > TimeSpan.FromSeconds(t);
        if (job.TimedOut) runFor = TimeSpan.FromSeconds(job.AttemptDurationSeconds!.Value);
        job.PendingExit = outcome.ExitCode;
        job.NextStep = _aws.Clock.ScheduleAfter(runFor, () => EndAttempt(job), $"batch: {job.JobId} exits");
    }

    private void EndAttempt(BatchJob job)
    {
        var host = Release(job);
        if (job.TimedOut)
        {
            // A job stopped by its timeout is not retried (SubmitJob API reference).
            Record(job, host, null, TimeoutReason);
            Finish(job, BatchJobStatus.Failed, TimeoutReason);
        }
        else
        {
            Record(job, host, job.PendingExit, ExitReason);
            if (job.PendingExit == 0) Finish(job, BatchJobStatus.Succeeded, ExitReason);
            else Retry(job, ExitReason);
        }
        RequestPass();
    }

    private const string ExitReason = "Essential container in task exited";
    private const string TimeoutReason = "Job attempt duration exceeded timeout";

    private void Retry(BatchJob job, string reason)
    {
        if (job.AttemptList.Count < job.RetryAttempts) MakeRunnable(job, reason);
        else Finish(job, BatchJobStatus.Failed, reason);
    }

    private void Record(BatchJob job, string host, int? exit, string reason)
        => job.AttemptList.Add(new BatchJobAttempt(job.AttemptList.Count + 1, job.RunningOn!.ComputeEnvironmentName, host, job.Slot,
            job.AttemptStarting, job.AttemptRunning, _aws.Clock.Now, exit, reason));

    private string Release(BatchJob job)
    {
        var ce = job.RunningOn!;
        job.NextStep = null;
        if (job.Instance is { } inst)
        {
            inst.UsedVcpus -= job.Vcpus;
            inst.UsedMemory -= job.Memory;
            if (job.Slot >= 0) inst.Slots[job.Slot] = false;
            inst.Jobs.Remove(job);
            job.Instance = null;
            if (inst.Jobs.Count == 0 && inst.TerminatedAt is null)
            {
                inst.IdleSince = _aws.Clock.Now;
                ScheduleIdleCheck(inst);
            }
            return inst.InstanceId;
        }
        ce.FargateRunningvCpus -= job.Vcpus;
        ce.FargateLanes[job.Slot] = false;
        BillFargate(job, ce);
        return job.TaskId!;
    }

    private void ScheduleIdleCheck(BatchInstance inst)
    {
        var since = inst.IdleSince;
        _aws.Clock.ScheduleAfter(Options.ScaleInAfterIdle, () =>
        {
            var ce = inst.Environment;
            if (inst.TerminatedAt is null && inst.Jobs.Count == 0 && inst.IdleSince == since && ce.LivevCpus - inst.Vcpus >= ce.Request.MinvCpus)
            {
                Terminate(inst, "scaled in");
                RequestPass();
            }
        }, $"batch: idle check {inst.InstanceId}");
    }

    private void Interrupt(BatchInstance inst)
    {
        if (inst.TerminatedAt is not null) return;
        var jobs = inst.Jobs.ToList();
        var reason = $"Host EC2 (instance {inst.InstanceId}) terminated.";
        foreach (var job in jobs)
        {
            job.NextStep?.Cancel();
            job.NextStep = null;
            Release(job);
            Record(job, inst.InstanceId, null, reason);
        }
        Terminate(inst, "Spot interruption");
        foreach (var job in jobs) Retry(job, reason);
        RequestPass();
    }

    private void Terminate(BatchInstance inst, string reason)
    {
        var ce = inst.Environment;
        inst.TerminatedAt = _aws.Clock.Now;
        inst.TerminationReason = reason;
        inst.Interruption?.Cancel();
        ce.Live.Remove(inst);
        ce.LivevCpus -= inst.Vcpus;
        BillInstance(inst);
    }

    // ---------------------------------------------------------------- billing

    /// <summary>
    /// Seconds an instance or task is billed for: whole seconds rounded up, at least 60 (EC2 Linux per-second billing
    /// with a 60 s minimum, aws-facts §9; Fargate's 1-minute minimum, aws-facts §6 / <c>fargate.minimum.billing</c>).
    /// </summary>
    public static long BilledSeconds(TimeSpan ran) => ComputeBilling.BilledSeconds(ran);

    /// <summary>The hourly price Batch pays for an instance type in this environment (Spot: on-demand × <c>ec2.spot.fraction</c>).</summary>
    public decimal HourlyPriceOf(ComputeEnvironment ce, PriceEntry type)
    {
        ArgumentNullException.ThrowIfNull(ce);
        ArgumentNullException.ThrowIfNull(type);
        return _billing.HourlyPrice(InstanceOf(type), ce.Type == "SPOT");
    }

    private Func<PriceEntry, decimal> HourlyPrice(ComputeEnvironment ce) => t => HourlyPriceOf(ce, t);

    private void BillInstance(BatchInstance inst)
    {
        var seconds = BilledSeconds(inst.TerminatedAt!.Value - inst.LaunchedAt);
        var note = $"{inst.InstanceId}, {seconds:#,0} s billed (per second, 60 s minimum); Batch itself is free"
                   + (inst.IsSpot ? $"; Spot = on-demand × {_aws.Prices.Get("ec2.spot.fraction").Price} (ec2.spot.fraction)" : "");
        inst.Cost = _billing.ChargeInstance(InstanceOf(inst.Price), inst.IsSpot, seconds,
            $"{inst.InstanceType} {(inst.IsSpot ? "Spot" : "On-Demand")} (Batch CE {inst.Environment.ComputeEnvironmentName})", note);
    }

    private void BillFargate(BatchJob job, ComputeEnvironment ce)
    {
        var seconds = BilledSeconds(_aws.Clock.Now - job.AttemptStarting);
        var def = job.Definition.Request;
        var task = new FargateTask((int)Math.Round(job.Vcpus * 1024), job.Memory, def.CpuArchitecture == "ARM64" ? AwsSim.Architecture.Arm64 : AwsSim.Architecture.X86_64,
            Spot: false, def.EphemeralStorageGiB);
        _billing.ChargeFargate(task, seconds, $"{job.JobId} attempt {job.AttemptList.Count + 1} (Batch CE {ce.ComputeEnvironmentName}), {seconds:#,0} s billed (1-minute minimum)");
    }

    // ---------------------------------------------------------------- helpers

    private IReadOnlyList<PriceEntry> ResolveInstanceTypes(IReadOnlyList<string>? requested)
    {
        var priced = _aws.Prices.WithPrefix("ec2.").Where(p => p.Attributes is { } a && a.ContainsKey("vcpu") && a.ContainsKey("memoryGiB")).ToList();
        var known = string.Join(", ", priced.Select(p => p.Key[4..]));
        if (requested is null || requested.Count == 0) throw new AwsValidationException("computeResources.instanceTypes", "(empty)", "at least one of: optimal, a family or a size from the price list (" + known + ")", Client);
        var result = new List<PriceEntry>();
        foreach (var r in requested)
        {
            IEnumerable<PriceEntry> found;
            if (r == "optimal")
            {
                // optimal = C4/M4/R4, or C5/M5/R5 where those are not offered (aws-facts §8): the price list has no 4th generation.
                found = Family(priced, "c4", "m4", "r4");
                if (!found.Any()) found = Family(priced, "c5", "m5", "r5");
            }
            else if (!r.Contains('.')) found = Family(priced, r);
            else found = priced.Where(p => p.Key == "ec2." + r);
            var list = found.ToList();
            if (list.Count == 0) throw new AwsValidationException("computeResources.instanceTypes", r, "optimal, or a family or size the price list prices: " + known, Client);
            result.AddRange(list.Where(p => !result.Contains(p)));
        }
        if (result.Select(ArchitectureOf).Distinct().Count() > 1)
        {
            throw new AwsValidationException("computeResources.instanceTypes", string.Join(",", requested), "instance types of one architecture (x86_64 or arm64) per compute environment", Client);
        }
        return result;
    }

    private static IEnumerable<PriceEntry> Family(List<PriceEntry> priced, params string[] families)
        => priced.Where(p => families.Any(f => p.Key.StartsWith("ec2." + f + ".", StringComparison.Ordinal)));

    private string ArchitectureOf(PriceEntry p) => InstanceOf(p).Architecture;

    private InstanceType InstanceOf(PriceEntry p) => InstanceCatalog.Get(p.Key["ec2.".Length..], _aws.Prices);

    private string Architecture(ComputeEnvironment ce) => ce.IsFargate ? "x86_64" : ArchitectureOf(ce.InstanceTypes[0]);

    private static int Vcpu(PriceEntry p) => int.Parse(p.Attributes!["vcpu"], CultureInfo.InvariantCulture);

    private static int MemMiB(PriceEntry p) => (int)(decimal.Parse(p.Attributes!["memoryGiB"], CultureInfo.InvariantCulture) * 1024);

    /// <summary>Relative Spot interruption likelihood of a type's pool, 0.5–1.5, fixed per seed (a simulation model).</summary>
    private double InterruptionFactor(PriceEntry type)
    {
        uint h = 2166136261;
        foreach (var c in type.Key + "#" + _aws.Seed.ToString(CultureInfo.InvariantCulture)) h = (h ^ c) * 16777619;
        return 0.5 + (h % 10_000) / 10_000.0;
    }

    private JobDefinition FindDefinition(string nameOrArn)
    {
        var s = Last(nameOrArn);
        var colon = s.LastIndexOf(':');
        string name = s;
        int? rev = null;
        if (colon > 0 && int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var r)) { name = s[..colon]; rev = r; }
        if (!_definitions.TryGetValue(name, out var list)) throw new AwsException(Client, $"Job definition '{nameOrArn}' does not exist.");
        if (rev is null) return list[^1];
        return rev >= 1 && rev <= list.Count ? list[rev.Value - 1] : throw new AwsException(Client, $"Job definition '{name}' has no revision {rev}.");
    }

    private static string CheckName(string field, string? name)
    {
        if (name is null || !Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"))
        {
            throw new AwsValidationException(field, name, "1–128 letters, numbers, hyphens (-) and underscores (_), starting with a letter or number", Client);
        }
        return name;
    }

    private static string OneOf(string field, string? value, params string[] allowed)
    {
        if (value is null || Array.IndexOf(allowed, value) < 0) throw new AwsValidationException(field, value, "one of " + string.Join(", ", allowed), Client);
        return value;
    }

    private static void CheckRetry(int attempts) => Validate.Range("retryStrategy.attempts", attempts, 1, 10, "attempts", Client);

    private static void CheckTimeout(int? seconds)
    {
        if (seconds is { } s && s < 60)
        {
            throw new AwsValidationException("timeout.attemptDurationSeconds", Inv(s), "at least 60 (seconds; no maximum)", Client);
        }
    }

    private static string Last(string nameOrArn) => nameOrArn.Contains(":job-") || nameOrArn.Contains(":compute-environment/")
        ? nameOrArn[(nameOrArn.IndexOf('/') + 1)..]
        : nameOrArn;

    private string Arn(string resource) => $"arn:aws:batch:{_aws.Region}:{_aws.AccountId}:{resource}";

    private string NewGuid()
    {
        var b = new byte[16];
        _ids.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }

    private string NewEventId() => $"{++_events:x8}-0000-4000-8000-{_aws.Seed & 0xFFFFFF:x12}";

    private static string Inv(double v) => v.ToString(CultureInfo.InvariantCulture);

    private BatchJobDetail Detail(BatchJob job)
    {
        static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
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
                    TaskArn = Arn("").Replace(":batch:", ":ecs:", StringComparison.Ordinal) + "task/" + a.Host,
                    ContainerInstanceArn = a.Host.StartsWith("i-", StringComparison.Ordinal) ? Arn("").Replace(":batch:", ":ec2:", StringComparison.Ordinal) + "instance/" + a.Host : null,
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
}
