namespace AwsSim.Ecs;

/// <summary>
/// The simulator's knobs for ECS. The health grace period is AWS's (aws-facts §5); the others are simulation choices,
/// not AWS figures, and are named as such.
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

    /// <summary>Keep every published event in <see cref="EcsService.PublishedEvents"/> (turn off for very large runs).</summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>The Fargate platform version reported on Fargate tasks.</summary>
    public string FargatePlatformVersion { get; init; } = "1.4.0";
}
