using AwsSim.Fargate;
using AwsSim.Lambda;

namespace AwsSim.Tests.Fargate;

public class FargateTaskSizeTests
{
    [Theory]
    [InlineData(256, 512, true)]
    [InlineData(256, 1024, true)]
    [InlineData(256, 2048, true)]
    [InlineData(256, 3072, false)]
    [InlineData(512, 1024, true)]
    [InlineData(512, 4096, true)]
    [InlineData(512, 512, false)]
    [InlineData(1024, 2048, true)]
    [InlineData(1024, 8192, true)]
    [InlineData(1024, 1024, false)]
    [InlineData(2048, 16384, true)]
    [InlineData(2048, 17408, false)]
    [InlineData(4096, 30720, true)]
    [InlineData(4096, 4096, false)]
    [InlineData(8192, 16384, true)]
    [InlineData(8192, 20480, true)]
    [InlineData(8192, 17408, false)]   // 8 vCPU steps are 4 GB
    [InlineData(8192, 61440, true)]
    [InlineData(16384, 32768, true)]
    [InlineData(16384, 40960, true)]
    [InlineData(16384, 36864, false)]  // 16 vCPU steps are 8 GB
    [InlineData(16384, 122880, true)]
    [InlineData(128, 512, false)]
    public void Valid_sizes_are_exactly_the_table(int cpu, int memory, bool valid)
        => Assert.Equal(valid, FargateTaskSize.IsValid(cpu, memory));

    [Theory]
    [InlineData(256, 3)]
    [InlineData(512, 4)]
    [InlineData(1024, 7)]
    [InlineData(2048, 13)]
    [InlineData(4096, 23)]
    [InlineData(8192, 12)]
    [InlineData(16384, 12)]
    public void Number_of_memory_choices_per_cpu(int cpu, int count) => Assert.Equal(count, FargateTaskSize.ValidMemoryMiB(cpu).Count);

    [Fact]
    public void Invalid_size_lists_the_valid_memory_values_for_that_cpu()
    {
        var ex = Assert.Throws<AwsValidationException>(() => FargateTaskSize.Validate(256, 4096));
        Assert.Equal("ClientException", ex.ErrorCode);
        Assert.Equal("memory", ex.Field);
        Assert.Contains("No Fargate configuration exists for given values: 256 CPU, 4096 memory", ex.Message);
        Assert.Contains("512, 1024, 2048 MiB (0.5, 1, 2 GB)", ex.Message);
    }

    [Fact]
    public void Invalid_cpu_lists_the_valid_cpu_values()
    {
        var ex = Assert.Throws<AwsValidationException>(() => FargateTaskSize.Validate(3072, 8192));
        Assert.Equal("cpu", ex.Field);
        Assert.Contains("256, 512, 1024, 2048, 4096, 8192, 16384", ex.Message);
    }

    [Theory]
    [InlineData(0.25, 0.5, 256, 512)]
    [InlineData(1, 2, 1024, 2048)]
    [InlineData(16, 120, 16384, 122880)]
    public void Vcpu_and_gb_convert_to_units_and_mib(double vcpu, double gb, int cpu, int mem)
        => Assert.Equal((cpu, mem), FargateTaskSize.FromVcpuAndGb(vcpu, gb));

    [Fact]
    public void Vcpu_size_error_lists_gb_values()
    {
        var ex = Assert.Throws<AwsValidationException>(() => FargateTaskSize.FromVcpuAndGb(0.5, 0.75));
        Assert.Contains("1, 2, 3, 4 GB", ex.Message);
    }
}

public class FargatePricingTests
{
    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 60)]
    [InlineData(59.5, 60)]
    [InlineData(60, 60)]
    [InlineData(60.2, 61)]
    [InlineData(3600, 3600)]
    public void Billing_rounds_up_to_the_second_with_a_one_minute_minimum(double seconds, long billed)
        => Assert.Equal(billed, FargatePricing.BilledSeconds(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fact_sheet_example_quarter_vcpu_half_gb_a_month_is_9_01()
    {
        // 0.25 × 0.04048 + 0.5 × 0.004445 = $0.0123425 an hour; × 730 h.
        var cost = FargatePricing.Cost(FargateUsage.FromVcpu(0.25, 0.5, TimeSpan.FromHours(730)));
        Assert.Equal(0.0123425m * 730, cost);
        Assert.Equal("$9.01", Money.Format(cost));
    }

    [Fact]
    public void Arm_is_cheaper_and_uses_its_own_rates()
    {
        var arm = FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromHours(1), Architecture: Architecture.Arm64));
        Assert.Equal(0.03238m + 2 * 0.00356m, arm);
    }

    [Fact]
    public void Spot_is_the_documented_70_percent_assumption_and_x86_only()
    {
        var onDemand = FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromHours(10)));
        var spot = FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromHours(10), Spot: true));
        Assert.Equal(onDemand * 0.3m, spot);
        Assert.Contains("ASSUMPTION", PriceList.Default.Get("fargate.spot.linux.x86_64.vcpu").Note);
        Assert.Throws<AwsValidationException>(() => FargatePricing.Cost(new FargateUsage(1024, 2048, TimeSpan.FromHours(1), Architecture: Architecture.Arm64, Spot: true)));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(21, 1)]
    [InlineData(200, 180)]
    public void Ephemeral_storage_above_20_GB_is_billed(int gib, int billedGib)
    {
        var bill = FargatePricing.Price(new FargateUsage(256, 512, TimeSpan.FromHours(2), EphemeralStorageGiB: gib));
        var line = bill.Items.SingleOrDefault(i => i.PriceKey == "fargate.ephemeral");
        Assert.Equal(billedGib * 2m, line?.Quantity ?? 0);
    }

    [Fact]
    public void Ephemeral_storage_above_200_is_rejected()
        => Assert.Equal("ephemeralStorage.sizeInGiB", Assert.Throws<AwsValidationException>(() => FargatePricing.Price(new FargateUsage(256, 512, TimeSpan.FromHours(1), EphemeralStorageGiB: 201))).Field);

    [Fact]
    public void Many_short_tasks_each_pay_the_minute()
    {
        var bill = FargatePricing.Price(new FargateUsage(1024, 2048, TimeSpan.FromSeconds(10), Tasks: 100));
        Assert.Equal(100 * 60 / 3600m, bill.Items[0].Quantity); // vCPU-hours: 1 vCPU × 100 tasks × 60 s
    }
}
