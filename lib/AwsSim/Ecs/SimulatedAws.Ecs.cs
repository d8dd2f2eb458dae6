using AwsSim.Ecs;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private EcsService? _ecs;

    /// <summary>Amazon ECS (EC2 and Fargate launch types) in this account and Region.</summary>
    public EcsService Ecs => _ecs ??= new EcsService(this) { EventPublisher = Events };
}
