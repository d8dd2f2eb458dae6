using AwsSim.EventBridge;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private EventBridgeService? _events;

    /// <summary>Amazon EventBridge (CloudWatch Events): rules, schedules on <see cref="Clock"/>, targets, the delivery log.</summary>
    public EventBridgeService Events
    {
        get
        {
            if (_events is null)
            {
                // Creating Lambda may create the bus first (its destinations publish here); keep that one.
                var lambda = Lambda;
                _events ??= new EventBridgeService(this, lambda);
            }
            return _events;
        }
    }
}
