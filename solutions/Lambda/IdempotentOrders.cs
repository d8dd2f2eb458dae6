using System.Text.Json.Nodes;
using AwsSim.Lambda;

namespace Exercises.Lambda;

/// <summary>Exercise <c>lambda.idempotent</c>: charge each order exactly once, whatever Lambda retries.</summary>
public static class IdempotentOrders
{
    /// <summary>
    /// Reference answer: the order id is the idempotency key. Skip orders already recorded; otherwise charge first and
    /// record afterwards, so a failed charge (which charged nothing) is retried and a crash after the record is not.
    /// </summary>
    public static string Handle(string eventJson, ILambdaContext context, PaymentLedger payments, IDictionary<string, string> processed)
    {
        var order = JsonNode.Parse(eventJson)!;
        var orderId = order["orderId"]!.GetValue<string>();
        if (processed.ContainsKey(orderId))
        {
            context.Logger.LogLine($"order {orderId} was already charged; skipping");
            return "duplicate";
        }
        payments.Charge(orderId, order["amountCents"]!.GetValue<long>());
        processed[orderId] = context.AwsRequestId;
        return "charged";
    }
}
