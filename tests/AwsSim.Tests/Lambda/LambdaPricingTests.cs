using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaPricingTests
{
    [Fact]
    public void The_pricing_page_example_512MB_3M_requests_1s_costs_18_73()
    {
        // 3M × 1 s × 0.5 GB = 1,500,000 GB-s; less 400,000 free = 1,100,000 × $0.0000166667 = $18.33;
        // requests: 2M billable × $0.20/M = $0.40.
        var bill = LambdaPricing.MonthlyBill(new LambdaUsage(3_000_000, 512, 1000));
        Assert.Equal(18.33337m + 0.40m, bill.Total);
        Assert.Equal("$18.73", Money.Format(bill.Total));
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(100.2, 101)]
    [InlineData(999.0001, 1000)]
    public void Duration_is_rounded_up_to_the_next_millisecond(double ms, long billed)
        => Assert.Equal(billed, LambdaPricing.BilledMilliseconds(ms));

    [Fact]
    public void Arm64_compute_is_20_percent_cheaper()
    {
        var x86 = LambdaPricing.MonthlyBill(new LambdaUsage(1_000_000, 1024, 1000), freeTier: false);
        var arm = LambdaPricing.MonthlyBill(new LambdaUsage(1_000_000, 1024, 1000, Architecture.Arm64), freeTier: false);
        var computeX86 = x86.Total - 0.2m;
        var computeArm = arm.Total - 0.2m;
        Assert.Equal(16_666.7m * 0.001m, computeX86);
        Assert.Equal(0.8m, Math.Round(computeArm / computeX86, 4));
    }

    [Fact]
    public void Free_tier_can_be_turned_off()
    {
        var usage = new LambdaUsage(500_000, 128, 100);
        Assert.Equal(0m, LambdaPricing.MonthlyBill(usage).Total);
        Assert.True(LambdaPricing.MonthlyBill(usage, freeTier: false).Total > 0);
    }

    [Fact]
    public void Free_compute_is_shared_by_both_architectures()
    {
        var records = new[]
        {
            new InvocationRecord(1024, 300_000_000), // 300,000 GB-s on x86_64
            new InvocationRecord(1024, 300_000_000, Architecture.Arm64),
        };
        var bill = LambdaPricing.MonthlyBill(records);
        var credits = bill.Items.Where(i => i.UsageType.StartsWith("Free tier: compute", StringComparison.Ordinal)).ToList();
        Assert.Equal(-300_000m, credits[0].Quantity);
        Assert.Equal(-100_000m, credits[1].Quantity);
    }

    [Fact]
    public void Volume_tiers_apply_above_6_billion_GB_s_on_x86()
    {
        // 10,240 MB for 900 s = 9,000 GB-s per request; 1,000,000 requests = 9 billion GB-s.
        var bill = LambdaPricing.MonthlyBill(new LambdaUsage(1_000_000, 10_240, 900_000), freeTier: false);
        var t1 = bill.Items.Single(i => i.PriceKey == "lambda.duration.x86_64.tier1");
        var t2 = bill.Items.Single(i => i.PriceKey == "lambda.duration.x86_64.tier2");
        Assert.Equal(6_000_000_000m, t1.Quantity);
        Assert.Equal(3_000_000_000m, t2.Quantity);
    }

    [Fact]
    public void Ephemeral_storage_above_512MB_is_billed_per_GB_s()
    {
        var bill = LambdaPricing.MonthlyBill(new LambdaUsage(1_000_000, 128, 1000, EphemeralStorageMb: 10_240), freeTier: false);
        var line = bill.Items.Single(i => i.PriceKey == "lambda.ephemeral");
        Assert.Equal(9.5m * 1_000_000m, line.Quantity);
    }

    [Theory]
    [InlineData(127, 512, "MemorySize")]
    [InlineData(10_241, 512, "MemorySize")]
    [InlineData(128, 511, "EphemeralStorage.Size")]
    [InlineData(128, 10_241, "EphemeralStorage.Size")]
    public void Out_of_range_settings_name_the_field_the_value_and_the_range(int memory, int ephemeral, string field)
    {
        var ex = Assert.Throws<AwsValidationException>(() => LambdaPricing.MonthlyBill(new LambdaUsage(1, memory, 1, EphemeralStorageMb: ephemeral)));
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message);
        Assert.Contains("10,240", ex.Message);
    }

    [Fact]
    public void Negative_requests_and_durations_are_rejected()
    {
        Assert.Equal("Requests", Assert.Throws<AwsValidationException>(() => LambdaPricing.MonthlyBill(new LambdaUsage(-1, 128, 1))).Field);
        Assert.Equal("DurationMs", Assert.Throws<AwsValidationException>(() => LambdaPricing.MonthlyBill(new LambdaUsage(1, 128, -5))).Field);
    }
}
