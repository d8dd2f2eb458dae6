using AwsSim.Lambda;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private LambdaService? _lambda;

    /// <summary>AWS Lambda: functions, invocations, execution roles, logs, metrics; charges go to <see cref="Bill"/>.</summary>
    public LambdaService Lambda
    {
        get
        {
            if (_lambda is null)
            {
                _lambda = new LambdaService(this);
                // EventBridge destinations of asynchronous invocations go to the account's bus.
                _lambda.EventPublisher ??= Events;
            }
            return _lambda;
        }
    }

    /// <summary>Triggers (S3 notifications, CloudFront) reach the account's Lambda service.</summary>
    partial void ResolveLambdaInvoker(ref ILambdaInvoker? invoker) => invoker = Lambda;

    /// <summary>
    /// Other services call this in every operation: when the caller is a Lambda function, its execution role must allow
    /// <paramref name="action"/> on <paramref name="resource"/> (else <paramref name="errorCode"/>, 403), as on AWS.
    /// Calls from outside a function (the account owner in a notebook) are allowed.
    /// </summary>
    internal void AuthorizeCaller(string action, string resource, string errorCode) => _lambda?.Authorize(action, resource, errorCode);
}
