namespace AwsSim.Ecs;

/// <summary>
/// The simulator's knobs for ECS. The health grace period is AWS's (aws-facts §5); the others are simulation choices,
/// not AWS figures, and are named as such. Pass them in <see cref="SimulatedAwsOptions.Ecs"/>; they are checked when the
/// account is built and fixed for its life.
/// </summary>
public sealed record EcsOptions
{
    /// <summary>Simulation choice: how long a placed task takes to pull its image and start (PENDING → RUNNING). Default 10 s.</summary>
    public TimeSpan TaskStartDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Without a load balancer or container health check, a task counts as healthy 40 s after RUNNING (ECS guide, aws-facts §5).</summary>
    public TimeSpan HealthGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Simulation choice: how often a Fargate Spot task is interrupted, as a rate per task-hour (0 = only when you call
    /// <see cref="EcsService.InterruptSpotTask"/>). Interruption times are drawn from the account's seed.
    /// AWS publishes no such rate.
    /// </summary>
    public double SpotInterruptionsPerTaskHour { get; init; }

    /// <summary>The warning a Fargate Spot task gets before it is stopped: two minutes (aws-facts §6).</summary>
    public TimeSpan SpotWarning { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Simulation choice: a service stops launching after this many tasks in a row fail to start.</summary>
    public int MaxConsecutiveFailedStarts { get; init; } = 10;

    /// <summary>Simulation choice: keep the latest events in <see cref="EcsService.PublishedEvents"/> (on; turn off for very large runs).</summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>Simulation choice: how many of the latest events <see cref="EcsService.PublishedEvents"/> keeps (10,000).</summary>
    public int RecordedEventCapacity { get; init; } = 10_000;

    /// <summary>The Fargate platform version reported on Fargate tasks.</summary>
    public string FargatePlatformVersion { get; init; } = "1.4.0";

    internal void Validate()
    {
        OptionChecks.Duration("Ecs.TaskStartDelay", TaskStartDelay);
        OptionChecks.Duration("Ecs.HealthGracePeriod", HealthGracePeriod);
        AwsSim.Validate.NonNegative("Ecs.SpotInterruptionsPerTaskHour", SpotInterruptionsPerTaskHour, "interruptions per task-hour");
        OptionChecks.Duration("Ecs.SpotWarning", SpotWarning);
        AwsSim.Validate.Range("Ecs.RecordedEventCapacity", RecordedEventCapacity, 1, 10_000_000, "events");
        AwsSim.Validate.Range("Ecs.MaxConsecutiveFailedStarts", MaxConsecutiveFailedStarts, 1, 1_000_000, "tasks");
        if (string.IsNullOrWhiteSpace(FargatePlatformVersion)) throw new AwsValidationException("Ecs.FargatePlatformVersion", FargatePlatformVersion, "a platform version such as 1.4.0");
    }
}
