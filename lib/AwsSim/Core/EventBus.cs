namespace AwsSim;

/// <summary>
/// The account's publishing point: ECS, Batch and Lambda publish here, and EventBridge (<c>aws.Events</c>) receives.
/// It exists so that Lambda (which publishes destination records) and EventBridge (which invokes Lambda) can each be
/// given the other in their constructors without a cycle: publishers take the bus, the bus is connected to EventBridge once.
/// </summary>
internal sealed class EventBus : IEventPublisher
{
    private IEventPublisher? _receiver;

    /// <summary>Connects the receiver (EventBridge); done once, by the account, while it builds its services.</summary>
    public void Connect(IEventPublisher receiver)
    {
        if (_receiver is not null) throw new InvalidOperationException("The event bus is already connected.");
        _receiver = receiver;
    }

    public void Publish(EventBridgeEvent e) => _receiver?.Publish(e);

    public bool Wants(string source) => _receiver is { } r && r.Wants(source);
}
