using System.Security.Cryptography;
using System.Text;

namespace AwsSim.EventBridge;

/// <summary>
/// Amazon EventBridge (formerly CloudWatch Events) in one account: event buses, rules (scheduled and event-pattern),
/// targets, and a delivery log. Scheduled rules fire on the account's simulated clock: advancing
/// <c>aws.Clock</c> fires everything due, in time order, exactly once per occurrence.
/// </summary>
/// <remarks>
/// <para>Facts encoded [aws-facts §2.4, §3.1]: scheduled rules are UTC only, minute precision, only on the
/// <c>default</c> bus; a rate schedule starts when the rule is created; EventBridge invokes Lambda asynchronously with the
/// scheduled-event JSON (<c>"detail-type": "Scheduled Event"</c>, <c>"source": "aws.events"</c>, <c>resources</c> = the
/// rule ARN, <c>detail</c> = <c>{}</c>); up to 5 targets per rule.</para>
/// <para>Exactly once is the simulator's promise, not AWS's: AWS services deliver events to EventBridge "at least once"
/// (durable delivery) and EventBridge retries targets under a retry policy (EventBridge user guide,
/// eb-service-event-delivery-level and eb-rule-retry-policy), so real targets must tolerate duplicates and should be
/// idempotent. AWS also fires somewhere within the scheduled minute; the simulator fires at second 0. Failed deliveries
/// are logged, not retried.</para>
/// </remarks>
public sealed class EventBridgeService : IEventPublisher
{
    /// <summary>The name of the default event bus.</summary>
    public const string DefaultBus = "default";

    /// <summary>Targets per rule [LDG: each schedule "targeting up to 5 functions"].</summary>
    public const int MaxTargetsPerRule = 5;

    private readonly AccountContext _aws;
    private readonly Dictionary<(string Bus, string Name), RuleEntry> _rules = new();
    private readonly HashSet<string> _buses = new(StringComparer.Ordinal) { DefaultBus };
    private readonly List<EventDelivery> _deliveries = new();
    private readonly Queue<EventBridgeEvent> _events = new();
    private readonly Dictionary<string, List<RuleEntry>> _patternRules = new(StringComparer.Ordinal);
    private bool _patternRulesStale = true;
    private readonly SchedulerSchedules _schedules;
    private long _eventCounter;

    internal EventBridgeService(AccountContext aws, ILambdaInvoker? lambda, EventBridgeOptions? options = null)
    {
        _aws = aws;
        Options = options ?? new();
        LambdaInvoker = lambda;
        _schedules = new SchedulerSchedules(aws, () => LambdaInvoker);
    }

    /// <summary>
    /// How Lambda targets are invoked (asynchronously, like AWS): the account's <c>aws.Lambda</c>; a lesson may put a
    /// stand-in here. Without one, Lambda deliveries are logged as failed.
    /// </summary>
    public ILambdaInvoker? LambdaInvoker { get; set; }

    /// <summary>Every delivery so far, in the order it happened: which rule gave which event to which target, and when.</summary>
    public IReadOnlyList<EventDelivery> Deliveries => _deliveries.ToArray();

    /// <summary>This service's options (fixed when the account is built).</summary>
    public EventBridgeOptions Options { get; }

    /// <summary>
    /// The latest events that reached a bus (scheduled events, PutEvents, events published by other services), oldest
    /// first: at most <see cref="EventBridgeOptions.EventLogCapacity"/> of them, none by default.
    /// </summary>
    public IReadOnlyList<EventBridgeEvent> Events => _events.ToArray();

    /// <summary>
    /// Whether an event from <paramref name="source"/> published now would be kept or delivered: the event log is on, or
    /// an enabled event-pattern rule on the default bus may match that source. Publishers skip building the others.
    /// </summary>
    public bool Wants(string source)
    {
        if (Options.EventLogCapacity > 0) return true;
        foreach (var entry in PatternRules(DefaultBus))
        {
            if (entry.Rule.State == RuleState.Enabled && entry.Pattern!.MayMatchSource(source)) return true;
        }
        return false;
    }

    /// <summary>Creates a custom event bus (for event-pattern rules; scheduled rules live on <c>default</c>).</summary>
    /// <returns>The bus ARN.</returns>
    public string CreateEventBus(string name)
    {
        EventBridgeNames.Validate("Name", name, 256);
        if (name == DefaultBus || !_buses.Add(name))
        {
            throw new AwsException("ResourceAlreadyExistsException", $"Event bus {name} already exists.");
        }
        return BusArn(name);
    }

    /// <summary>
    /// Creates or updates a rule. Give a <paramref name="scheduleExpression"/> (<c>cron(…)</c> or <c>rate(…)</c>, UTC), an
    /// <paramref name="eventPattern"/>, or both. Returns the rule ARN.
    /// </summary>
    public string PutRule(string name, string? scheduleExpression = null, string? eventPattern = null, RuleState state = RuleState.Enabled,
        string? description = null, string eventBusName = DefaultBus)
    {
        EventBridgeNames.Validate("Name", name, 64);
        var bus = Bus(eventBusName);
        if (scheduleExpression is null && eventPattern is null)
        {
            throw new AwsValidationException("ScheduleExpression", null, "a rule needs a ScheduleExpression or an EventPattern (or both)", "ValidationException");
        }
        ScheduleExpression? schedule = null;
        if (scheduleExpression is not null)
        {
            if (bus != DefaultBus)
            {
                throw new AwsValidationException("EventBusName", bus, "scheduled rules are supported only on the default event bus", "ValidationException");
            }
            schedule = ScheduleExpression.Parse(scheduleExpression);
            if (schedule is AtSchedule)
            {
                throw new ScheduleExpressionException("ScheduleExpression", scheduleExpression, "rules take cron(...) or rate(...); one-time at(...) schedules belong to EventBridge Scheduler");
            }
        }
        var pattern = eventPattern is null ? null : EventPattern.Parse(eventPattern);

        var key = (bus, name);
        var now = _aws.Clock.Now;
        _rules.TryGetValue(key, out var existing);
        var createdAt = existing is not null && existing.Rule.ScheduleExpression == scheduleExpression ? existing.Rule.CreatedAt : now;
        var rule = new EventRule(name, RuleArn(bus, name), bus, scheduleExpression, eventPattern, state, description, existing?.Rule.CreatedAt ?? now);
        var entry = existing ?? new RuleEntry();
        entry.Rule = rule;
        entry.Schedule = schedule;
        entry.Pattern = pattern;
        entry.ScheduleStart = createdAt; // a rate schedule counts from when it was created (or last changed)
        _rules[key] = entry;
        _patternRulesStale = true;
        Arm(entry);
        return rule.Arn;
    }

    /// <summary>The rule, as DescribeRule returns it.</summary>
    public EventRule DescribeRule(string name, string eventBusName = DefaultBus) => Get(name, eventBusName).Rule;

    /// <summary>The rules on a bus, by name, optionally only those starting with <paramref name="namePrefix"/>.</summary>
    public IReadOnlyList<EventRule> ListRules(string? namePrefix = null, string eventBusName = DefaultBus)
    {
        var bus = Bus(eventBusName);
        return _rules.Where(r => r.Key.Bus == bus && (namePrefix is null || r.Key.Name.StartsWith(namePrefix, StringComparison.Ordinal)))
            .Select(r => r.Value.Rule).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds or replaces (by id) targets of a rule; a rule has at most five.</summary>
    public void PutTargets(string rule, IEnumerable<EventTarget> targets, string eventBusName = DefaultBus)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var entry = Get(rule, eventBusName);
        var list = targets.ToList();
        foreach (var t in list)
        {
            EventBridgeNames.Validate("Targets.Id", t.Id, 64);
            if (string.IsNullOrWhiteSpace(t.Arn)) throw new AwsValidationException("Targets.Arn", t.Arn, "must be the ARN of the target, e.g. arn:aws:lambda:us-east-1:123456789012:function:cleanup", "ValidationException");
            if (t.Input is not null)
            {
                try { System.Text.Json.JsonDocument.Parse(t.Input).Dispose(); }
                catch (System.Text.Json.JsonException) { throw new AwsValidationException("Targets.Input", t.Input, "must be valid JSON", "ValidationException"); }
            }
        }
        // Same id replaces in place; new ids are appended.
        var merged = entry.Targets.Select(t => list.LastOrDefault(n => n.Id == t.Id) ?? t)
            .Concat(list.Where(n => entry.Targets.All(t => t.Id != n.Id)).GroupBy(n => n.Id).Select(g => g.Last())).ToList();
        if (merged.Count > MaxTargetsPerRule)
        {
            throw new AwsException("LimitExceededException", $"The requested resource exceeds the maximum number allowed: a rule has at most {MaxTargetsPerRule} targets ({merged.Count} requested).");
        }
        entry.Targets = merged;
    }

    /// <summary>Adds or replaces targets of a rule.</summary>
    public void PutTargets(string rule, params EventTarget[] targets) => PutTargets(rule, (IEnumerable<EventTarget>)targets);

    /// <summary>Removes targets from a rule by id.</summary>
    public void RemoveTargets(string rule, IEnumerable<string> ids, string eventBusName = DefaultBus)
    {
        var entry = Get(rule, eventBusName);
        var remove = ids.ToHashSet(StringComparer.Ordinal);
        entry.Targets = entry.Targets.Where(t => !remove.Contains(t.Id)).ToList();
    }

    /// <summary>The targets of a rule.</summary>
    public IReadOnlyList<EventTarget> ListTargetsByRule(string rule, string eventBusName = DefaultBus) => Get(rule, eventBusName).Targets.ToArray();

    /// <summary>Enables a rule: a schedule fires again from the next occurrence after now (missed ones are not made up).</summary>
    public void EnableRule(string name, string eventBusName = DefaultBus) => SetState(name, eventBusName, RuleState.Enabled);

    /// <summary>Disables a rule: nothing is delivered until it is enabled again.</summary>
    public void DisableRule(string name, string eventBusName = DefaultBus) => SetState(name, eventBusName, RuleState.Disabled);

    /// <summary>
    /// Deletes a rule. As in AWS, its targets must be removed first ("Before you can delete the rule, you must remove all
    /// targets, using RemoveTargets" — EventBridge API reference, DeleteRule); deleting a rule that does not exist succeeds.
    /// </summary>
    public void DeleteRule(string name, string eventBusName = DefaultBus)
    {
        var key = (Bus(eventBusName), name);
        if (!_rules.TryGetValue(key, out var entry)) return;
        if (entry.Targets.Count > 0)
        {
            throw new AwsException("ValidationException", $"Rule {name} can't be deleted since it has targets: call RemoveTargets first ({string.Join(", ", entry.Targets.Select(t => t.Id))}).");
        }
        entry.Pending?.Cancel();
        _rules.Remove(key);
        _patternRulesStale = true;
    }

    /// <summary>Puts custom events on their buses; each is matched against that bus's enabled event-pattern rules.</summary>
    public PutEventsResult PutEvents(IEnumerable<PutEventsRequestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        if (list.Count is < 1 or > 10) throw new AwsValidationException("Entries", list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must hold 1 to 10 entries", "ValidationException");
        var results = new List<PutEventsResultEntry>();
        foreach (var e in list)
        {
            var bus = e.EventBusName ?? DefaultBus;
            if (!_buses.Contains(bus)) { results.Add(new(null, "ResourceNotFoundException", $"Event bus {bus} does not exist.")); continue; }
            if (string.IsNullOrWhiteSpace(e.Source) || string.IsNullOrWhiteSpace(e.DetailType)) { results.Add(new(null, "InvalidArgument", "Source and DetailType are required.")); continue; }
            System.Text.Json.JsonElement detail;
            try { detail = DetailJson.Parse(e.Detail); }
            catch (System.Text.Json.JsonException) { results.Add(new(null, "MalformedDetail", "Detail is malformed.")); continue; }
            if (detail.ValueKind != System.Text.Json.JsonValueKind.Object) { results.Add(new(null, "MalformedDetail", "Detail must be a JSON object.")); continue; }
            var ev = new EventBridgeEvent
            {
                Id = NextEventId(e.Source),
                DetailType = e.DetailType,
                Source = e.Source,
                Account = _aws.AccountId,
                Time = EventBridgeEvent.FormatTime(e.Time ?? _aws.Clock.Now),
                Region = _aws.Region,
                Resources = e.Resources ?? Array.Empty<string>(),
                Detail = detail,
            };
            Route(ev, bus);
            results.Add(new(ev.Id));
        }
        return new PutEventsResult(results.Count(r => r.EventId is null), results);
    }

    /// <summary>Puts an event (e.g. an ECS task state change) on the default bus; matching rules deliver it at once.</summary>
    public void Publish(EventBridgeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Route(e, DefaultBus);
    }

    /// <summary>The rule's scheduled fire times in a window, without running anything (for previews and timelines).</summary>
    public IReadOnlyList<DateTimeOffset> ScheduledTimes(string rule, DateTimeOffset from, DateTimeOffset to)
    {
        var entry = Get(rule, DefaultBus);
        if (entry.Schedule is null) return Array.Empty<DateTimeOffset>();
        var list = new List<DateTimeOffset>();
        var t = from.AddTicks(-1);
        while (NextFire(entry, t) is { } n && n < to) { list.Add(n); t = n; }
        return list;
    }

    /// <summary>Every invocation made by EventBridge Scheduler schedules, in order.</summary>
    public IReadOnlyList<ScheduleInvocation> ScheduleInvocations => _schedules.ScheduleInvocations;

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
        => _schedules.CreateSchedule(name, scheduleExpression, target, scheduleExpressionTimezone, startDate, endDate, state);

    /// <summary>The schedule, as GetSchedule describes it.</summary>
    public ScheduleInfo GetSchedule(string name) => _schedules.GetSchedule(name);

    /// <summary>Deletes a schedule; its pending invocation is cancelled.</summary>
    public void DeleteSchedule(string name) => _schedules.DeleteSchedule(name);

    private void Route(EventBridgeEvent e, string bus)
    {
        Log(e);
        System.Text.Json.Nodes.JsonNode? json = null;
        foreach (var entry in PatternRules(bus).ToArray())
        {
            if (entry.Rule.State != RuleState.Enabled || entry.Pattern is null) continue;
            json ??= System.Text.Json.Nodes.JsonNode.Parse(AwsJson.Serialize(e));
            if (entry.Pattern.Matches(json)) Deliver(entry, e);
        }
    }

    private void Log(EventBridgeEvent e)
    {
        if (Options.EventLogCapacity == 0) return;
        if (_events.Count == Options.EventLogCapacity) _events.Dequeue();
        _events.Enqueue(e);
    }

    /// <summary>The bus's event-pattern rules by name, kept sorted between rule changes (not sorted per event).</summary>
    private List<RuleEntry> PatternRules(string bus)
    {
        if (_patternRulesStale)
        {
            _patternRules.Clear();
            foreach (var ((b, _), entry) in _rules.Where(r => r.Value.Pattern is not null).OrderBy(r => r.Key.Name, StringComparer.Ordinal))
            {
                if (!_patternRules.TryGetValue(b, out var list)) _patternRules[b] = list = new();
                list.Add(entry);
            }
            _patternRulesStale = false;
        }
        return _patternRules.TryGetValue(bus, out var found) ? found : s_none;
    }

    private static readonly List<RuleEntry> s_none = new();

    private void SetState(string name, string eventBusName, RuleState state)
    {
        var entry = Get(name, eventBusName);
        entry.Rule = entry.Rule with { State = state };
        Arm(entry);
    }

    private DateTimeOffset? NextFire(RuleEntry entry, DateTimeOffset after)
        => entry.Schedule is RateSchedule rate ? rate.Next(after, entry.ScheduleStart) : entry.Schedule?.Next(after);

    /// <summary>Puts the rule's next occurrence on the clock (cancelling any earlier one).</summary>
    private void Arm(RuleEntry entry)
    {
        entry.Pending?.Cancel();
        entry.Pending = null;
        if (entry.Rule.State != RuleState.Enabled || entry.Schedule is null) return;
        ArmAfter(entry, _aws.Clock.Now);
    }

    private void ArmAfter(RuleEntry entry, DateTimeOffset after)
    {
        if (NextFire(entry, after) is not { } due) return;
        ScheduledWork? work = null;
        work = _aws.Clock.Schedule(due, () =>
        {
            if (!ReferenceEquals(entry.Pending, work)) return;
            entry.Pending = null;
            Fire(entry, due);
            if (entry.Pending is null && entry.Rule.State == RuleState.Enabled && _rules.ContainsValue(entry)) ArmAfter(entry, due);
        }, $"events:{entry.Rule.Name}");
        entry.Pending = work;
    }

    private void Fire(RuleEntry entry, DateTimeOffset due)
    {
        var ev = new EventBridgeEvent
        {
            Id = NextEventId(entry.Rule.Arn),
            DetailType = "Scheduled Event",
            Source = "aws.events",
            Account = _aws.AccountId,
            Time = EventBridgeEvent.FormatTime(due),
            Region = _aws.Region,
            Resources = [entry.Rule.Arn],
            Detail = DetailJson.Parse("{}"),
        };
        Log(ev);
        Deliver(entry, ev);
    }

    private void Deliver(RuleEntry entry, EventBridgeEvent ev)
    {
        var eventJson = AwsJson.Serialize(ev);
        foreach (var target in entry.Targets.ToList())
        {
            var payload = target.Input ?? eventJson;
            var outcome = target.LambdaFunctionName is { } fn ? EventBridgeNames.InvokeLambda(LambdaInvoker, fn, payload, "aws:events") : "recorded";
            _deliveries.Add(new EventDelivery(_aws.Clock.Now, entry.Rule.Name, entry.Rule.Arn, target.Id, target.Arn, ev, payload, outcome));
        }
    }

    /// <summary>A deterministic, UUID-shaped event id (from the account seed and a counter).</summary>
    private string NextEventId(string salt)
    {
        var n = ++_eventCounter;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_aws.Seed}|{n}|{salt}"));
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private RuleEntry Get(string name, string eventBusName)
    {
        var bus = Bus(eventBusName);
        return _rules.TryGetValue((bus, name), out var entry)
            ? entry
            : throw new AwsException("ResourceNotFoundException", $"Rule {name} does not exist on EventBus {bus}.");
    }

    private string Bus(string? eventBusName)
    {
        var bus = string.IsNullOrEmpty(eventBusName) ? DefaultBus : eventBusName;
        var slash = bus.LastIndexOf('/');
        if (bus.StartsWith("arn:", StringComparison.Ordinal) && slash > 0) bus = bus[(slash + 1)..];
        return _buses.Contains(bus) ? bus : throw new AwsException("ResourceNotFoundException", $"Event bus {bus} does not exist.");
    }

    private string BusArn(string bus) => $"arn:aws:events:{_aws.Region}:{_aws.AccountId}:event-bus/{bus}";

    private string RuleArn(string bus, string name)
        => bus == DefaultBus ? $"arn:aws:events:{_aws.Region}:{_aws.AccountId}:rule/{name}" : $"arn:aws:events:{_aws.Region}:{_aws.AccountId}:rule/{bus}/{name}";

    private sealed class RuleEntry
    {
        public EventRule Rule { get; set; } = null!;
        public ScheduleExpression? Schedule { get; set; }
        public EventPattern? Pattern { get; set; }
        public DateTimeOffset ScheduleStart { get; set; }
        public List<EventTarget> Targets { get; set; } = new();
        public ScheduledWork? Pending { get; set; }
    }
}
