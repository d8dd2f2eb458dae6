using AwsSim.CloudFront;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private CloudFrontService? _cloudFront;

    /// <summary>Amazon CloudFront with Lambda@Edge.</summary>
    public CloudFrontService CloudFront => _cloudFront ??= new CloudFrontService(this);
}
