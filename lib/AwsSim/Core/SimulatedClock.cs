namespace AwsSim;

/// <summary>
/// Simulated time. Nothing in the course reads the wall clock: services ask this clock for "now", and
/// schedule work on it (a retry in two minutes, a cron rule's next firing, a Batch job finishing).
/// <see cref="Advance"/> moves time forward and runs everything that falls due, in time order.
/// </summary>
/// <remarks>
/// It is a <see cref="TimeProvider"/>, so code written against .NET's time abstraction
/// (<c>TimeProvider.GetUtcNow()</c>, <c>CreateTimer</c>, <c>Task.Delay(…, timeProvider)</c>) runs on simulated time too.
/// Work due at the same instant runs in the order it was scheduled, so runs are deterministic.
/// </remarks>
public sealed class SimulatedClock : TimeProvider
{
    /// <summary>The instant a new clock starts at unless told otherwise: 2026-01-01T00:00:00Z (a Thursday).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<ScheduledWork, (DateTimeOffset Due, long Seq)> _queue = new();
    private readonly object _gate = new();
    private DateTimeOffset _now;
    private long _seq;
    private bool _advancing;

    /// <summary>Creates a clock at <paramref name="start"/> (default <see cref="DefaultStart"/>).</summary>
    public SimulatedClock(DateTimeOffset? start = null)
    {
        _now = (start ?? DefaultStart).ToUniversalTime();
    }

    /// <summary>The current simulated instant (UTC).</summary>
    public DateTimeOffset Now { get { lock (_gate) { return _now; } } }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Simulated timestamps are ticks of simulated time, so elapsed-time measurements follow the clock.</summary>
    public override long GetTimestamp() => Now.UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many pieces of work are waiting to run (cancelled work not counted).</summary>
    public int Pending { get { lock (_gate) { return _queue.UnorderedItems.Count(i => !i.Element.Cancelled); } } }

    /// <summary>When the next piece of scheduled work is due, or null when nothing is waiting.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                // Cancelled work never runs, so it must not count as "next": drop it from the front of the queue.
                while (_queue.TryPeek(out var item, out var p))
                {
                    if (!item.Cancelled) return p.Due;
                    _queue.Dequeue();
                }
                return null;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> when the clock reaches <paramref name="due"/>. Work due in the past runs at the
    /// next <see cref="Advance"/> (or <see cref="RunDue"/>), at the current instant.
    /// </summary>
    /// <returns>A handle that can cancel the work before it runs.</returns>
    public ScheduledWork Schedule(DateTimeOffset due, Action work, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var item = new ScheduledWork(due < _now ? _now : due, work, label);
            _queue.Enqueue(item, (item.Due, _seq++));
            return item;
        }
    }

    /// <summary>Runs <paramref name="work"/> after <paramref name="delay"/> of simulated time.</summary>
    public ScheduledWork ScheduleAfter(TimeSpan delay, Action work, string? label = null) => Schedule(Now + delay, work, label);

    /// <summary>
    /// Moves time forward by <paramref name="by"/>, running everything due on the way in time order; while a piece of
    /// work runs, <see cref="Now"/> is the instant it was due.
    /// </summary>
    /// <returns>How many pieces of work ran.</returns>
    public int Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new AwsValidationException("by", by.ToString(), "must not be negative: simulated time only moves forward");
        }
        return AdvanceTo(Now + by);
    }

    /// <summary>Moves time forward to <paramref name="instant"/>, running everything due up to and including it.</summary>
    /// <returns>How many pieces of work ran.</returns>
    public int AdvanceTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            if (instant < _now)
            {
                throw new AwsValidationException("instant", instant.ToString("O"), $"must not be before now ({_now:O}): simulated time only moves forward");
            }
            if (_advancing)
            {
                // Work that advances the clock from inside Advance would run other work out of order.
                throw new InvalidOperationException("The clock cannot be advanced from inside scheduled work; schedule more work instead.");
            }
            _advancing = true;
        }
        var ran = 0;
        try
        {
            while (true)
            {
                ScheduledWork item;
                lock (_gate)
                {
                    if (!_queue.TryPeek(out item!, out var p) || p.Due > instant) break;
                    _queue.Dequeue();
                    if (p.Due > _now) _now = p.Due;
                }
                if (item.Cancelled) continue;
                item.MarkRan();
                item.Work();
                ran++;
            }
            lock (_gate) { _now = instant; }
        }
        finally
        {
            lock (_gate) { _advancing = false; }
        }
        return ran;
    }

    /// <summary>Runs whatever is already due without moving time.</summary>
    public int RunDue() => AdvanceTo(Now);

    /// <summary>
    /// Advances until nothing is left to run, or until <paramref name="limit"/> (a guard against work that
    /// reschedules itself forever, such as a rate rule). Returns how many pieces of work ran.
    /// </summary>
    public int RunUntilIdle(DateTimeOffset limit)
    {
        var ran = 0;
        while (NextDue is { } next && next <= limit)
        {
            ran += AdvanceTo(next);
        }
        return ran;
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new SimulatedTimer(this, callback, state, dueTime, period);

    private sealed class SimulatedTimer : ITimer
    {
        private readonly SimulatedClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private ScheduledWork? _next;
        private TimeSpan _period;

        public SimulatedTimer(SimulatedClock clock, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _next?.Cancel();
            _period = period;
            if (dueTime != Timeout.InfiniteTimeSpan) Arm(dueTime);
            return true;
        }

        private void Arm(TimeSpan after)
        {
            _next = _clock.ScheduleAfter(after, () =>
            {
                _callback(_state);
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) Arm(_period);
            }, "timer");
        }

        public void Dispose() => _next?.Cancel();

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A piece of work waiting on the <see cref="SimulatedClock"/>.</summary>
public sealed class ScheduledWork
{
    internal ScheduledWork(DateTimeOffset due, Action work, string? label)
    {
        Due = due;
        Work = work;
        Label = label;
    }

    /// <summary>When it runs.</summary>
    public DateTimeOffset Due { get; }

    /// <summary>What it is, for logs and debugging.</summary>
    public string? Label { get; }

    /// <summary>True once cancelled; cancelled work never runs.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>True once it has run.</summary>
    public bool Ran { get; private set; }

    internal Action Work { get; }

    /// <summary>Stops the work from running, if it has not run yet.</summary>
    public void Cancel() => Cancelled = true;

    internal void MarkRan() => Ran = true;
}
