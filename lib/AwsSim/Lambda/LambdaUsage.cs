namespace AwsSim.Lambda;

/// <summary>
/// A month of one function's use, described by averages: how many requests, the configured memory, and how long an
/// invocation runs on average. Use <see cref="InvocationRecord"/>s when durations vary.
/// </summary>
/// <param name="Requests">Invocations in the month.</param>
/// <param name="MemoryMb">Configured memory, 128–10,240 MB.</param>
/// <param name="DurationMs">How long one invocation runs, in milliseconds (billing rounds it up to a whole ms).</param>
/// <param name="Architecture">x86_64 (default) or arm64.</param>
/// <param name="EphemeralStorageMb">Configured /tmp, 512–10,240 MB; above 512 MB it is billed.</param>
public sealed record LambdaUsage(
    long Requests,
    int MemoryMb,
    double DurationMs,
    Architecture Architecture = Architecture.X86_64,
    int EphemeralStorageMb = 512);

/// <summary>One invocation as it would appear in a usage report.</summary>
/// <param name="MemoryMb">The function's configured memory.</param>
/// <param name="DurationMs">How long it ran (handler plus any billed init), in milliseconds.</param>
/// <param name="Architecture">x86_64 or arm64.</param>
/// <param name="EphemeralStorageMb">The function's configured /tmp.</param>
public readonly record struct InvocationRecord(
    int MemoryMb,
    double DurationMs,
    Architecture Architecture = Architecture.X86_64,
    int EphemeralStorageMb = 512);
