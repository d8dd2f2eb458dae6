namespace AwsSim.Lightsail;

/// <summary>Pure Lightsail pricing rules (no account needed), from aws-facts §9.</summary>
public static class LightsailPricing
{
    /// <summary>
    /// GB charged as overage: the allowance counts IN and OUT together, but only OUT is ever charged, so the charged
    /// amount is the part of the excess that is OUT: min(out, max(0, in + out − allowance)).
    /// </summary>
    public static decimal OverageGb(decimal allowanceGb, decimal inGb, decimal outGb)
        => Math.Min(outGb, Math.Max(0, inGb + outGb - allowanceGb));

    /// <summary>What an instance of <paramref name="bundle"/> costs for <paramref name="hours"/> hours in one month (capped at the monthly price).</summary>
    public static decimal InstanceCharge(LightsailBundle bundle, decimal hours)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Math.Min(Math.Ceiling(hours) * bundle.Price / LightsailService.HoursInBillingMonth, bundle.Price);
    }

    /// <summary>A whole month of an instance with this much traffic: the bundle's price plus overage.</summary>
    public static decimal MonthlyCost(LightsailBundle bundle, decimal inGb, decimal outGb, PriceList? prices = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var p = (prices ?? PriceList.Default).Get("lightsail.transfer.overage").Price;
        return bundle.Price + OverageGb(bundle.TransferPerMonthInGb, inGb, outGb) * p;
    }
}
