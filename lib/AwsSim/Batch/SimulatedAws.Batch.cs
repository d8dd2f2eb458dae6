using AwsSim.Batch;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private BatchService? _batch;

    /// <summary>AWS Batch: compute environments, job queues, job definitions and jobs, run on <see cref="Clock"/>.</summary>
    public BatchService Batch => _batch ??= new BatchService(this) { EventPublisher = Events };
}
