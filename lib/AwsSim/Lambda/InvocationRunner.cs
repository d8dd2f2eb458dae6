using System.Text;
using System.Text.Json.Nodes;

namespace AwsSim.Lambda;

/// <summary>
/// Runs one invocation in an execution environment: a cold start's init phase (retried inside the invocation when it
/// outlives <see cref="LambdaService.InitLimit"/>), the handler under the function's timeout and memory, the response
/// or error AWS returns, metrics, the log (<see cref="LambdaLogs"/>) and the charge (<see cref="LambdaBilling"/>).
/// Knows which invocation is running now (<see cref="Current"/>), so nested calls and authorization see their caller.
/// </summary>
internal sealed class InvocationRunner
{
    private readonly LambdaService _service;
    private readonly SimulatedClock _clock;
    private readonly LambdaOptions _options;
    private readonly LambdaIds _ids;
    private readonly LambdaConcurrency _concurrency;
    private readonly LambdaLogs _logs;
    private readonly LambdaBilling _billing;
    private readonly Random _random;
    private readonly AsyncLocal<ActiveInvocation?> _current = new();

    internal InvocationRunner(LambdaService service, SimulatedClock clock, LambdaOptions options, LambdaIds ids, LambdaConcurrency concurrency, LambdaLogs logs, LambdaBilling billing, Random random)
    {
        _service = service;
        _clock = clock;
        _options = options;
        _ids = ids;
        _concurrency = concurrency;
        _logs = logs;
        _billing = billing;
        _random = random;
    }

    private static TimeSpan InitLimit => LambdaService.InitLimit;

    private static int MaxSyncPayloadBytes => LambdaService.MaxSyncPayloadBytes;

    /// <summary>
    /// A synchronous (RequestResponse) invocation: refused when the chain is a recursive loop or no concurrency is free
    /// (429), otherwise run now; a calling function waits for it, and a caller outside any function sees the charge at once
    /// unless charges are posted on an interval.
    /// </summary>
    internal InvokeResponse InvokeSync(LambdaFunction fn, string payload)
    {
        var now = Current is { } caller ? caller.Context.Now : _clock.Now;
        var lineage = LineageFor(fn);
        if (lineage.Exceeded && fn.RecursiveLoop == "Terminate")
        {
            throw new AwsException(RecursiveLoopDetection.ErrorCode,
                $"Lambda has detected your function being invoked in a recursive loop and stopped invocation {lineage.Count} of {fn.Name} in one chain.");
        }
        if (!_concurrency.TryAcquire(fn, now, out var env, out var reason))
        {
            fn.Metrics.At(now).Throttles++;
            throw new TooManyRequestsException(reason!, reason == "ReservedFunctionConcurrentInvocationLimitExceeded"
                ? $"The function's reserved concurrency ({fn.Reserved}) is in use."
                : $"The account's unreserved concurrency ({_options.AccountConcurrencyLimit - _concurrency.ReservedTotal}) is in use.");
        }
        var outcome = Run(fn, env!, payload, now, lineage);
        if (Current is { } parent)
        {
            // A function calling another synchronously waits for it.
            parent.Context.Spend(outcome.End - now);
        }
        else if (_options.BillingInterval <= TimeSpan.Zero)
        {
            _billing.PostCharges(); // a caller outside the clock sees the charge on aws.Bill at once
        }
        return outcome.Response;
    }

    /// <summary>The invocation whose code is running now on this flow (null outside handlers).</summary>
    internal ActiveInvocation? Current => _current.Value;

    internal static void CheckPayload(string payload, int limit)
    {
        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (bytes > limit)
        {
            throw new AwsException("RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation (this one is {bytes} bytes).", 413);
        }
    }

    /// <summary>
    /// The chain an event for <paramref name="fn"/> sent now belongs to (see <see cref="RecursiveLoopDetection"/>).
    /// Events sent from outside any function start a chain; they share one immutable lineage per function.
    /// </summary>
    internal static InvocationLineage LineageFor(LambdaFunction fn)
        => RecursiveLoopDetection.Current is null
            ? fn.FreshLineage ??= new InvocationLineage("chain-" + fn.Name, new Dictionary<string, int>(StringComparer.Ordinal) { [fn.Name] = 1 }, fn.Name)
            : RecursiveLoopDetection.ForNextInvocation(fn.Name);

    private ExecutionEnvironment NewEnvironment(LambdaFunction fn, DateTimeOffset now)
    {
        var id = _ids.NewHex32();
        var (min, max) = _options.IdleLifetimeRange;
        var lifetime = min + TimeSpan.FromTicks((long)((max - min).Ticks * _random.NextDouble()));
        var env = new ExecutionEnvironment(fn.Name, id, $"{now.UtcDateTime:yyyy/MM/dd}/[$LATEST]{id}", now, lifetime) { Owner = fn };
        fn.AllEnvironments.Add(env);
        return env;
    }

    internal Outcome Run(LambdaFunction fn, ExecutionEnvironment? env, string payload, DateTimeOffset now, InvocationLineage? lineage)
    {
        var cold = env is null;
        env ??= NewEnvironment(fn, now);
        env.Busy = true;
        var requestId = _ids.NewRequestId();
        var config = fn.Config;
        var timeout = TimeSpan.FromSeconds(config.Timeout);
        var t = now;
        TimeSpan? initDuration = null;
        var initTimedOut = false;
        Exception? initError = null;
        List<(TimeSpan, string)>? initLines = null;
        var runtimeMemory = cold ? fn.Code.BaseMemoryMb : env.RuntimeMemoryMb;
        var active = new ActiveInvocation(fn, null!, lineage);
        var previous = _current.Value;

        if (cold)
        {
            var init = new LambdaContext(_service, fn, "", env.LogStreamName, t, InitLimit, runtimeMemory, initPhase: true);
            _current.Value = active with { Context = init };
            try
            {
                using (RecursiveLoopDetection.Enter(lineage)) RunInit(fn, init);
            }
            catch (LambdaStoppedException) { }
            catch (Exception ex) { initError = ex; }
            finally { _current.Value = previous; }
            init.FlushPartial();
            initLines = init.Lines;
            if (init.TimedOut)
            {
                initTimedOut = true; // Lambda retries init inside the invocation, under the function timeout
                t += InitLimit;
            }
            else
            {
                initDuration = init.Elapsed;
                runtimeMemory = init.CurrentMemoryMb;
                t += init.Elapsed;
            }
        }

        var ctx = new LambdaContext(_service, fn, requestId, env.LogStreamName, t, timeout, runtimeMemory, initPhase: false);
        active = active with { Context = ctx };
        _current.Value = active;
        string? result = null;
        Exception? error = initError;
        try
        {
            using (RecursiveLoopDetection.Enter(lineage))
            {
                if (initTimedOut) RunInit(fn, ctx);
                if (error is null) result = fn.Code.Handler(payload, ctx).GetAwaiter().GetResult();
            }
        }
        catch (LambdaStoppedException) { }
        catch (Exception ex) { error = ex; }
        finally { _current.Value = previous; }
        ctx.FlushPartial();

        var duration = ctx.TimedOut ? timeout : ctx.Elapsed;
        var end = t + duration;
        string? functionError = null;
        string? errorLine = null;
        string responsePayload;
        var resetEnvironment = false;
        if (ctx.TimedOut)
        {
            functionError = "Unhandled";
            responsePayload = new JsonObject { ["errorMessage"] = LambdaLogFormat.TimedOut(end, requestId, config.Timeout) }.ToJsonString();
            resetEnvironment = true;
        }
        else if (ctx.OutOfMemory)
        {
            functionError = "Unhandled";
            responsePayload = ErrorJson("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: signal: killed", null);
            errorLine = $"RequestId: {requestId} Error: Runtime exited with error: signal: killed\nRuntime.ExitError";
            resetEnvironment = true;
        }
        else if (error is not null)
        {
            functionError = "Unhandled";
            responsePayload = ErrorJson(error.GetType().Name, error.Message, error);
            errorLine = $"{LambdaLogFormat.Timestamp(end)}\t{requestId}\tfail\t{error.GetType().FullName}: {error.Message}";
            resetEnvironment = initError is not null;
        }
        else
        {
            responsePayload = result ?? "null";
            if (Encoding.UTF8.GetByteCount(responsePayload) > MaxSyncPayloadBytes)
            {
                functionError = "Unhandled";
                responsePayload = ErrorJson("Function.ResponseSizeTooLarge", $"Response payload size exceeded maximum allowed payload size ({MaxSyncPayloadBytes} bytes).", null);
            }
        }

        var billedInit = (initDuration ?? TimeSpan.Zero) + (initTimedOut ? InitLimit : TimeSpan.Zero);
        var billedMs = LambdaPricing.BilledMilliseconds((duration + billedInit).TotalMilliseconds);

        env.Invocations++;
        env.BusyUntil = end;
        env.RuntimeMemoryMb = runtimeMemory;
        if (resetEnvironment) env.Shutdown = true;
        _concurrency.HoldUntil(env, end);

        var m = fn.Metrics.At(now);
        m.Invocations++;
        if (functionError is not null) m.Errors++;
        var ms = duration.TotalMilliseconds;
        m.DurationSumMs += ms;
        if (ms > m.DurationMaxMs) m.DurationMaxMs = ms;

        var log = new InvocationLog
        {
            RequestId = requestId, LogStream = env.LogStreamName, InitStart = now, Start = t, Duration = duration, BilledMs = billedMs,
            MemoryMb = config.MemorySize, MaxMemoryMb = ctx.MaxMemoryUsedMb, Init = initDuration, InitTimedOut = initTimedOut,
            TimedOut = ctx.TimedOut, TimeoutSeconds = config.Timeout, InitLines = initLines, Lines = ctx.Lines, ErrorLine = errorLine,
        };
        _logs.Keep(fn, log);

        var listPrice = _billing.AddUsage(now, config.MemorySize, billedMs, config.Architecture, config.EphemeralStorage.Size);
        var response = new InvokeResponse
        {
            StatusCode = 200, Payload = responsePayload, FunctionError = functionError, RequestId = requestId, Duration = duration,
            BilledDurationMs = billedMs, InitDuration = initDuration, SuppressedInit = initTimedOut, MaxMemoryUsedMb = ctx.MaxMemoryUsedMb,
            MemorySizeMb = config.MemorySize, TimedOut = ctx.TimedOut, ListPriceUsd = listPrice,
            LogLines = LambdaLogs.Lines(log),
        };
        return new Outcome(response, end);
    }

    private static void RunInit(LambdaFunction fn, LambdaContext ctx)
    {
        if (fn.Code.InitDuration > TimeSpan.Zero) ctx.Spend(fn.Code.InitDuration);
        fn.Code.Init?.Invoke(ctx);
    }

    private static string ErrorJson(string type, string message, Exception? ex)
    {
        var o = new JsonObject { ["errorType"] = type, ["errorMessage"] = message };
        if (ex?.StackTrace is { } st)
        {
            // Frames without file paths, so the text is the same on every machine.
            var frames = st.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                .Select(l => { var i = l.IndexOf(" in ", StringComparison.Ordinal); return i > 0 ? l[..i] : l; })
                .Select(l => (JsonNode)JsonValue.Create(l)!).ToArray();
            o["stackTrace"] = new JsonArray(frames);
        }
        return o.ToJsonString(AwsJson.Options);
    }
}

/// <summary>The invocation running now: its function, its context and the chain of events it belongs to.</summary>
internal sealed record ActiveInvocation(LambdaFunction Function, LambdaContext Context, InvocationLineage? Lineage);

/// <summary>What an invocation returned and when it ended on the simulated clock.</summary>
internal sealed record Outcome(InvokeResponse Response, DateTimeOffset End)
{
    public bool Failed => Response.FunctionError is not null;
}
