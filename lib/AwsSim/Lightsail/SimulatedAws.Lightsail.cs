using AwsSim.Lightsail;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private LightsailService? _lightsail;

    /// <summary>Amazon Lightsail: bundles, blueprints, instances, static IPs, snapshots, databases, load balancers.</summary>
    public LightsailService Lightsail => _lightsail ??= new LightsailService(this);
}
