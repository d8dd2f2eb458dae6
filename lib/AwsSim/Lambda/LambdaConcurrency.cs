namespace AwsSim.Lambda;

/// <summary>
/// Lambda's concurrency: which execution environments are busy until when, per function and for the account, the
/// reserved and unreserved pools, and whether a function may start one more invocation now (or is throttled).
/// </summary>
internal sealed class LambdaConcurrency(LambdaOptions options)
{
    private readonly PriorityQueue<ExecutionEnvironment, (DateTimeOffset Due, long Seq)> _busy = new();
    private long _busySeq;
    private int _accountBusy;
    private int _unreservedBusy;
    private int _reservedTotal;

    /// <summary>Busy environments in the account (after <see cref="ReleaseDue"/>).</summary>
    internal int AccountBusy => _accountBusy;

    /// <summary>Concurrency reserved by all functions.</summary>
    internal int ReservedTotal => _reservedTotal;

    /// <summary>Recounts the reserved pool from the functions that exist.</summary>
    internal void RecomputeReserved(IEnumerable<LambdaFunction> functions) => _reservedTotal = functions.Where(f => !f.Deleted).Sum(f => f.Reserved ?? 0);

    /// <summary>
    /// PutFunctionConcurrency: reserves <paramref name="reserved"/> for <paramref name="fn"/> unless that leaves the
    /// unreserved pool below its minimum.
    /// </summary>
    internal void Put(LambdaFunction fn, int reserved, IEnumerable<LambdaFunction> functions)
    {
        Validate.Range("ReservedConcurrentExecutions", reserved, 0, options.AccountConcurrencyLimit, "concurrent executions");
        var others = _reservedTotal - (fn.Reserved ?? 0);
        if (options.AccountConcurrencyLimit - others - reserved < options.MinimumUnreservedConcurrency)
        {
            throw new AwsException("InvalidParameterValueException",
                $"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{options.MinimumUnreservedConcurrency}].");
        }
        Reserve(fn, reserved);
        RecomputeReserved(functions);
    }

    /// <summary>Moves a function into the reserved pool (its busy environments leave the unreserved count).</summary>
    internal void Reserve(LambdaFunction fn, int reserved)
    {
        if (!fn.Reserved.HasValue) _unreservedBusy -= fn.Busy;
        fn.Reserved = reserved;
    }

    /// <summary>Moves a function back to the unreserved pool.</summary>
    internal void Unreserve(LambdaFunction fn)
    {
        if (fn.Reserved.HasValue) _unreservedBusy += fn.Busy;
        fn.Reserved = null;
    }

    /// <summary>Keeps <paramref name="env"/> busy until <paramref name="end"/>.</summary>
    internal void HoldUntil(ExecutionEnvironment env, DateTimeOffset end) => _busy.Enqueue(env, (end, _busySeq++));

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

    internal bool HasCapacity(LambdaFunction fn)
        => fn.Reserved is { } r ? fn.Busy < r : _unreservedBusy < options.AccountConcurrencyLimit - _reservedTotal;

    internal bool TryAcquire(LambdaFunction fn, DateTimeOffset now, out ExecutionEnvironment? env, out string? reason)
    {
        ReleaseDue(now);
        env = null;
        if (fn.Reserved is { } r)
        {
            if (fn.Busy >= r) { reason = "ReservedFunctionConcurrentInvocationLimitExceeded"; return false; }
        }
        else if (_unreservedBusy >= options.AccountConcurrencyLimit - _reservedTotal)
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
}
