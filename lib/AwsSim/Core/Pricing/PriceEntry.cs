namespace AwsSim;

/// <summary>
/// One price from the course's price list (<c>prices.json</c>), with where it came from and when it was read.
/// </summary>
/// <param name="Key">The stable name code uses, e.g. <c>lambda.requests</c>.</param>
/// <param name="Service">The AWS service, e.g. "AWS Lambda".</param>
/// <param name="Description">What is priced, in words.</param>
/// <param name="Unit">The unit the price is per, e.g. "GB-s" or "hours".</param>
/// <param name="Price">USD per <paramref name="Unit"/>.</param>
/// <param name="Source">Where the figure comes from (a URL or a named document).</param>
/// <param name="SourceDate">The date or version of the source, as the source states it.</param>
/// <param name="Read">When the course read the figure from the source.</param>
/// <param name="TierStart">For tiered prices: where the tier starts (in monthly units), inclusive.</param>
/// <param name="TierEnd">For tiered prices: where the tier ends, exclusive; null for the last tier.</param>
/// <param name="Note">Caveats, e.g. that a figure is derived or from a secondary source.</param>
/// <param name="Attributes">Specifications that go with the price (vCPUs, memory, transfer allowance…).</param>
public sealed record PriceEntry(
    string Key,
    string Service,
    string Description,
    string Unit,
    decimal Price,
    string Source,
    string SourceDate,
    DateOnly Read,
    decimal? TierStart = null,
    decimal? TierEnd = null,
    string? Note = null,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>A free or included quantity (a free tier, an included allowance, a minimum), with its source.</summary>
/// <param name="Key">The stable name code uses, e.g. <c>lambda.free.requests</c>.</param>
/// <param name="Service">The AWS service.</param>
/// <param name="Description">What it is, in words.</param>
/// <param name="Quantity">How much.</param>
/// <param name="Unit">Of what.</param>
/// <param name="Source">Where the figure comes from.</param>
/// <param name="SourceDate">The date or version of the source.</param>
/// <param name="Read">When the course read it.</param>
public sealed record Allowance(
    string Key,
    string Service,
    string Description,
    decimal Quantity,
    string Unit,
    string Source,
    string SourceDate,
    DateOnly Read);
