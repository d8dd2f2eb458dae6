using System.Globalization;

namespace AwsSim.Lambda;

/// <summary>
/// Lambda's charges: usage added up per month invocation by invocation, the month's bill recomputed with the free tier
/// applied once, and the difference posted to <c>aws.Bill</c> on the clock.
/// </summary>
internal sealed class LambdaBilling(AccountContext aws, LambdaOptions options)
{
    private readonly Dictionary<int, LambdaMonthlyTotals> _months = new();
    private readonly Dictionary<int, Dictionary<(string Usage, string? Key), decimal>> _posted = new();
    private readonly HashSet<int> _dirtyMonths = new();
    private ScheduledWork? _flush;
    private decimal? _requestPrice, _x86Price, _armPrice, _ephemeralPrice;

    /// <summary>
    /// The account's Lambda usage in a month (requests, GB-seconds per architecture, ephemeral GB-seconds), added up
    /// invocation by invocation.
    /// </summary>
    internal LambdaMonthlyTotals GetMonthlyTotals(int year, int month)
        => _months.TryGetValue(year * 12 + month - 1, out var t) ? t : new LambdaMonthlyTotals();

    /// <summary>
    /// The month's Lambda bill recomputed from the month's totals, with the free tier applied once for the month (not
    /// per invocation). The lines posted to <c>aws.Bill</c> always add up to this.
    /// </summary>
    internal Bill GetMonthlyBill(int year, int month)
        => LambdaPricing.MonthlyBill(GetMonthlyTotals(year, month), options.FreeTier, aws.Prices);

    /// <summary>
    /// Posts what Lambda has charged since the last posting to <c>aws.Bill</c>: for each month, the difference between
    /// the recomputed month bill and what was already posted, one line per usage type. Runs by itself on the clock
    /// (see <see cref="LambdaOptions.BillingInterval"/>) and after every synchronous invoke; call it to post at once.
    /// </summary>
    internal void PostCharges()
    {
        _flush?.Cancel();
        _flush = null;
        foreach (var key in _dirtyMonths.Order().ToList())
        {
            var totals = _months[key];
            var bill = LambdaPricing.MonthlyBill(totals, options.FreeTier, aws.Prices);
            var posted = _posted.TryGetValue(key, out var p) ? p : _posted[key] = new();
            var note = string.Create(CultureInfo.InvariantCulture, $"{key / 12:0000}-{key % 12 + 1:00}");
            var now = bill.Items.GroupBy(i => (i.UsageType, i.PriceKey)).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
            foreach (var ((usage, priceKey), quantity) in now)
            {
                var delta = quantity - posted.GetValueOrDefault((usage, priceKey));
                if (delta == 0 || priceKey is null) continue;
                aws.Bill.Add(LineItem.From(aws.Prices.Get(priceKey), usage, delta, "Lambda usage " + note));
                posted[(usage, priceKey)] = quantity;
            }
            foreach (var (k, q) in posted.ToList())
            {
                if (now.ContainsKey(k) || q == 0 || k.Key is null) continue;
                aws.Bill.Add(LineItem.From(aws.Prices.Get(k.Key), k.Usage, -q, "Lambda usage " + note));
                posted[k] = 0;
            }
        }
        _dirtyMonths.Clear();
    }

    /// <summary>Adds one invocation to its month and returns its list price (request + compute + storage, no free tier).</summary>
    internal decimal AddUsage(DateTimeOffset at, int memoryMb, long billedMs, Architecture arch, int ephemeralMb)
    {
        var key = at.Year * 12 + at.Month - 1;
        if (!_months.TryGetValue(key, out var totals)) _months[key] = totals = new LambdaMonthlyTotals();
        totals.Add(new InvocationRecord(memoryMb, billedMs, arch, ephemeralMb));
        _dirtyMonths.Add(key);
        if (_flush is null)
        {
            var now = aws.Clock.Now;
            var due = options.BillingInterval <= TimeSpan.Zero ? now : new DateTimeOffset((now.UtcTicks / options.BillingInterval.Ticks + 1) * options.BillingInterval.Ticks, TimeSpan.Zero);
            _flush = aws.Clock.Schedule(due, PostCharges, "lambda:billing");
        }
        _requestPrice ??= aws.Prices.Get("lambda.requests").Price;
        _x86Price ??= aws.Prices.Get("lambda.duration.x86_64.tier1").Price;
        _armPrice ??= aws.Prices.Get("lambda.duration.arm64.tier1").Price;
        _ephemeralPrice ??= aws.Prices.Get("lambda.ephemeral").Price;
        var seconds = billedMs / 1000m;
        return _requestPrice.Value
            + memoryMb / 1024m * seconds * (arch == Architecture.Arm64 ? _armPrice.Value : _x86Price.Value)
            + Math.Max(0, ephemeralMb - LambdaLimits.MinEphemeralMb) / 1024m * seconds * _ephemeralPrice.Value;
    }
}
