namespace AwsSim.EventBridge;

/// <summary>
/// EventBridge Scheduler's schedules (a separate AWS service, simulated beside the rules because it shares the
/// expression engine): each armed on the simulated clock for its next time, its target called when it fires.
/// </summary>
internal sealed class SchedulerSchedules(AccountContext aws, Func<ILambdaInvoker?> lambda)
{
    private readonly Dictionary<string, ScheduleEntry> _schedules = new(StringComparer.Ordinal);
    private readonly List<ScheduleInvocation> _scheduleInvocations = new();

    /// <summary>Every invocation made by EventBridge Scheduler schedules, in order.</summary>
    internal IReadOnlyList<ScheduleInvocation> ScheduleInvocations => _scheduleInvocations.ToArray();

    /// <summary>Creates a schedule (see <see cref="EventBridgeService.CreateSchedule"/>) and returns its ARN.</summary>
    internal string CreateSchedule(string name, string scheduleExpression, EventTarget target, string? scheduleExpressionTimezone = null,
        DateTimeOffset? startDate = null, DateTimeOffset? endDate = null, RuleState state = RuleState.Enabled)
    {
        EventBridgeNames.Validate("Name", name, 64);
        ArgumentNullException.ThrowIfNull(target);
        if (_schedules.ContainsKey(name)) throw new AwsException("ConflictException", $"Schedule {name} already exists.", 409);
        var schedule = ScheduleExpression.Parse(scheduleExpression, scheduleExpressionTimezone);
        if (startDate is { } s && endDate is { } e && e <= s)
        {
            throw new AwsValidationException("EndDate", EventBridgeEvent.FormatTime(e), $"must be after StartDate ({EventBridgeEvent.FormatTime(s)})", "ValidationException");
        }
        var info = new ScheduleInfo(name, $"arn:aws:scheduler:{aws.Region}:{aws.AccountId}:schedule/default/{name}", schedule.Text,
            schedule.IsUtc ? "UTC" : schedule.TimeZone.Id, target, startDate, endDate, state, aws.Clock.Now);
        var entry = new ScheduleEntry { Info = info, Expression = schedule };
        _schedules[name] = entry;
        if (state == RuleState.Enabled) ArmSchedule(entry, first: true, after: aws.Clock.Now);
        return info.Arn;
    }

    /// <summary>The schedule, as GetSchedule describes it.</summary>
    internal ScheduleInfo GetSchedule(string name)
        => _schedules.TryGetValue(name, out var e) ? e.Info : throw new AwsException("ResourceNotFoundException", $"Schedule {name} does not exist.", 404);

    /// <summary>Deletes a schedule; its pending invocation is cancelled.</summary>
    internal void DeleteSchedule(string name)
    {
        if (!_schedules.Remove(name, out var e)) throw new AwsException("ResourceNotFoundException", $"Schedule {name} does not exist.", 404);
        e.Pending?.Cancel();
    }

    private DateTimeOffset? NextScheduleFire(ScheduleEntry entry, DateTimeOffset after, bool first)
    {
        var info = entry.Info;
        DateTimeOffset? next;
        if (entry.Expression is RateSchedule rate)
        {
            var origin = info.StartDate ?? info.CreatedAt;
            // The origin itself is the first invocation ("starts invoking immediately" / at the start date).
            var originMinute = new DateTimeOffset(origin.UtcDateTime.Ticks - origin.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            next = first && originMinute >= new DateTimeOffset(after.UtcDateTime.Ticks - after.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero)
                ? originMinute
                : rate.Next(after < origin ? origin : after, originMinute);
        }
        else
        {
            var from = info.StartDate is { } s && s > after ? s.AddTicks(-1) : after;
            next = entry.Expression.Next(from);
        }
        return next is { } n && (info.EndDate is null || n <= info.EndDate) ? n : null;
    }

    private void ArmSchedule(ScheduleEntry entry, bool first, DateTimeOffset after)
    {
        if (NextScheduleFire(entry, after, first) is not { } due) return;
        ScheduledWork? work = null;
        work = aws.Clock.Schedule(due, () =>
        {
            if (!ReferenceEquals(entry.Pending, work)) return;
            entry.Pending = null;
            InvokeSchedule(entry, due);
            if (entry.Pending is null && _schedules.TryGetValue(entry.Info.Name, out var still) && ReferenceEquals(still, entry)) ArmSchedule(entry, first: false, after: due);
        }, $"scheduler:{entry.Info.Name}");
        entry.Pending = work;
    }

    private void InvokeSchedule(ScheduleEntry entry, DateTimeOffset due)
    {
        var info = entry.Info;
        var payload = (info.Target.Input ?? "{}")
            .Replace("<aws.scheduler.schedule-arn>", info.Arn, StringComparison.Ordinal)
            .Replace("<aws.scheduler.scheduled-time>", EventBridgeEvent.FormatTime(due), StringComparison.Ordinal);
        var outcome = info.Target.LambdaFunctionName is { } fn ? EventBridgeNames.InvokeLambda(lambda(), fn, payload, "aws:scheduler") : "recorded";
        _scheduleInvocations.Add(new ScheduleInvocation(aws.Clock.Now, info.Name, info.Arn, info.Target.Arn, payload, outcome));
    }

    private sealed class ScheduleEntry
    {
        public ScheduleInfo Info { get; set; } = null!;
        public ScheduleExpression Expression { get; set; } = null!;
        public ScheduledWork? Pending { get; set; }
    }
}
