using System.Globalization;

namespace AwsSim;

/// <summary>
/// One line of an AWS bill: what was used, how much, at what unit price, and what it cost.
/// </summary>
/// <param name="Service">The AWS service, e.g. "AWS Lambda".</param>
/// <param name="UsageType">What was used, e.g. "Requests" or "Compute (GB-s), x86_64, tier 1".</param>
/// <param name="Quantity">How many units were billed (after any free tier).</param>
/// <param name="Unit">The unit, e.g. "requests", "GB-s", "hours".</param>
/// <param name="UnitPrice">USD per unit, from the price list.</param>
/// <param name="Amount">USD, exact (not yet rounded to cents).</param>
/// <param name="PriceKey">The price list entry that priced it, so its source and date can be shown.</param>
/// <param name="Note">Anything a reader should know, e.g. "first 1,000,000 requests free".</param>
public sealed record LineItem(
    string Service,
    string UsageType,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    decimal Amount,
    string? PriceKey = null,
    string? Note = null)
{
    /// <summary>Builds a line priced from a price list entry: amount = quantity × unit price.</summary>
    public static LineItem From(PriceEntry price, string usageType, decimal quantity, string? note = null)
        => new(price.Service, usageType, quantity, price.Unit, price.Price, quantity * price.Price, price.Key, note);

    /// <summary>The line as one readable row, e.g. "AWS Lambda  Requests  2,000,000 requests × $0.0000002 = $0.40".</summary>
    public override string ToString()
        => $"{Service}  {UsageType}  {Money.Quantity(Quantity)} {Unit} × {Money.UnitPrice(UnitPrice)} = {Money.Format(Amount)}"
           + (Note is null ? "" : $"  ({Note})");
}

/// <summary>How the course writes money and quantities: invariant culture, so every learner sees the same text.</summary>
public static class Money
{
    /// <summary>Rounds to whole cents the way an invoice does (half away from zero).</summary>
    public static decimal ToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>"$1,234.57": rounded to cents.</summary>
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(ToCents(amount)).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A unit price with all its significant digits, e.g. "$0.0000166667".</summary>
    public static string UnitPrice(decimal price) => "$" + price.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A quantity with thousands separators and up to 4 decimals, e.g. "1,100,000" or "0.5".</summary>
    public static string Quantity(decimal quantity) => quantity.ToString("#,0.####", CultureInfo.InvariantCulture);
}
