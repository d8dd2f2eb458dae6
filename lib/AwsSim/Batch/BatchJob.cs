namespace AwsSim.Batch;

/// <summary>
/// A submitted job (or an array child) and everything that happened to it. Read it with
/// <see cref="BatchService.DescribeJob"/>; the simulator changes it as the clock advances.
/// </summary>
public sealed class BatchJob
{
    internal BatchJob(string jobId, string jobName, string jobArn, JobQueue queue, JobDefinition definition, long seq)
    {
        JobId = jobId;
        JobName = jobName;
        JobArn = jobArn;
        Queue = queue;
        Definition = definition;
        Seq = seq;
    }

    /// <summary>The job id; an array child's is <c>&lt;parentId&gt;:&lt;index&gt;</c>.</summary>
    public string JobId { get; }

    /// <summary>The job name.</summary>
    public string JobName { get; }

    /// <summary>The job ARN.</summary>
    public string JobArn { get; }

    /// <summary>The queue it was submitted to.</summary>
    public JobQueue Queue { get; }

    /// <summary>The job definition revision it runs.</summary>
    public JobDefinition Definition { get; }

    /// <summary>SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED.</summary>
    public string Status { get; internal set; } = BatchJobStatus.Submitted;

    /// <summary>Why it is in its status (set for FAILED jobs and retries).</summary>
    public string? StatusReason { get; internal set; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>When it first reached RUNNING (for an array parent: when its first child started).</summary>
    public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>When it reached SUCCEEDED or FAILED.</summary>
    public DateTimeOffset? StoppedAt { get; internal set; }

    /// <summary>The attempts so far, oldest first.</summary>
    public IReadOnlyList<BatchJobAttempt> Attempts => AttemptList;

    /// <summary>Every status it went through, with the instant and reason.</summary>
    public IReadOnlyList<JobStatusChange> History => HistoryList;

    /// <summary>For an array child: its index (AWS_BATCH_JOB_ARRAY_INDEX); otherwise null.</summary>
    public int? ArrayIndex { get; internal set; }

    /// <summary>For an array parent: the number of children; otherwise null.</summary>
    public int? ArraySize { get; internal set; }

    /// <summary>For an array child: its parent.</summary>
    public BatchJob? Parent { get; internal set; }

    /// <summary>For an array parent: the children, by index.</summary>
    public IReadOnlyList<BatchJob> Children => ChildList;

    /// <summary>The dependencies as submitted.</summary>
    public IReadOnlyList<JobDependency> DependsOn { get; internal set; } = [];

    /// <summary>The container's environment (array children get AWS_BATCH_JOB_ARRAY_INDEX).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; internal set; } = new Dictionary<string, string>();

    /// <summary>The submitted parameters.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; internal set; }

    /// <summary>vCPUs per attempt.</summary>
    public double Vcpus => Definition.Vcpus;

    /// <summary>Memory per attempt, MiB.</summary>
    public int Memory => Definition.Memory;

    /// <summary>The retry strategy's attempts (1–10).</summary>
    public int RetryAttempts { get; internal set; } = 1;

    /// <summary>The timeout per attempt in seconds, or null.</summary>
    public int? AttemptDurationSeconds { get; internal set; }

    /// <summary>The last attempt's exit code.</summary>
    public int? ExitCode => AttemptList.Count == 0 ? null : AttemptList[^1].ExitCode;

    /// <summary>True once SUCCEEDED or FAILED.</summary>
    public bool IsDone => Status is BatchJobStatus.Succeeded or BatchJobStatus.Failed;

    /// <summary>For an array parent: how many children are in each status.</summary>
    public IReadOnlyDictionary<string, int> ArrayStatusSummary
        => ChildList.Count == 0
            ? new Dictionary<string, int>()
            : BatchJobStatus.All.ToDictionary(s => s, s => ChildList.Count(c => c.Status == s));

    /// <inheritdoc />
    public override string ToString() => $"{JobName} ({JobId}) {Status}" + (StatusReason is null ? "" : $": {StatusReason}");

    internal long Seq { get; }
    internal List<BatchJobAttempt> AttemptList { get; } = new();
    internal List<JobStatusChange> HistoryList { get; } = new();
    internal List<BatchJob> ChildList { get; } = new();
    internal List<BatchJob> Dependents { get; } = new();
    internal int UnfinishedDependencies;
    internal int ChildrenDone;
    internal bool ChildFailed;
    internal BatchJobBehavior? Behavior;
    internal TimeSpan Duration;
    internal int ExitCodeToReturn;
    internal ScheduledWork? NextStep;
    internal BatchInstance? Instance;
    internal int Slot;
    internal ComputeEnvironment? RunningOn;
    internal DateTimeOffset AttemptStarting;
    internal bool TimedOut;
    internal bool DependencyFailed;
    internal int PendingExit;
    internal DateTimeOffset? AttemptRunning;
    internal string? TaskId;
}

/// <summary>The job states, spelled as AWS spells them.</summary>
public static class BatchJobStatus
{
    /// <summary>Accepted, not yet evaluated.</summary>
    public const string Submitted = "SUBMITTED";
    /// <summary>Waiting for dependencies.</summary>
    public const string Pending = "PENDING";
    /// <summary>Ready, waiting for capacity.</summary>
    public const string Runnable = "RUNNABLE";
    /// <summary>Placed; the container is starting.</summary>
    public const string Starting = "STARTING";
    /// <summary>The container is running.</summary>
    public const string Running = "RUNNING";
    /// <summary>Exited 0.</summary>
    public const string Succeeded = "SUCCEEDED";
    /// <summary>Failed after its last attempt (or a dependency failed).</summary>
    public const string Failed = "FAILED";

    /// <summary>All, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Submitted, Pending, Runnable, Starting, Running, Succeeded, Failed];
}

/// <summary>One attempt of a job: where it ran, when, and how it ended.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="ComputeEnvironment">The environment it ran in.</param>
/// <param name="Host">The instance id, or the Fargate task id.</param>
/// <param name="Slot">The lane within the host (for the Gantt chart).</param>
/// <param name="StartingAt">When it was placed (STARTING).</param>
/// <param name="StartedAt">When the container was RUNNING, if it got that far.</param>
/// <param name="StoppedAt">When it stopped.</param>
/// <param name="ExitCode">The exit code, when the container exited on its own.</param>
/// <param name="StatusReason">Why it stopped.</param>
public sealed record BatchJobAttempt(int Number, string ComputeEnvironment, string Host, int Slot, DateTimeOffset StartingAt,
    DateTimeOffset? StartedAt, DateTimeOffset StoppedAt, int? ExitCode, string StatusReason);

/// <summary>A status a job entered.</summary>
/// <param name="At">When.</param>
/// <param name="Status">The status entered.</param>
/// <param name="Reason">Why, when there is a reason.</param>
public sealed record JobStatusChange(DateTimeOffset At, string Status, string? Reason);
