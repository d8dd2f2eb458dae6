using System.Globalization;
using System.Text;

namespace AwsSim.Lambda;

/// <summary>
/// Where every asynchronous event went. Nothing is lost: each event received ends as succeeded, dead-lettered
/// (sent to a dead-letter queue or on-failure destination) or dropped with a reason; until then it is in flight.
/// <see cref="Balanced"/> checks <c>Received = Succeeded + DeadLettered + Dropped + InFlight</c>.
/// </summary>
public sealed class AsyncEventAccounting
{
    private readonly Dictionary<string, long> _dropReasons = new(StringComparer.Ordinal);
    private readonly List<DroppedEvent> _dropped = new();

    /// <summary>Events accepted by Invoke with InvocationType Event (HTTP 202).</summary>
    public long Received { get; internal set; }

    /// <summary>Events whose function run succeeded (first attempt or a retry).</summary>
    public long Succeeded { get; internal set; }

    /// <summary>Events delivered to the dead-letter queue and/or on-failure destination.</summary>
    public long DeadLettered { get; internal set; }

    /// <summary>Events discarded with nowhere to go (or whose delivery failed); see <see cref="DropReasons"/>.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Events still queued, running or waiting for a retry.</summary>
    public long InFlight => Received - Succeeded - DeadLettered - Dropped;

    /// <summary>Attempts that ran the function (first attempts and retries).</summary>
    public long Attempts { get; internal set; }

    /// <summary>Retries after function errors.</summary>
    public long Retries { get; internal set; }

    /// <summary>Attempts refused for lack of concurrency (the event went back to the queue).</summary>
    public long ThrottledAttempts { get; internal set; }

    /// <summary>Extra deliveries of an event Lambda had already delivered (the queue is eventually consistent).</summary>
    public long DuplicateDeliveries { get; internal set; }

    /// <summary>How many events were dropped for each reason.</summary>
    public IReadOnlyDictionary<string, long> DropReasons => _dropReasons;

    /// <summary>The dropped events (request id, function, reason, when).</summary>
    public IReadOnlyList<DroppedEvent> DroppedEvents => _dropped;

    /// <summary>True when every event is accounted for (always, unless the simulator has a bug).</summary>
    public bool Balanced => Received == Succeeded + DeadLettered + Dropped + InFlight && InFlight >= 0;

    internal void Drop(DroppedEvent e)
    {
        Dropped++;
        _dropReasons[e.Reason] = _dropReasons.GetValueOrDefault(e.Reason) + 1;
        _dropped.Add(e);
    }

    /// <summary>"in 10,000 = succeeded 9,700 + dead-lettered 250 + dropped 50 + in flight 0".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"events in {Received:#,0} = succeeded {Succeeded:#,0} + dead-lettered {DeadLettered:#,0} + dropped {Dropped:#,0} + in flight {InFlight:#,0}"));
        sb.Append(Balanced ? "  (balanced)" : "  (NOT BALANCED)");
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"\nattempts {Attempts:#,0} (retries {Retries:#,0}), throttled attempts {ThrottledAttempts:#,0}, duplicate deliveries {DuplicateDeliveries:#,0}"));
        foreach (var (reason, n) in _dropReasons.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"\n  dropped, {reason}: {n:#,0}"));
        }
        return sb.ToString();
    }
}

/// <summary>An asynchronous event Lambda discarded.</summary>
/// <param name="RequestId">Its request id.</param>
/// <param name="FunctionName">The function.</param>
/// <param name="Reason">Why, e.g. "RetriesExhausted: no dead-letter queue or on-failure destination".</param>
/// <param name="At">When.</param>
public sealed record DroppedEvent(string RequestId, string FunctionName, string Reason, DateTimeOffset At);

/// <summary>
/// A message Lambda sent to a dead-letter queue or destination. For a DLQ the body is the event itself and the
/// attributes are RequestID, ErrorCode and ErrorMessage; for a destination the body is the invocation record.
/// </summary>
/// <param name="TargetArn">The queue, topic, function or event bus.</param>
/// <param name="Kind">"DeadLetterQueue", "OnFailure" or "OnSuccess".</param>
/// <param name="Body">The message body (JSON).</param>
/// <param name="Attributes">Message attributes (DLQ only).</param>
/// <param name="At">When it was sent.</param>
/// <param name="FunctionName">The function it came from.</param>
public sealed record DestinationDelivery(string TargetArn, string Kind, string Body, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset At, string FunctionName);
