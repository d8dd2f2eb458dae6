using System.Text;
using System.Text.Json.Nodes;

namespace AwsSim.Lambda;

public sealed partial class LambdaService
{
    /// <summary>Largest synchronous request or response payload: 6 MB.</summary>
    public const int MaxSyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Largest asynchronous event: 1 MB (current Invoke API; the 2023 guide said 256 KB).</summary>
    public const int MaxAsyncPayloadBytes = 1024 * 1024;

    private readonly PriorityQueue<ExecutionEnvironment, (DateTimeOffset Due, long Seq)> _busy = new();
    private readonly AsyncLocal<ActiveInvocation?> _current = new();
    private long _busySeq;
    private int _accountBusy;
    private int _unreservedBusy;

    /// <summary>The function whose code is running right now (null outside handlers).</summary>
    public string? CurrentFunctionName => _current.Value?.Function.Name;

    /// <summary>The context of the handler running right now (null outside handlers).</summary>
    public ILambdaContext? CurrentContext => _current.Value?.Context;

    /// <summary>
    /// For other services (S3, SQS…): checks that the function whose code is calling — if any — may do
    /// <paramref name="action"/> on <paramref name="resource"/>. Calls from outside a function (the account owner in a
    /// notebook) are allowed. Throws <paramref name="errorCode"/> (403), e.g. S3 passes <c>AccessDenied</c>.
    /// </summary>
    public void Authorize(string action, string resource, string errorCode = "AccessDeniedException")
    {
        if (_current.Value is { } active) AuthorizeRole(active.Function, action, resource, errorCode);
    }

    void ICallerAuthorizer.AuthorizeCaller(string action, string resource, string errorCode) => Authorize(action, resource, errorCode);

    internal void AuthorizeRole(LambdaFunction fn, string action, string resource, string errorCode)
    {
        var decision = fn.Role.Evaluate(action, resource);
        if (decision == IamDecision.Allowed) return;
        var why = decision == IamDecision.ExplicitDeny
            ? "with an explicit deny in an identity-based policy"
            : $"because no identity-based policy allows the {action} action";
        throw new AwsException(errorCode,
            $"User: arn:aws:sts::{_aws.AccountId}:assumed-role/{fn.Role.RoleName}/{fn.Name} is not authorized to perform: {action} on resource: \"{resource}\" {why}", 403);
    }

    /// <summary>
    /// Invokes a function (AWS's Invoke). RequestResponse runs it now and returns its result (a function error is
    /// still HTTP 200, with <see cref="InvokeResponse.FunctionError"/> "Unhandled"); Event queues it (202); DryRun
    /// checks only (204). The simulated clock does not move: the execution environment stays busy until the
    /// invocation's end, and <c>aws.Clock.Advance</c> moves on.
    /// </summary>
    /// <exception cref="TooManyRequestsException">No concurrency is available (429).</exception>
    /// <exception cref="AwsException">ResourceNotFoundException (404), RequestTooLargeException (413).</exception>
    public InvokeResponse Invoke(string functionName, string payload = "{}", InvocationType invocationType = InvocationType.RequestResponse)
    {
        payload ??= "";
        var fn = Find(functionName);
        if (invocationType == InvocationType.Event)
        {
            return new InvokeResponse { StatusCode = 202, RequestId = InvokeAsync(functionName, payload), MemorySizeMb = fn.Config.MemorySize };
        }
        CheckPayload(payload, MaxSyncPayloadBytes);
        if (invocationType == InvocationType.DryRun) return new InvokeResponse { StatusCode = 204, RequestId = NewRequestId(), MemorySizeMb = fn.Config.MemorySize };
        var now = _current.Value is { } caller ? caller.Context.Now : _aws.Clock.Now;
        var lineage = LineageFor(fn);
        if (lineage.Exceeded && fn.RecursiveLoop == "Terminate")
        {
            throw new AwsException(RecursiveLoopDetection.ErrorCode,
                $"Lambda has detected your function being invoked in a recursive loop and stopped invocation {lineage.Count} of {fn.Name} in one chain.");
        }
        if (!TryAcquire(fn, now, out var env, out var reason))
        {
            fn.Metrics.At(now).Throttles++;
            throw new TooManyRequestsException(reason!, reason == "ReservedFunctionConcurrentInvocationLimitExceeded"
                ? $"The function's reserved concurrency ({fn.Reserved}) is in use."
                : $"The account's unreserved concurrency ({Options.AccountConcurrencyLimit - ReservedTotal()}) is in use.");
        }
        var outcome = Run(fn, env!, payload, now, lineage);
        if (_current.Value is { } parent)
        {
            // A function calling another synchronously waits for it.
            parent.Context.Spend(outcome.End - now);
        }
        else if (Options.BillingInterval <= TimeSpan.Zero)
        {
            PostCharges(); // a caller outside the clock sees the charge on aws.Bill at once
        }
        return outcome.Response;
    }

    /// <inheritdoc />
    LambdaInvokeResult ILambdaInvoker.Invoke(string functionName, string payloadJson)
    {
        try
        {
            var r = Invoke(functionName, payloadJson);
            return new LambdaInvokeResult(r.StatusCode, r.Payload, r.FunctionError, r.Duration);
        }
        catch (AwsException ex) when (ex is not AwsValidationException)
        {
            return new LambdaInvokeResult(ex.StatusCode, $"{{\"message\":{System.Text.Json.JsonSerializer.Serialize(ex.Reason)}}}", null, TimeSpan.Zero, ex.ErrorCode);
        }
    }

    private static void CheckPayload(string payload, int limit)
    {
        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (bytes > limit)
        {
            throw new AwsException("RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation (this one is {bytes} bytes).", 413);
        }
    }

    // ---------------------------------------------------------------- concurrency and environments

    internal void ReleaseDue(DateTimeOffset now)
    {
        while (_busy.TryPeek(out var env, out var p) && p.Due <= now)
        {
            _busy.Dequeue();
            var fn = env.Owner!;
            env.Busy = false;
            fn.Busy--;
            _accountBusy--;
            if (!fn.Reserved.HasValue) _unreservedBusy--;
            if (!env.Shutdown && !fn.Deleted) fn.Idle.Push(env);
        }
    }

    /// <summary>
    /// The chain an event for <paramref name="fn"/> sent now belongs to (see <see cref="RecursiveLoopDetection"/>).
    /// Events sent from outside any function start a chain; they share one immutable lineage per function.
    /// </summary>
    private static InvocationLineage LineageFor(LambdaFunction fn)
        => RecursiveLoopDetection.Current is null
            ? fn.FreshLineage ??= new InvocationLineage("chain-" + fn.Name, new Dictionary<string, int>(StringComparer.Ordinal) { [fn.Name] = 1 }, fn.Name)
            : RecursiveLoopDetection.ForNextInvocation(fn.Name);

    private bool HasCapacity(LambdaFunction fn)
        => fn.Reserved is { } r ? fn.Busy < r : _unreservedBusy < Options.AccountConcurrencyLimit - _reservedTotal;

    private bool TryAcquire(LambdaFunction fn, DateTimeOffset now, out ExecutionEnvironment? env, out string? reason)
    {
        ReleaseDue(now);
        env = null;
        if (fn.Reserved is { } r)
        {
            if (fn.Busy >= r) { reason = "ReservedFunctionConcurrentInvocationLimitExceeded"; return false; }
        }
        else if (_unreservedBusy >= Options.AccountConcurrencyLimit - _reservedTotal)
        {
            reason = "ConcurrentInvocationLimitExceeded";
            return false;
        }
        reason = null;
        while (fn.Idle.Count > 0)
        {
            var e = fn.Idle.Pop();
            if (e.Shutdown) continue;
            if (now >= e.BusyUntil + e.IdleLifetime)
            {
                e.Shutdown = true; // reclaimed while idle
                continue;
            }
            env = e;
            break;
        }
        if (fn.AllEnvironments.Count > 64 && fn.AllEnvironments.Count > 2 * (fn.Busy + fn.Idle.Count)) fn.AllEnvironments.RemoveAll(x => x.Shutdown);
        fn.Busy++;
        _accountBusy++;
        if (!fn.Reserved.HasValue) _unreservedBusy++;
        var m = fn.Metrics.At(now);
        if (fn.Busy > m.ConcurrentExecutions) m.ConcurrentExecutions = fn.Busy;
        return true;
    }

    private ExecutionEnvironment NewEnvironment(LambdaFunction fn, DateTimeOffset now)
    {
        var id = NewHex32();
        var (min, max) = Options.IdleLifetimeRange;
        var lifetime = min + TimeSpan.FromTicks((long)((max - min).Ticks * _random.NextDouble()));
        var env = new ExecutionEnvironment(fn.Name, id, $"{now.UtcDateTime:yyyy/MM/dd}/[$LATEST]{id}", now, lifetime) { Owner = fn };
        fn.AllEnvironments.Add(env);
        return env;
    }

    // ---------------------------------------------------------------- one invocation

    private Outcome Run(LambdaFunction fn, ExecutionEnvironment? env, string payload, DateTimeOffset now, InvocationLineage? lineage)
    {
        var cold = env is null;
        env ??= NewEnvironment(fn, now);
        env.Busy = true;
        var requestId = NewRequestId();
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
            var init = new LambdaContext(this, fn, "", env.LogStreamName, t, InitLimit, runtimeMemory, initPhase: true);
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

        var ctx = new LambdaContext(this, fn, requestId, env.LogStreamName, t, timeout, runtimeMemory, initPhase: false);
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
        _busy.Enqueue(env, (end, _busySeq++));

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
        if (CanWriteLogs(fn))
        {
            fn.Logs.Enqueue(log);
            while (fn.Logs.Count > Options.LogRetentionInvocations) fn.Logs.Dequeue();
        }
        else
        {
            fn.LogsDropped++;
        }

        var listPrice = AddUsage(now, config.MemorySize, billedMs, config.Architecture, config.EphemeralStorage.Size);
        var response = new InvokeResponse
        {
            StatusCode = 200, Payload = responsePayload, FunctionError = functionError, RequestId = requestId, Duration = duration,
            BilledDurationMs = billedMs, InitDuration = initDuration, SuppressedInit = initTimedOut, MaxMemoryUsedMb = ctx.MaxMemoryUsedMb,
            MemorySizeMb = config.MemorySize, TimedOut = ctx.TimedOut, ListPriceUsd = listPrice,
            LogLines = new LazyLines(log),
        };
        return new Outcome(response, end);
    }

    private static void RunInit(LambdaFunction fn, LambdaContext ctx)
    {
        if (fn.Code.InitDuration > TimeSpan.Zero) ctx.Spend(fn.Code.InitDuration);
        fn.Code.Init?.Invoke(ctx);
    }

    private bool CanWriteLogs(LambdaFunction fn)
    {
        if (fn.LogPermissionRoleVersion != fn.Role.Version || fn.LogPermissionRole != fn.Role)
        {
            var group = $"arn:aws:logs:{_aws.Region}:{_aws.AccountId}:log-group:/aws/lambda/{fn.Name}:*";
            fn.CanWriteLogs = fn.Role.IsAllowed("logs:CreateLogStream", group) && fn.Role.IsAllowed("logs:PutLogEvents", group);
            fn.LogPermissionRoleVersion = fn.Role.Version;
            fn.LogPermissionRole = fn.Role;
        }
        return fn.CanWriteLogs;
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

    private string NewRequestId()
    {
        // A version-4 UUID from the seeded generator (SplitMix64: fast and deterministic).
        var hi = (NextId() & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x0000_0000_0000_4000UL;
        var lo = (NextId() & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;
        return string.Create(36, (hi, lo), static (span, v) =>
        {
            const string hex = "0123456789abcdef";
            var pos = 0;
            for (var i = 0; i < 32; i++)
            {
                if (i is 8 or 12 or 16 or 20) span[pos++] = '-';
                var word = i < 16 ? v.hi : v.lo;
                var shift = 60 - 4 * (i % 16);
                span[pos++] = hex[(int)((word >> shift) & 0xF)];
            }
        });
    }

    private string NewHex32() => NewRequestId().Replace("-", "", StringComparison.Ordinal);

    private ulong NextId()
    {
        var z = _idState += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    internal sealed record ActiveInvocation(LambdaFunction Function, LambdaContext Context, InvocationLineage? Lineage);

    internal sealed record Outcome(InvokeResponse Response, DateTimeOffset End)
    {
        public bool Failed => Response.FunctionError is not null;
    }

    /// <summary>The log lines of one invocation, rendered when first read.</summary>
    private sealed class LazyLines(InvocationLog log) : IReadOnlyList<string>
    {
        private List<string>? _lines;

        private List<string> Lines => _lines ??= log.Render().Select(e => e.Message).ToList();

        public string this[int index] => Lines[index];

        public int Count => Lines.Count;

        public IEnumerator<string> GetEnumerator() => Lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
