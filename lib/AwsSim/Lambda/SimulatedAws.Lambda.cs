using AwsSim.Lambda;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private LambdaService? _lambda;

    /// <summary>AWS Lambda: functions, invocations, execution roles, logs, metrics; charges go to <see cref="Bill"/>.</summary>
    public LambdaService Lambda => _lambda ??= new LambdaService(this);

    /// <summary>Triggers (S3 notifications, CloudFront) reach the account's Lambda service.</summary>
    partial void ResolveLambdaInvoker(ref ILambdaInvoker? invoker) => invoker = Lambda;
}
