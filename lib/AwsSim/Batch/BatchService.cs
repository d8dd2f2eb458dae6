using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;
using static AwsSim.Batch.BatchChecks;

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
public sealed class BatchService
{
    private readonly AccountContext _aws;
    private readonly Dictionary<string, ComputeEnvironment> _environments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JobQueue> _queues = new(StringComparer.Ordinal);
    private readonly List<JobQueue> _queueOrder = new();
    private readonly Dictionary<string, List<JobDefinition>> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<BatchJob> _jobOrder = new();
    private readonly Random _ids;
    private readonly BatchBilling _billing;
    private readonly BatchFleet _fleet;
    private readonly BatchScheduler _scheduler;
    private long _seq;

    internal BatchService(AccountContext aws, ComputeBilling billing, IEventPublisher events, BatchOptions? options = null)
    {
        _aws = aws;
        Options = options ?? new();
        _ids = new Random(unchecked(aws.Seed * 31 + 17));
        _billing = new BatchBilling(aws, billing);
        _scheduler = new BatchScheduler(aws, Options, _billing, _queueOrder, events);
        _fleet = new BatchFleet(aws, _billing, Options, _scheduler.RequestPass, _scheduler.Interrupt);
        _scheduler.Fleet = _fleet;
    }

    /// <summary>The simulator's timing assumptions (instance start-up, container start, scale-in delay); fixed when the account is built.</summary>
    public BatchOptions Options { get; }

    /// <summary>Where job state-change events go: the account's bus (tests may swap in a recorder).</summary>
    internal IEventPublisher? EventPublisher { get => _scheduler.EventPublisher; set => _scheduler.EventPublisher = value; }

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
            types = _fleet.ResolveInstanceTypes(request.InstanceTypes);
        }
        var ce = new ComputeEnvironment(request, Arn("compute-environment/" + name), types, strategy);
        _environments.Add(name, ce);
        if (!ce.IsFargate) _fleet.LaunchUpTo(ce, request.DesiredvCpus ?? request.MinvCpus);
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
        foreach (var i in ce.Live.ToList()) _fleet.Terminate(i, "compute environment deleted");
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
        if (envs.Select(e => _fleet.Architecture(e)).Distinct().Count() > 1)
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
        CheckJobDefinition(request);
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
        foreach (var j in created) _scheduler.SetStatus(j, BatchJobStatus.Submitted, null);
        _aws.Clock.Schedule(now, () =>
        {
            foreach (var j in created) _scheduler.Evaluate(j);
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
        => _scheduler.Unfinished == 0
           && _environments.Values.All(ce => ce.Live.Count == 0 || ce.LivevCpus - ce.Live.Min(i => i.Vcpus) < ce.Request.MinvCpus);

    /// <summary>What the job would look like as a "Batch Job State Change" event right now.</summary>
    public BatchJobStateChangeEvent ToEvent(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _scheduler.ToEvent(job);
    }

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
        _scheduler.Track(job);
        return job;
    }

    private static void Depend(BatchJob dependent, BatchJob on)
    {
        if (on.Status == BatchJobStatus.Failed) { dependent.DependencyFailed = true; return; }
        if (on.Status == BatchJobStatus.Succeeded) return;
        on.Dependents.Add(dependent);
        dependent.UnfinishedDependencies++;
    }

    // ---------------------------------------------------------------- helpers, billing and pictures

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
        return _fleet.ChooseInstanceType(ce, vcpus, memoryMiB);
    }

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
        return _billing.HourlyPrice(ce, type);
    }

    /// <summary>
    /// The run as an SVG Gantt chart: one row per vCPU slot of each instance (or per Fargate task lane), a grey band
    /// while the instance was up, and a bar per job attempt (green succeeded, red failed, orange interrupted, purple
    /// timed out). At most <paramref name="maxRows"/> rows are drawn.
    /// </summary>
    public string ToSvg(int width = 960, int maxRows = 40) => BatchChart.Svg(_environments.Values, _jobOrder, _aws, width, maxRows);

    /// <summary>A short text summary: jobs per status, instances launched, peak vCPUs and what it cost.</summary>
    public string Summary() => BatchChart.Summary(_environments.Values, _jobOrder, _aws);

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

    private string Arn(string resource) => $"arn:aws:batch:{_aws.Region}:{_aws.AccountId}:{resource}";

    private string NewGuid()
    {
        var b = new byte[16];
        _ids.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }

}
