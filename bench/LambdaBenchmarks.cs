using AwsSim;
using AwsSim.Iam;
using AwsSim.Lambda;
using BenchmarkDotNet.Attributes;

/// <summary>
/// One million asynchronous invocations through the simulated Lambda runtime, 1% of them failing every attempt (so
/// they are retried twice and dead-lettered), against calling the same handler directly. Both are reported per
/// invocation (OperationsPerInvoke), so the ratio is the runtime's overhead per invocation.
/// </summary>
[MemoryDiagnoser]
public class LambdaBenchmarks
{
    private const int Events = 1_000_000;
    private const string Dlq = "arn:aws:sqs:us-east-1:123456789012:bench-dlq";
    private string[] _payloads = Array.Empty<string>();

    [GlobalSetup]
    public void Setup() => _payloads = Enumerable.Range(0, Events).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The handler: 50 ms of simulated work; every 100th event fails.</summary>
    private static string? Handler(string payload, ILambdaContext context)
    {
        context.Spend(TimeSpan.FromMilliseconds(50));
        if (int.Parse(payload, System.Globalization.CultureInfo.InvariantCulture) % 100 == 0) throw new InvalidOperationException("injected failure");
        return null;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Handler called directly")]
    public int Direct()
    {
        var context = new DirectContext();
        var failures = 0;
        foreach (var p in _payloads)
        {
            try { Handler(p, context); }
            catch (InvalidOperationException) { failures++; }
        }
        return failures;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "1M async invocations, 1% failing through retries and DLQ")]
    public long Simulated()
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = new() { BillingInterval = TimeSpan.FromMinutes(1), LogRetentionInvocations = 1_000 } });
        var role = aws.Lambda.CreateRole("bench-role", IamPolicy.BasicExecution, IamPolicy.Allow("sqs:SendMessage", Dlq));
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "bench", Role = role.Arn, Code = LambdaCode.From(Handler), DeadLetterConfig = new DeadLetterConfig(Dlq),
        });
        // 10 events per simulated millisecond: 10,000 events/s × 50 ms ≈ 500 concurrent executions (below the 1,000 quota).
        for (var i = 0; i < Events; i += 10)
        {
            for (var j = i; j < i + 10; j++) aws.Lambda.InvokeAsync("bench", _payloads[j]);
            aws.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        var accounting = aws.Lambda.AsyncAccounting;
        if (!accounting.Balanced || accounting.InFlight != 0 || accounting.DeadLettered != Events / 100)
        {
            throw new InvalidOperationException("accounting is off: " + accounting);
        }
        return accounting.Succeeded;
    }

    /// <summary>A do-nothing context for the direct calls: spending time only adds it up.</summary>
    private sealed class DirectContext : ILambdaContext, ILambdaLogger
    {
        public string AwsRequestId => "direct";
        public string FunctionName => "bench";
        public string FunctionVersion => "$LATEST";
        public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:bench";
        public int MemoryLimitInMB => 128;
        public TimeSpan RemainingTime => TimeSpan.FromSeconds(3);
        public ILambdaLogger Logger => this;
        public string LogGroupName => "/aws/lambda/bench";
        public string LogStreamName => "direct";
        public DateTimeOffset Now => SimulatedClock.DefaultStart + Elapsed;
        public TimeSpan Elapsed { get; private set; }
        public double Vcpus => 128 / 1769.0;
        public SimulatedAws Aws => throw new NotSupportedException();
        public void Spend(TimeSpan duration) => Elapsed += duration;
        public void SpendCpu(TimeSpan atOneVcpu, int threads = 1) => Elapsed += atOneVcpu;
        public Task SpendAsync(TimeSpan duration) { Spend(duration); return Task.CompletedTask; }
        public void UseMemory(int megabytes) { }
        public void FreeMemory(int megabytes) { }
        public void Authorize(string action, string resource) { }
        public HttpResult HttpGet(string url, TimeSpan? clientTimeout = null) => new(200, "");
        public string? GetEnvironmentVariable(string name) => null;
        public void Log(string message) { }
        public void LogLine(string message) { }
    }
}
