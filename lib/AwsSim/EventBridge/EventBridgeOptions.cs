namespace AwsSim.EventBridge;

/// <summary>
/// How the simulated EventBridge behaves beyond what AWS fixes. Pass it in <see cref="SimulatedAwsOptions.Events"/>; it is
/// checked when the account is built and fixed for its life.
/// </summary>
public sealed record EventBridgeOptions
{
    /// <summary>
    /// How many of the latest events that reached a bus <see cref="EventBridgeService.Events"/> keeps: 0 (the default)
    /// keeps none. AWS keeps no such log (an archive is opt-in and paid); the simulator's is for lessons and tests.
    /// With it off, ECS and Batch build no event that no rule wants, so big simulations stay fast.
    /// </summary>
    public int EventLogCapacity { get; init; }

    internal void Validate() => AwsSim.Validate.Range("Events.EventLogCapacity", EventLogCapacity, 0, 10_000_000, "events");
}
