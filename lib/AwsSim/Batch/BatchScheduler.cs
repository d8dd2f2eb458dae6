using System.Text.Json;
using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ec2;
using AwsSim.Fargate;

namespace AwsSim.Batch;

/// <summary>
/// Batch's job scheduler: moves jobs through SUBMITTED → PENDING/RUNNABLE → STARTING → RUNNING → SUCCEEDED/FAILED,
/// runs one scheduling pass per instant over the queues in priority order (placing jobs on the <see cref="BatchFleet"/>
/// or on Fargate), retries, and publishes a state-change event only when someone wants it.
/// </summary>
internal sealed class BatchScheduler
{
    private readonly AccountContext _aws;
    private readonly BatchOptions _options;
    private readonly BatchBilling _billing;
    private readonly IReadOnlyList<JobQueue> _queueOrder;
    private readonly Random _behaviour;
    private BatchFleet _fleet = null!;
    private long _tasks;
    private long _events;
    private int _unfinished;
    private bool _passScheduled;

    internal BatchScheduler(AccountContext aws, BatchOptions options, BatchBilling billing, IReadOnlyList<JobQueue> queueOrder, IEventPublisher? events)
    {
        _aws = aws;
        _options = options;
        _billing = billing;
        _queueOrder = queueOrder;
        EventPublisher = events;
        _behaviour = new Random(unchecked(aws.Seed * 31 + 29));
    }

    /// <summary>The fleet this scheduler places jobs on (built with this scheduler's callbacks, so set once after both exist).</summary>
    internal BatchFleet Fleet { set => _fleet = value; }

    internal IEventPublisher? EventPublisher { get; set; }

    /// <summary>Jobs not yet SUCCEEDED or FAILED.</summary>
    internal int Unfinished => _unfinished;

    /// <summary>A new job counts as unfinished until it is done.</summary>
    internal void Track(BatchJob job) => _unfinished++;

    internal BatchJobStateChangeEvent ToEvent(BatchJob job)
        => BatchJobStateChangeEvent.From(job, NewEventId(), _aws.AccountId, _aws.Region, _aws.Clock.Now);

    private string NewEventId() => $"{++_events:x8}-0000-4000-8000-{_aws.Seed & 0xFFFFFF:x12}";

    internal void Evaluate(BatchJob job)
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

    internal void SetStatus(BatchJob job, string status, string? reason)
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

    internal void RequestPass()
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
                else if (result == Placement.None && ++misses > _options.LookAhead) break;
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
            if (_fleet.ChooseInstanceType(ce, job.Vcpus, job.Memory) is { } type)
            {
                var inst = _fleet.Launch(ce, type);
                booting[inst] = (inst.Vcpus - job.Vcpus, inst.MemoryMiB - job.Memory);
                return Placement.Reserved;
            }
        }
        return Placement.None;
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
        Start(job, _options.ContainerStart);
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
        Start(job, _options.FargateTaskStart);
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
    internal const string TimeoutReason = "Job attempt duration exceeded timeout";

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
                _fleet.ScheduleIdleCheck(inst);
            }
            return inst.InstanceId;
        }
        ce.FargateRunningvCpus -= job.Vcpus;
        ce.FargateLanes[job.Slot] = false;
        _billing.BillFargate(job, ce);
        return job.TaskId!;
    }

    internal void Interrupt(BatchInstance inst)
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
        _fleet.Terminate(inst, "Spot interruption");
        foreach (var job in jobs) Retry(job, reason);
        RequestPass();
    }
}
