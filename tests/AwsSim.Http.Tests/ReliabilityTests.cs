using System.Net.Http;
using System.Text;
using AwsSim.ApiGateway.Sample;

namespace AwsSim.Http.Tests;

public sealed class ReliabilityTests
{
    private const int Requests = 20_000;
    private const int Concurrency = 16;

    /// <summary>What request i is and the status it must get.</summary>
    private static (string Kind, int Expected) Plan(int i) => (i % 10) switch
    {
        0 => ("raw-garbage", 400),    // not HTTP at all: Kestrel answers 400 and closes the connection
        1 => ("unknown-route", 403),  // REST: Missing Authentication Token
        2 => ("broken", 502),         // malformed proxy response
        3 => ("bad-json", 400),       // the function refuses the body
        _ => ("hello", 200),
    };

    [Fact]
    [Trait("category", "slow")]
    public async Task A_burst_with_malformed_requests_gets_exactly_one_right_answer_each_and_the_server_survives()
    {
        var ct = TestContext.Current.CancellationToken;
        var aws = new SimulatedAws(new SimulatedAwsOptions { ApiGateway = new() { ChargeRequests = false } });
        var shop = ShopSample.Create(aws);
        await using var server = new LocalApiServer(aws, shop.RestApi.Id);
        var baseUrl = await server.StartAsync(ct);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

        var statuses = new int[Requests];
        var answers = new int[Requests];
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var (kind, _) = Plan(i);
            int status;
            switch (kind)
            {
                case "raw-garbage":
                    status = await RawRequest.SendAsync(baseUrl, "GARBAGE " + i + "\r\n\r\n", token);
                    break;
                default:
                    using (var m = kind switch
                    {
                        "unknown-route" => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "prod/nowhere/" + i)),
                        "broken" => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "prod/broken")),
                        "bad-json" => new HttpRequestMessage(HttpMethod.Put, new Uri(baseUrl, "prod/items/" + i)) { Content = new StringContent("{not json", Encoding.UTF8, "application/json") },
                        _ => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "prod/hello?i=" + i)),
                    })
                    {
                        using var r = await client.SendAsync(m, token);
                        await r.Content.ReadAsByteArrayAsync(token);
                        status = (int)r.StatusCode;
                    }
                    break;
            }
            statuses[i] = status;
            Interlocked.Increment(ref answers[i]);
        });

        Assert.All(answers, a => Assert.Equal(1, a));
        var wrong = Enumerable.Range(0, Requests).Where(i => statuses[i] != Plan(i).Expected).Take(5).Select(i => $"#{i} {Plan(i).Kind}: {statuses[i]}").ToList();
        Assert.Empty(wrong);
        // Every well-formed request went through the model exactly once; none failed inside the server.
        Assert.Equal(Requests - Requests / 10, server.RequestsServed);
        Assert.Equal(0, server.RequestsFailed);
        // hello (6 in 10), broken and bad-json (1 in 10 each) reach the function; unknown routes and garbage do not.
        Assert.Equal(Requests / 10 * 8, shop.Functions.Invocations[ShopSample.FunctionName]);
        // And it still answers afterwards.
        using var after = await client.GetAsync(new Uri(baseUrl, "prod/hello"), ct);
        Assert.Equal(200, (int)after.StatusCode);
    }
}
