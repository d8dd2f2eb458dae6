namespace AwsSim.Batch;

/// <summary>
/// The simulator's own timing assumptions for AWS Batch (not AWS figures: AWS does not publish them). Pass them in
/// <see cref="SimulatedAwsOptions.Batch"/>; they are checked when the account is built and fixed for its life.
/// </summary>
public sealed record BatchOptions
{
    /// <summary>Simulation choice: from launching an EC2 instance until it can take jobs. Default 2 minutes.</summary>
    public TimeSpan InstanceStartup { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Simulation choice: from STARTING to RUNNING on an instance (image pull, container start). Default 10 s.</summary>
    public TimeSpan ContainerStart { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Simulation choice: from STARTING to RUNNING on Fargate (task provisioning). Default 30 s.</summary>
    public TimeSpan FargateTaskStart { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Simulation choice: how long an instance must sit idle before Batch scales it in (above minvCpus). Default 5 minutes.</summary>
    public TimeSpan ScaleInAfterIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Simulation choice: how many RUNNABLE jobs the scheduler looks past one that does not fit, per queue and pass. Default 64.</summary>
    public int LookAhead { get; init; } = 64;

    internal void Validate()
    {
        OptionChecks.Duration("Batch.InstanceStartup", InstanceStartup);
        OptionChecks.Duration("Batch.ContainerStart", ContainerStart);
        OptionChecks.Duration("Batch.FargateTaskStart", FargateTaskStart);
        OptionChecks.Duration("Batch.ScaleInAfterIdle", ScaleInAfterIdle);
        AwsSim.Validate.Range("Batch.LookAhead", LookAhead, 0, 1_000_000, "jobs");
    }
}
