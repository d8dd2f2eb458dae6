using System.Globalization;
using System.Text.Json.Nodes;

namespace AwsSim.Lambda;

/// <summary>
/// Lambda's asynchronous (Event) invocations: the queue on the simulated clock, throttled attempts with backoff, retries
/// after function errors, duplicate deliveries, maximum event age, and what happens to a failed event (on-failure
/// destination, dead-letter queue, or dropped with its reason). Every event is accounted for (<see cref="AsyncEventAccounting"/>).
/// </summary>
internal sealed class AsyncInvocationQueue
{
    private static readonly TimeSpan MaxThrottleBackoff = TimeSpan.FromMinutes(5);
    private readonly List<DestinationDelivery> _deliveries = new();
    private readonly LambdaService _service;
    private readonly AccountContext _aws;
    private readonly LambdaOptions _options;
    private readonly LambdaIds _ids;
    private readonly LambdaConcurrency _concurrency;
    private readonly InvocationRunner _runner;
    private readonly Random _random;

    internal AsyncInvocationQueue(LambdaService service, AccountContext aws, LambdaOptions options, LambdaIds ids, LambdaConcurrency concurrency, InvocationRunner runner, Random random)
    {
        _service = service;
        _aws = aws;
        _options = options;
        _ids = ids;
        _concurrency = concurrency;
        _runner = runner;
        _random = random;
    }

    /// <summary>Every message sent to a dead-letter queue or destination, in order.</summary>
    internal IReadOnlyList<DestinationDelivery> Deliveries => _deliveries;

    private AsyncEventAccounting AsyncAccounting => _service.AsyncAccounting;

    /// <summary>Queues an event for <paramref name="fn"/> and returns its request id.</summary>
    internal string Enqueue(LambdaFunction fn, string payloadJson, string? source)
    {
        payloadJson ??= "";
        InvocationRunner.CheckPayload(payloadJson, LambdaService.MaxAsyncPayloadBytes);
        // Read the sender's chain now, while the sender (maybe a function writing to S3) is still running.
        var lineage = InvocationRunner.LineageFor(fn);
        var now = _runner.Current?.Context.Now ?? _aws.Clock.Now;
        var ev = new AsyncEvent(_ids.NewRequestId(), fn, payloadJson, now, source, lineage);
        fn.Accounting.Received++;
        AsyncAccounting.Received++;
        _aws.Clock.Schedule(now, () => Attempt(ev), "lambda:async");
        if (_options.DuplicateDeliveryRate > 0 && _random.NextDouble() < _options.DuplicateDeliveryRate)
        {
            var dup = ev with { Duplicate = true };
            fn.Accounting.DuplicateDeliveries++;
            AsyncAccounting.DuplicateDeliveries++;
            _aws.Clock.Schedule(now + TimeSpan.FromSeconds(1), () => Attempt(dup), "lambda:async-duplicate");
        }
        return ev.RequestId;
    }

    private void Attempt(AsyncEvent ev)
    {
        var fn = ev.Function;
        var now = _aws.Clock.Now;
        if (ev.Duplicate)
        {
            // A second delivery of an event already counted: run it once if there is room, nothing more.
            if (!fn.Deleted && fn.Reserved != 0 && _concurrency.TryAcquire(fn, now, out var denv, out _)) _runner.Run(fn, denv, ev.Payload, now, ev.Lineage);
            return;
        }
        if (fn.Deleted)
        {
            Drop(ev, "FunctionDeleted: the function was deleted before the event ran");
            return;
        }
        var config = fn.AsyncConfig;
        var expiry = ev.Received + TimeSpan.FromSeconds(config.MaximumEventAgeInSeconds);
        if (now >= expiry)
        {
            Fail(ev, "EventAgeExceeded");
            return;
        }
        if (fn.Reserved == 0)
        {
            // AWS: with reserved concurrency 0, events go to the DLQ / on-failure destination without retries.
            Fail(ev, "ZeroReservedConcurrency");
            return;
        }
        if (ev.Lineage.Exceeded && fn.RecursiveLoop == "Terminate")
        {
            Fail(ev, RecursiveLoopDetection.ErrorCode);
            return;
        }
        if (!_concurrency.TryAcquire(fn, now, out var env, out _))
        {
            fn.Metrics.At(now).Throttles++;
            fn.Accounting.ThrottledAttempts++;
            AsyncAccounting.ThrottledAttempts++;
            ev.Backoff = ev.Backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(ev.Backoff.Ticks * 2, MaxThrottleBackoff.Ticks));
            var next = now + ev.Backoff;
            // Back to the queue: retried after its backoff (1 s doubling to 5 min), or sooner when one of the function's
            // asynchronous invocations ends and frees concurrency (the queue's pollers then hand it the oldest waiting event).
            var generation = ++ev.Generation;
            fn.Waiting.Enqueue((ev, generation));
            _aws.Clock.Schedule(next < expiry ? next : expiry, () => { if (ev.Generation == generation) { ev.Generation++; Attempt(ev); } }, "lambda:async-throttled");
            return;
        }
        var outcome = _runner.Run(fn, env, ev.Payload, now, ev.Lineage);
        ev.Attempts++;
        ev.Last = outcome;
        fn.Accounting.Attempts++;
        AsyncAccounting.Attempts++;
        _aws.Clock.Schedule(outcome.End, () => Complete(ev, outcome), "lambda:async-complete");
    }

    private void Complete(AsyncEvent ev, Outcome outcome)
    {
        var fn = ev.Function;
        var now = _aws.Clock.Now;
        DispatchWaiting(fn, now);
        if (!outcome.Failed)
        {
            fn.Accounting.Succeeded++;
            AsyncAccounting.Succeeded++;
            if (fn.AsyncConfig.DestinationConfig?.OnSuccess is { } target)
            {
                TryDeliver(fn, target, "OnSuccess", Record(ev, "Success", now), null, now, out _);
            }
            return;
        }
        var config = fn.AsyncConfig;
        if (ev.Attempts <= config.MaximumRetryAttempts)
        {
            // AWS: one minute before the second attempt, two minutes before the third.
            var delay = ev.Attempts == 1 ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(2);
            var expiry = ev.Received + TimeSpan.FromSeconds(config.MaximumEventAgeInSeconds);
            var at = now + delay;
            fn.Accounting.Retries++;
            AsyncAccounting.Retries++;
            _aws.Clock.Schedule(at < expiry ? at : expiry, () => Attempt(ev), "lambda:async-retry");
            return;
        }
        Fail(ev, "RetriesExhausted");
    }

    /// <summary>Hands events waiting after a throttle to the function while it has concurrency to spare, oldest first.</summary>
    private void DispatchWaiting(LambdaFunction fn, DateTimeOffset now)
    {
        _concurrency.ReleaseDue(now);
        while (fn.Waiting.Count > 0)
        {
            var (waiting, generation) = fn.Waiting.Peek();
            if (waiting.Generation != generation) { fn.Waiting.Dequeue(); continue; }
            if (fn.Deleted || !_concurrency.HasCapacity(fn)) return;
            fn.Waiting.Dequeue();
            waiting.Generation++; // its backoff timer no longer applies
            Attempt(waiting);
        }
    }

    private void Fail(AsyncEvent ev, string condition)
    {
        var fn = ev.Function;
        var now = _aws.Clock.Now;
        var delivered = false;
        var problems = new List<string>();
        if (fn.AsyncConfig.DestinationConfig?.OnFailure is { } onFailure)
        {
            if (TryDeliver(fn, onFailure, "OnFailure", Record(ev, condition, now), null, now, out var problem)) delivered = true;
            else problems.Add(problem!);
        }
        if (fn.Config.DeadLetterConfig?.TargetArn is { } dlq)
        {
            var errorMessage = ev.Last is { } last ? ErrorMessageOf(last.Response.Payload) : condition;
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RequestID"] = ev.RequestId,
                ["ErrorCode"] = "200",
                ["ErrorMessage"] = errorMessage.Length > 1024 ? errorMessage[..1024] : errorMessage,
            };
            if (TryDeliver(fn, dlq, "DeadLetterQueue", ev.Payload, attributes, now, out var problem)) delivered = true;
            else problems.Add(problem!);
        }
        if (delivered)
        {
            fn.Accounting.DeadLettered++;
            AsyncAccounting.DeadLettered++;
        }
        else
        {
            Drop(ev, problems.Count == 0
                ? $"{condition}: no dead-letter queue or on-failure destination"
                : $"{condition}: {string.Join("; ", problems)}");
        }
    }

    private void Drop(AsyncEvent ev, string reason)
    {
        var dropped = new DroppedEvent(ev.RequestId, ev.Function.Name, reason, _aws.Clock.Now);
        ev.Function.Accounting.Drop(dropped);
        AsyncAccounting.Drop(dropped);
    }

    private bool TryDeliver(LambdaFunction fn, string target, string kind, string body, IReadOnlyDictionary<string, string>? attributes, DateTimeOffset now, out string? problem)
    {
        var service = target.Split(':')[2];
        var action = service switch
        {
            "sqs" => "sqs:SendMessage",
            "sns" => "sns:Publish",
            "lambda" => "lambda:InvokeFunction",
            _ => "events:PutEvents",
        };
        if (!fn.Role.IsAllowed(action, target))
        {
            fn.Metrics.At(now).DeadLetterErrors++;
            problem = $"delivery to {target} failed: the execution role does not allow {action} (DeadLetterErrors)";
            return false;
        }
        if (service == "lambda")
        {
            try
            {
                _service.InvokeAsync(target, body, "lambda");
            }
            catch (AwsException ex)
            {
                fn.Metrics.At(now).DeadLetterErrors++;
                problem = $"delivery to {target} failed: {ex.ErrorCode}";
                return false;
            }
        }
        else if (service == "events" && _service.EventPublisher is { } bus)
        {
            bus.Publish(new EventBridgeEvent
            {
                Id = _ids.NewRequestId(), Source = "lambda", Account = _aws.AccountId, Region = _aws.Region,
                Time = EventBridgeEvent.FormatTime(now),
                // As aws-facts §1.3 writes it (AWS's guide): "Lambda Function Invocation Result – Success|Failure".
                DetailType = kind == "OnSuccess" ? "Lambda Function Invocation Result – Success" : "Lambda Function Invocation Result – Failure",
                Resources = [fn.Config.FunctionArn, target],
                Detail = System.Text.Json.JsonDocument.Parse(body).RootElement.Clone(),
            });
        }
        _deliveries.Add(new DestinationDelivery(target, kind, body, attributes ?? new Dictionary<string, string>(), now, fn.Name));
        problem = null;
        return true;
    }

    /// <summary>An invocation record in AWS's shape (version 1.0; requestContext, requestPayload, responseContext, responsePayload).</summary>
    private string Record(AsyncEvent ev, string condition, DateTimeOffset now)
    {
        var record = new JsonObject
        {
            ["version"] = "1.0",
            ["timestamp"] = LambdaLogFormat.Timestamp(now),
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = ev.RequestId,
                ["functionArn"] = ev.Function.Config.FunctionArn + ":$LATEST",
                ["condition"] = condition,
                ["approximateInvokeCount"] = ev.Attempts,
            },
            ["requestPayload"] = ParseOrString(ev.Payload),
        };
        if (ev.Last is { } last)
        {
            var rc = new JsonObject { ["statusCode"] = 200, ["executedVersion"] = "$LATEST" };
            if (last.Response.FunctionError is { } fe) rc["functionError"] = fe;
            record["responseContext"] = rc;
            record["responsePayload"] = ParseOrString(last.Response.Payload ?? "null");
        }
        return record.ToJsonString(AwsJson.Options);
    }

    private static JsonNode? ParseOrString(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(text); }
    }

    private static string ErrorMessageOf(string? payload)
    {
        if (payload is null) return "";
        try
        {
            return JsonNode.Parse(payload)?["errorMessage"]?.GetValue<string>() ?? payload;
        }
        catch (System.Text.Json.JsonException)
        {
            return payload;
        }
    }
}

/// <summary>One asynchronous event and its attempts so far.</summary>
internal sealed record AsyncEvent(string RequestId, LambdaFunction Function, string Payload, DateTimeOffset Received, string? Source, InvocationLineage Lineage)
{
    public bool Duplicate { get; init; }

    public int Attempts { get; set; }

    public TimeSpan Backoff { get; set; }

    public Outcome? Last { get; set; }

    public int Generation { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RequestId} → {Function.Name}, {Attempts} attempts");
}
