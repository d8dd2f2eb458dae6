using System.Text.Json;

namespace AwsSim.Lambda;

/// <summary>
/// The code a function runs: an ordinary C# handler (synchronous or <c>async</c>) that receives the event as JSON and
/// an <see cref="ILambdaContext"/>, plus what its initialisation (the static code outside the handler) costs.
/// </summary>
/// <remarks>
/// Work takes simulated time only when the code says so: <see cref="ILambdaContext.Spend"/> for waiting (network,
/// disk), <see cref="ILambdaContext.SpendCpu"/> for computing (faster with more memory). Build one with
/// <see cref="From(Func{string, ILambdaContext, string?})"/>, <see cref="FromAsync"/> or <see cref="Typed{TIn, TOut}"/>
/// and adjust it with <c>with { InitDuration = … }</c>.
/// </remarks>
public sealed record LambdaCode
{
    private LambdaCode(Func<string, ILambdaContext, Task<string?>> handler)
    {
        Handler = handler;
    }

    /// <summary>The handler: event JSON and context in, response JSON (or null) out.</summary>
    public Func<string, ILambdaContext, Task<string?>> Handler { get; init; }

    /// <summary>
    /// How long the static initialisation takes on a cold start (loading the runtime and your assembly, creating
    /// clients). Added to whatever <see cref="Init"/> spends. Zero by default.
    /// </summary>
    public TimeSpan InitDuration { get; init; }

    /// <summary>Optional static initialisation code, run once per execution environment (cold start).</summary>
    public Action<ILambdaContext>? Init { get; init; }

    /// <summary>
    /// Memory the runtime and code use before the handler allocates anything (MB); shown as Max Memory Used.
    /// 64 MB by default: a simulator assumption, AWS does not publish a figure.
    /// </summary>
    public int BaseMemoryMb { get; init; } = 64;

    /// <summary>A synchronous handler that returns the response JSON (or null for no response).</summary>
    public static LambdaCode From(Func<string, ILambdaContext, string?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new((e, c) => Task.FromResult(handler(e, c)));
    }

    /// <summary>A handler that returns nothing.</summary>
    public static LambdaCode FromAction(Action<string, ILambdaContext> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new((e, c) => { handler(e, c); return Task.FromResult<string?>(null); });
    }

    /// <summary>An <c>async</c> handler. Await <see cref="ILambdaContext.SpendAsync"/>, not <c>Task.Delay</c>: simulated time only moves through the context.</summary>
    public static LambdaCode FromAsync(Func<string, ILambdaContext, Task<string?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(handler);
    }

    /// <summary>A typed handler: the event is read into <typeparamref name="TIn"/> and the result written as JSON with <see cref="AwsJson"/>.</summary>
    public static LambdaCode Typed<TIn, TOut>(Func<TIn, ILambdaContext, TOut> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new((e, c) => Task.FromResult<string?>(JsonSerializer.Serialize(handler(AwsJson.Deserialize<TIn>(e), c), AwsJson.Options)));
    }

    /// <summary>A typed <c>async</c> handler.</summary>
    public static LambdaCode TypedAsync<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(async (e, c) => JsonSerializer.Serialize(await handler(AwsJson.Deserialize<TIn>(e), c).ConfigureAwait(false), AwsJson.Options));
    }

    /// <summary>
    /// A handler that just takes time: <paramref name="wait"/> of waiting plus <paramref name="cpuAtOneVcpu"/> of
    /// single-threaded computing, and answers <c>{"ok":true}</c>. Handy for experiments.
    /// </summary>
    public static LambdaCode Work(TimeSpan wait, TimeSpan cpuAtOneVcpu = default, int workingSetMb = 0)
        => From((_, c) =>
        {
            if (workingSetMb > 0) c.UseMemory(workingSetMb);
            c.Spend(wait);
            if (cpuAtOneVcpu > TimeSpan.Zero) c.SpendCpu(cpuAtOneVcpu);
            return "{\"ok\":true}";
        });
}
