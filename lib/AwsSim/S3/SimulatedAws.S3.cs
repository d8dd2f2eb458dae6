using AwsSim.Lambda;
using AwsSim.S3;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private S3Service? _s3;

    /// <summary>Amazon S3: buckets, objects, and event notifications to Lambda.</summary>
    public S3Service S3 => _s3 ??= new S3Service(this);

    /// <summary>
    /// Where triggers (S3 notifications, CloudFront) find the account's Lambda: the Lambda service's partial file
    /// implements this (<c>invoker = Lambda;</c>). Until then each trigger takes an invoker explicitly
    /// (<see cref="S3Service.Invoker"/>).
    /// </summary>
    partial void ResolveLambdaInvoker(ref ILambdaInvoker? invoker);

    /// <summary>The account's Lambda invoker, or null when none is wired.</summary>
    internal ILambdaInvoker? FindLambdaInvoker()
    {
        ILambdaInvoker? invoker = null;
        ResolveLambdaInvoker(ref invoker);
        return invoker;
    }
}
