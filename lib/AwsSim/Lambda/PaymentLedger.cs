namespace AwsSim.Lambda;

/// <summary>
/// A pretend payment provider for the idempotency lesson: records every charge, so a test can see an order charged
/// twice, and can be told to fail a call (before charging) the way a real provider sometimes answers 503.
/// </summary>
public sealed class PaymentLedger
{
    private readonly List<(string OrderId, long AmountCents)> _charges = new();

    /// <summary>Called before each charge; return true to make that call fail without charging.</summary>
    public Func<string, bool>? FailWhen { get; set; }

    /// <summary>Every charge made, in order.</summary>
    public IReadOnlyList<(string OrderId, long AmountCents)> Charges => _charges;

    /// <summary>Charges an order; throws <see cref="PaymentProviderException"/> when told to fail (nothing is charged then).</summary>
    public void Charge(string orderId, long amountCents)
    {
        if (FailWhen?.Invoke(orderId) == true) throw new PaymentProviderException($"The payment provider answered 503 for order {orderId}; nothing was charged.");
        _charges.Add((orderId, amountCents));
    }

    /// <summary>How many times an order was charged.</summary>
    public int TimesCharged(string orderId) => _charges.Count(c => c.OrderId == orderId);
}

/// <summary>A failed call to the payment provider.</summary>
public sealed class PaymentProviderException(string message) : Exception(message);
