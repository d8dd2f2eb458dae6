namespace AwsSim.EventBridge;

public sealed partial class EventBridgeService
{
    private readonly Dictionary<string, ScheduleEntry> _schedules = new(StringComparer.Ordinal);
    private readonly List<ScheduleInvocation> _scheduleInvocations = new();

    /// <summary>Every invocation made by EventBridge Scheduler schedules, in order.</summary>
    public IReadOnlyList<ScheduleInvocation> ScheduleInvocations => _scheduleInvocations.ToArray();

    /// <summary>
    /// EventBridge Scheduler's <c>CreateSchedule</c> (a separate AWS service, simulated here beside the rules because it
    /// shares the expression engine): <c>cron(…)</c>, <c>rate(…)</c> or one-time <c>at(…)</c>, evaluated in
    /// <paramref name="scheduleExpressionTimezone"/> with Scheduler's daylight-saving behaviour (see
    /// <see cref="ScheduleExpression"/>), between optional start and end dates [aws-facts §3.2].
    /// </summary>
    /// <remarks>
    /// The target is a templated target: a Lambda function ARN is called with the target's <c>Input</c> ("an optional
    /// input that you want EventBridge Scheduler to deliver to the target", Scheduler user guide,
    /// managing-targets-templated), in which <c>&lt;aws.scheduler.schedule-arn&gt;</c> and
    /// <c>&lt;aws.scheduler.scheduled-time&gt;</c> are filled in. Simulator choices where the sources read do not say:
    /// without an Input the payload is <c>{}</c>; Lambda is invoked asynchronously. A rate schedule without a start date
    /// "starts invoking the target immediately" (Scheduler user guide, schedule-types): its first invocation is at
    /// creation, then every period; with a start date, at the start date. No flexible time window: fires at second 0.
    /// </remarks>
    /// <returns>The schedule ARN.</returns>
    public string CreateSchedule(string name, string scheduleExpression, EventTarget target, string? scheduleExpressionTimezone = null,
        DateTimeOffset? startDate = null, DateTimeOffset? endDate = null, RuleState state = RuleState.Enabled)
    {
        ValidateName("Name", name, 64);
        ArgumentNullException.ThrowIfNull(target);
        if (_schedules.ContainsKey(name)) throw new AwsException("ConflictException", $"Schedule {name} already exists.", 409);
        var schedule = ScheduleExpression.Parse(scheduleExpression, scheduleExpressionTimezone);
        if (startDate is { } s && endDate is { } e && e <= s)
        {
            throw new AwsValidationException("EndDate", EventBridgeEvent.FormatTime(e), $"must be after StartDate ({EventBridgeEvent.FormatTime(s)})", "ValidationException");
        }
        var info = new ScheduleInfo(name, $"arn:aws:scheduler:{_aws.Region}:{_aws.AccountId}:schedule/default/{name}", schedule.Text,
            schedule.IsUtc ? "UTC" : schedule.TimeZone.Id, target, startDate, endDate, state, _aws.Clock.Now);
        var entry = new ScheduleEntry { Info = info, Expression = schedule };
        _schedules[name] = entry;
        if (state == RuleState.Enabled) ArmSchedule(entry, first: true, after: _aws.Clock.Now);
        return info.Arn;
    }

    /// <summary>The schedule, as GetSchedule describes it.</summary>
    public ScheduleInfo GetSchedule(string name)
        => _schedules.TryGetValue(name, out var e) ? e.Info : throw new AwsException("ResourceNotFoundException", $"Schedule {name} does not exist.", 404);

    /// <summary>Deletes a schedule; its pending invocation is cancelled.</summary>
    public void DeleteSchedule(string name)
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
        work = _aws.Clock.Schedule(due, () =>
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
        string outcome;
        if (info.Target.LambdaFunctionName is { } fn)
        {
            if (LambdaInvoker is null) outcome = "failed: no Lambda invoker is wired to this account (set aws.Events.LambdaInvoker)";
            else
            {
                try { LambdaInvoker.InvokeAsync(fn, payload, "aws:scheduler"); outcome = "invoked"; }
                catch (AwsException ex) { outcome = $"failed: {ex.Message}"; }
            }
        }
        else outcome = "recorded";
        _scheduleInvocations.Add(new ScheduleInvocation(_aws.Clock.Now, info.Name, info.Arn, info.Target.Arn, payload, outcome));
    }

    private sealed class ScheduleEntry
    {
        public ScheduleInfo Info { get; set; } = null!;
        public ScheduleExpression Expression { get; set; } = null!;
        public ScheduledWork? Pending { get; set; }
    }
}
