namespace AwsSim.Batch;

/// <summary>
/// <c>CreateComputeEnvironment</c> for a MANAGED compute environment: where Batch may launch capacity and how much.
/// </summary>
/// <remarks>
/// AWS facts (aws-facts §8): <c>computeResources.type</c> is EC2, SPOT, FARGATE or FARGATE_SPOT; minvCpus/desiredvCpus
/// do not apply to Fargate; maxvCpus may be exceeded by at most one instance; <c>optimal</c> means the C4/M4/R4 families
/// (C5/M5/R5 where those are not offered). The simulator runs EC2, SPOT and FARGATE (no FARGATE_SPOT price is in the
/// price list), and can only launch instance types that <c>prices.json</c> prices (<c>ec2.&lt;type&gt;</c> entries).
/// </remarks>
public sealed record ComputeEnvironmentRequest
{
    /// <summary>The name (1–128 letters, digits, hyphens, underscores).</summary>
    public required string ComputeEnvironmentName { get; init; }

    /// <summary><c>computeResources.type</c>: EC2, SPOT or FARGATE.</summary>
    public string Type { get; init; } = "EC2";

    /// <summary><c>minvCpus</c>: vCPUs kept running even with no jobs (EC2/SPOT only).</summary>
    public int MinvCpus { get; init; }

    /// <summary><c>desiredvCpus</c>: vCPUs to launch at creation (EC2/SPOT only; Batch adjusts it afterwards).</summary>
    public int? DesiredvCpus { get; init; }

    /// <summary><c>maxvCpus</c>: the most vCPUs the environment may run.</summary>
    public required int MaxvCpus { get; init; }

    /// <summary><c>instanceTypes</c>: sizes (<c>c5.large</c>), families (<c>c5</c>) or <c>optimal</c> (EC2/SPOT only).</summary>
    public IReadOnlyList<string> InstanceTypes { get; init; } = ["optimal"];

    /// <summary>
    /// <c>allocationStrategy</c>: BEST_FIT (API default), BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or
    /// SPOT_PRICE_CAPACITY_OPTIMIZED (the two SPOT_ ones only with SPOT). Not used with Fargate.
    /// </summary>
    public string? AllocationStrategy { get; init; }

    /// <summary>
    /// Simulation knob, not an AWS setting: how many interruptions a Spot instance suffers per instance-hour on average
    /// (drawn from the account's seed). 0 = never interrupted.
    /// </summary>
    public double SpotInterruptionsPerInstanceHour { get; init; }
}

/// <summary>One entry of a job queue's <c>computeEnvironmentOrder</c>: environments are tried in ascending order.</summary>
/// <param name="Order">The position (lower is tried first).</param>
/// <param name="ComputeEnvironment">The compute environment's name or ARN.</param>
public sealed record ComputeEnvironmentOrder(int Order, string ComputeEnvironment);

/// <summary><c>CreateJobQueue</c>: a queue with a priority and up to three compute environments.</summary>
public sealed record JobQueueRequest
{
    /// <summary>The name.</summary>
    public required string JobQueueName { get; init; }

    /// <summary><c>priority</c>: among queues sharing a compute environment, higher is scheduled first.</summary>
    public int Priority { get; init; } = 1;

    /// <summary><c>computeEnvironmentOrder</c>: 1–3 environments, all EC2/SPOT or all FARGATE.</summary>
    public required IReadOnlyList<ComputeEnvironmentOrder> ComputeEnvironmentOrder { get; init; }
}

/// <summary><c>RegisterJobDefinition</c> for a container job, plus what the simulated container does.</summary>
public sealed record JobDefinitionRequest
{
    /// <summary>The name; registering the same name again makes a new revision.</summary>
    public required string JobDefinitionName { get; init; }

    /// <summary><c>containerProperties.image</c>.</summary>
    public required string Image { get; init; }

    /// <summary>vCPUs per job (whole numbers on EC2; on Fargate 0.25, 0.5, 1, 2, 4, 8 or 16).</summary>
    public double Vcpus { get; init; } = 1;

    /// <summary>Memory per job in MiB.</summary>
    public int Memory { get; init; } = 2048;

    /// <summary><c>retryStrategy.attempts</c>: 1–10.</summary>
    public int RetryAttempts { get; init; } = 1;

    /// <summary><c>timeout.attemptDurationSeconds</c>: at least 60, no maximum; null = no timeout (AWS has no default).</summary>
    public int? AttemptDurationSeconds { get; init; }

    /// <summary><c>platformCapabilities</c>: EC2 (default) or FARGATE.</summary>
    public string PlatformCapability { get; init; } = "EC2";

    /// <summary><c>runtimePlatform.cpuArchitecture</c> of a Fargate job: <c>X86_64</c> (default) or <c>ARM64</c> (Graviton, cheaper).</summary>
    public string CpuArchitecture { get; init; } = "X86_64";

    /// <summary><c>ephemeralStorage.sizeInGiB</c> of a Fargate job: 20 GiB included (default), up to 200; above 20 is billed.</summary>
    public int EphemeralStorageGiB { get; init; } = 20;

    /// <summary>Simulated: how long each attempt runs, unless <see cref="Behavior"/> decides.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Simulated: the container's exit code (0 = success), unless <see cref="Behavior"/> decides.</summary>
    public int ExitCode { get; init; }

    /// <summary>Simulated: decides each attempt's duration and exit code (overrides <see cref="Duration"/>/<see cref="ExitCode"/>).</summary>
    public BatchJobBehavior? Behavior { get; init; }
}

/// <summary>A job dependency: <c>{"jobId": "...", "type": "N_TO_N" | "SEQUENTIAL"}</c>.</summary>
/// <param name="JobId">The job waited for; null for SEQUENTIAL (which orders the array's own children).</param>
/// <param name="Type">null (wait for the whole job), N_TO_N (child i waits for child i) or SEQUENTIAL.</param>
public sealed record JobDependency(string? JobId, string? Type = null)
{
    /// <summary>A SEQUENTIAL dependency: the array's children run one after another, index 0 first.</summary>
    public static JobDependency Sequential { get; } = new(null, "SEQUENTIAL");
}

/// <summary><c>SubmitJob</c>, plus optional simulated behaviour overriding the job definition's.</summary>
public sealed record SubmitJobRequest
{
    /// <summary>The job's name.</summary>
    public required string JobName { get; init; }

    /// <summary>The queue's name or ARN.</summary>
    public required string JobQueue { get; init; }

    /// <summary>The job definition: <c>name</c> (latest revision), <c>name:revision</c> or ARN.</summary>
    public required string JobDefinition { get; init; }

    /// <summary><c>arrayProperties.size</c>: 2–10,000 children; null for a single job.</summary>
    public int? ArraySize { get; init; }

    /// <summary><c>dependsOn</c>: up to 20.</summary>
    public IReadOnlyList<JobDependency>? DependsOn { get; init; }

    /// <summary>Overrides <c>retryStrategy.attempts</c> (1–10).</summary>
    public int? RetryAttempts { get; init; }

    /// <summary>Overrides <c>timeout.attemptDurationSeconds</c> (≥ 60).</summary>
    public int? AttemptDurationSeconds { get; init; }

    /// <summary><c>parameters</c> (carried into events).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Simulated duration override.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Simulated exit code override.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Simulated behaviour override.</summary>
    public BatchJobBehavior? Behavior { get; init; }
}

/// <summary>Decides what one attempt of a simulated container does.</summary>
public delegate BatchJobOutcome BatchJobBehavior(BatchAttemptContext context);

/// <summary>What an attempt did: how long it ran and its exit code (0 = success).</summary>
/// <param name="Duration">Run time of the container.</param>
/// <param name="ExitCode">Exit code; anything but 0 fails the attempt.</param>
public sealed record BatchJobOutcome(TimeSpan Duration, int ExitCode = 0);

/// <summary>What a behaviour knows about the attempt it decides.</summary>
/// <param name="JobId">The job id (a child's is <c>&lt;parent&gt;:&lt;index&gt;</c>).</param>
/// <param name="JobName">The job name.</param>
/// <param name="ArrayIndex">AWS_BATCH_JOB_ARRAY_INDEX for array children, else null.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Environment">The container's environment variables.</param>
/// <param name="Random">A seeded random source (deterministic per account seed).</param>
public sealed record BatchAttemptContext(string JobId, string JobName, int? ArrayIndex, int Attempt, IReadOnlyDictionary<string, string> Environment, Random Random);
