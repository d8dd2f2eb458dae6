namespace AwsSim;

/// <summary>
/// Where services publish events (ECS task state changes, Batch job state changes, Lambda destinations). The account's
/// event bus (<c>aws.Events</c>) implements it; tests can pass a small recorder.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Puts one event on the bus; matching rules deliver it to their targets.</summary>
    void Publish(EventBridgeEvent e);

    /// <summary>
    /// Whether anything (a rule, a recorder, the event log) wants events from <paramref name="source"/> now. Publishers
    /// skip building an event nobody wants; true by default, so a simple recorder sees everything.
    /// </summary>
    bool Wants(string source) => true;
}
