using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaBillingTests
{
    private static readonly decimal Request = PriceList.Default.Get("lambda.requests").Price;
    private static readonly decimal GbSecond = PriceList.Default.Get("lambda.duration.x86_64.tier1").Price;

    [Fact]
    public void Every_invocation_reaches_the_bill_and_the_free_tier_is_applied_once_per_month()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("fn", LambdaCode.Work(TimeSpan.FromMilliseconds(100)));
        for (var i = 0; i < 3; i++) { aws.Lambda.Invoke("fn"); aws.Clock.Advance(TimeSpan.FromSeconds(1)); }
        Assert.Equal(0m, aws.Bill.Total); // inside the free tier
        var summary = aws.Bill.Summarized().Items;
        Assert.Equal(3m, summary.Single(i => i.UsageType == "Requests").Quantity);
        Assert.Equal(-3m, summary.Single(i => i.UsageType == "Free tier: requests").Quantity);
        Assert.Equal(3 * 0.125m * 0.1m, summary.Single(i => i.UsageType.StartsWith("Compute, x86_64", StringComparison.Ordinal)).Quantity);
    }

    [Fact]
    public void Without_the_free_tier_each_invocation_costs_a_request_and_its_GB_seconds()
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = new() { FreeTier = false } });
        aws.Lambda.CreateFunction("fn", LambdaCode.Work(TimeSpan.FromMilliseconds(100.2)), memorySize: 512);
        var r = aws.Lambda.Invoke("fn");
        var expected = Request + 0.5m * 0.101m * GbSecond; // 100.2 ms bills as 101 ms
        Assert.Equal(expected, aws.Bill.Total);
        Assert.Equal(expected, r.ListPriceUsd);
    }

    [Fact]
    public void Past_400000_GB_s_compute_is_billed_and_the_bill_matches_the_recomputed_month()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("big", LambdaCode.Work(TimeSpan.FromSeconds(900)), memorySize: 10_240, timeout: 900);
        for (var i = 0; i < 45; i++) aws.Lambda.InvokeAsync("big", "{}"); // 45 × 10 GB × 900 s = 405,000 GB-s
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5_000m * GbSecond, aws.Bill.Total);
        Assert.Equal(aws.Lambda.GetMonthlyBill(2026, 1).Total, aws.Bill.Total);
        Assert.Equal(45, aws.Lambda.GetMonthlyTotals(2026, 1).Requests);
    }

    [Fact]
    public void Each_month_gets_its_own_free_tier()
    {
        var aws = new SimulatedAws(start: new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
        aws.Lambda.CreateFunction("big", LambdaCode.Work(TimeSpan.FromSeconds(900)), memorySize: 10_240, timeout: 900);
        for (var i = 0; i < 30; i++) aws.Lambda.InvokeAsync("big", "{}"); // 270,000 GB-s in January
        aws.Clock.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 30; i++) aws.Lambda.InvokeAsync("big", "{}"); // 270,000 GB-s in February
        aws.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0m, aws.Bill.Total);
        Assert.Equal(60, aws.Bill.Summarized().Items.Single(i => i.UsageType == "Requests").Quantity);
    }

    [Fact]
    public void A_coarse_billing_interval_posts_fewer_lines_with_the_same_total()
    {
        decimal Total(TimeSpan interval, out int lines)
        {
            var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = new() { FreeTier = false, BillingInterval = interval } });
            aws.Lambda.CreateFunction("fn", LambdaCode.Work(TimeSpan.FromMilliseconds(30)));
            for (var i = 0; i < 200; i++) { aws.Lambda.InvokeAsync("fn", "{}"); aws.Clock.Advance(TimeSpan.FromMilliseconds(700)); }
            aws.Clock.Advance(TimeSpan.FromMinutes(2));
            lines = aws.Bill.Items.Count;
            return aws.Bill.Total;
        }
        var exact = Total(TimeSpan.Zero, out var many);
        var coarse = Total(TimeSpan.FromMinutes(1), out var few);
        Assert.Equal(exact, coarse);
        Assert.Equal(200 * (Request + 0.125m * 0.03m * GbSecond), exact);
        Assert.True(few < many, $"{few} lines vs {many}");
    }
}
