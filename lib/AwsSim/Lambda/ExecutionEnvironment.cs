namespace AwsSim.Lambda;

/// <summary>
/// One execution environment (a micro-VM with the runtime and the code loaded). Created by a cold start, reused by
/// warm invocations, reclaimed after it has been idle for its lifetime, reset after a timeout or crash.
/// </summary>
public sealed class ExecutionEnvironment
{
    internal ExecutionEnvironment(string functionName, string id, string logStreamName, DateTimeOffset created, TimeSpan idleLifetime)
    {
        FunctionName = functionName;
        Id = id;
        LogStreamName = logStreamName;
        Created = created;
        IdleLifetime = idleLifetime;
    }

    /// <summary>The function it belongs to.</summary>
    public string FunctionName { get; }

    /// <summary>32 hex digits (also the end of its log stream name).</summary>
    public string Id { get; }

    /// <summary>Its log stream.</summary>
    public string LogStreamName { get; }

    /// <summary>When its cold start began.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>
    /// How long it may sit idle before Lambda reclaims it. AWS does not document this; the simulator draws it from
    /// <see cref="LambdaOptions.IdleLifetimeRange"/> with the account's seed.
    /// </summary>
    public TimeSpan IdleLifetime { get; }

    /// <summary>When its current (or last) invocation ends.</summary>
    public DateTimeOffset BusyUntil { get; internal set; }

    /// <summary>Invocations it has served.</summary>
    public long Invocations { get; internal set; }

    /// <summary>True once it has been reclaimed or reset.</summary>
    public bool Shutdown { get; internal set; }

    internal bool Busy { get; set; }

    internal int RuntimeMemoryMb { get; set; }

    internal LambdaFunction? Owner { get; set; }

    /// <summary>True when idle and not yet reclaimed at <paramref name="now"/>.</summary>
    public bool IsWarmAt(DateTimeOffset now) => !Shutdown && BusyUntil <= now && now < BusyUntil + IdleLifetime;
}
