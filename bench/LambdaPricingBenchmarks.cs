using AwsSim;
using AwsSim.Lambda;
using BenchmarkDotNet.Attributes;

/// <summary>Pricing one million invocations' worth of usage records (issue 2's first benchmark).</summary>
[MemoryDiagnoser]
public class LambdaPricingBenchmarks
{
    private InvocationRecord[] _records = Array.Empty<InvocationRecord>();

    [Params(1_000_000)]
    public int Invocations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Seeded: the same records every run.
        var random = new Random(42);
        int[] memories = [128, 256, 512, 1024, 1769, 3008, 10240];
        _records = new InvocationRecord[Invocations];
        for (var i = 0; i < _records.Length; i++)
        {
            _records[i] = new InvocationRecord(
                memories[random.Next(memories.Length)],
                random.NextDouble() * 2_000,
                random.Next(4) == 0 ? Architecture.Arm64 : Architecture.X86_64,
                random.Next(10) == 0 ? 2_048 : 512);
        }
    }

    [Benchmark(Description = "Price 1M invocation records into a monthly bill")]
    public decimal PriceMonth() => LambdaPricing.MonthlyBill(_records).Total;
}
