using System.Text;
using AwsSim;
using AwsSim.ApiGateway;
using AwsSim.ApiGateway.Sample;
using AwsSim.Http;
using BenchmarkDotNet.Attributes;

namespace Bench;

/// <summary>
/// Requests per second through the local endpoint (Kestrel → API Gateway model → proxy event → in-process Lambda →
/// response mapping) against a bare Kestrel endpoint returning the same body, in the same run, from a bounded
/// loopback load generator (HttpClient, <see cref="Concurrency"/> requests in flight). The Ratio column is the cost
/// of the simulation; ops/s = 1 / (Mean / <see cref="Batch"/>).
/// </summary>
[MemoryDiagnoser]
public class ApiGatewayBenchmarks
{
    /// <summary>Requests per benchmark invocation.</summary>
    public const int Batch = 512;

    /// <summary>Requests in flight at once.</summary>
    public const int Concurrency = 8;

    private SimulatedAws _aws = null!;
    private LocalApiServer _simulated = null!;
    private BareKestrelServer _bare = null!;
    private HttpClient _client = null!;
    private Uri _simulatedUrl = null!;
    private Uri _bareUrl = null!;

    [GlobalSetup]
    public void Setup()
    {
        _aws = new SimulatedAws(new SimulatedAwsOptions { ApiGateway = new() { ChargeRequests = false } });
        var shop = ShopSample.Create(_aws);
        _simulated = new LocalApiServer(_aws, shop.RestApi.Id);
        _simulatedUrl = new Uri(_simulated.StartAsync().GetAwaiter().GetResult(), "prod/hello");
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
        // The bare server answers with exactly the body the simulated API returns.
        var body = _client.GetByteArrayAsync(_simulatedUrl).GetAwaiter().GetResult();
        if (!Encoding.UTF8.GetString(body).Contains("Hello from Lambda!", StringComparison.Ordinal)) throw new InvalidOperationException("unexpected body");
        _bare = new BareKestrelServer(body);
        _bareUrl = new Uri(_bare.StartAsync().GetAwaiter().GetResult(), "prod/hello");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _simulated.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bare.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Plain Kestrel, same body: the baseline.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public Task BareKestrel() => Load(_bareUrl);

    /// <summary>The local endpoint: API Gateway model + proxy integration + in-process Lambda.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task LocalApiGateway() => Load(_simulatedUrl);

    /// <summary>The model alone, no HTTP: one request through <c>ApiGatewayService.Send</c>.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void ModelOnly()
    {
        var id = _simulated.Api.Id;
        for (var i = 0; i < Batch; i++)
        {
            _aws.Clock.Advance(TimeSpan.FromMilliseconds(1));
            if (_aws.ApiGateway.Send(id, ApiRequest.Get("/prod/hello")).StatusCode != 200) throw new InvalidOperationException("not 200");
        }
    }

    private Task Load(Uri url)
        => Parallel.ForEachAsync(Enumerable.Range(0, Batch), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, ct) =>
        {
            using var r = await _client.GetAsync(url, ct);
            if ((int)r.StatusCode != 200) throw new InvalidOperationException($"status {(int)r.StatusCode}");
            await r.Content.ReadAsByteArrayAsync(ct);
        });
}
