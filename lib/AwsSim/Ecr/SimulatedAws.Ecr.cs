using AwsSim.Ecr;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private EcrService? _ecr;

    /// <summary>Amazon ECR: the account's private container registry in this Region.</summary>
    public EcrService Ecr => _ecr ??= new EcrService(this);
}
