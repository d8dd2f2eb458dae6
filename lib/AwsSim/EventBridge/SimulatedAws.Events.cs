using AwsSim.EventBridge;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private EventBridgeService? _events;

    /// <summary>Amazon EventBridge (CloudWatch Events): rules, schedules on <see cref="Clock"/>, targets, the delivery log.</summary>
    public EventBridgeService Events => _events ??= new EventBridgeService(this);
}
