using AwsSim.Lambda;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.idempotent</c>: charge each order exactly once, whatever Lambda retries.</summary>
public static class IdempotentOrders
{
    /// <summary>
    /// The handler of an asynchronously invoked function that receives "order placed" events such as
    /// <c>{"orderId":"o-17","amountCents":1299}</c> and charges them with <c>payments.Charge(orderId, amountCents)</c>.
    /// Return <c>"charged"</c> when this call charged the order and <c>"duplicate"</c> when it had been charged before.
    /// </summary>
    /// <remarks>
    /// Lambda retries an event when the function fails, and its queue may deliver the same event twice, so the same
    /// order can reach this handler several times: sometimes after a crash that happened <i>after</i> the charge,
    /// sometimes after the payment provider failed (then nothing was charged and the order still needs charging).
    /// Each order must end up charged exactly once. <paramref name="processed"/> survives between invocations (think
    /// of a DynamoDB table keyed by order id); memory inside the function does not (each retry may run in another
    /// execution environment).
    /// </remarks>
    public static string Handle(string eventJson, ILambdaContext context, PaymentLedger payments, IDictionary<string, string> processed)
    {
        throw new NotImplementedException();
    }
}
