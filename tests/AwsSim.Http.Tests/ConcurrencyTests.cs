using System.Net;
using AwsSim.ApiGateway.Sample;

namespace AwsSim.Http.Tests;

/// <summary>
/// Determinism of the local endpoint. One client sending requests one at a time gets the same responses and the same
/// bill on every run. Concurrent clients get, between them, exactly the responses and the bill of a one-at-a-time run of
/// the same requests: nothing lost, nothing counted twice.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Requests = 120;

    [Fact]
    public async Task One_client_at_a_time_gets_the_same_responses_and_bill_on_every_run()
    {
        var first = await RunAsync(clients: 1);
        var second = await RunAsync(clients: 1);
        Assert.Equal(first.Bodies, second.Bodies);
        Assert.Equal(first.Bill, second.Bill);
        Assert.Equal(first.Total, second.Total);
    }

    [Fact]
    public async Task Eight_concurrent_clients_get_the_responses_and_bill_of_a_one_at_a_time_order()
    {
        var sequential = await RunAsync(clients: 1);
        var concurrent = await RunAsync(clients: 8);
        Assert.Equal(Requests, concurrent.Served);
        Assert.Equal(0, concurrent.Failed);
        // The same requests one at a time give these responses; concurrently, each of them exactly once, in some order.
        Assert.Equal(sequential.Bodies.Order(StringComparer.Ordinal), concurrent.Bodies.Order(StringComparer.Ordinal));
        // The bill is the sum over the requests: every request charged once, none lost.
        Assert.Equal(sequential.Bill, concurrent.Bill);
        Assert.Equal(sequential.Total, concurrent.Total);
        Assert.Equal(Requests, concurrent.BilledRequests);
    }

    private sealed record Run(List<string> Bodies, List<string> Bill, decimal Total, long Served, long Failed, long BilledRequests);

    private static async Task<Run> RunAsync(int clients)
    {
        var ct = TestContext.Current.CancellationToken;
        var aws = new SimulatedAws();
        var shop = ShopSample.Create(aws);
        await using var server = new LocalApiServer(aws, shop.RestApi.Id);
        await server.StartAsync(ct);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients });
        var bodies = new System.Collections.Concurrent.ConcurrentBag<string>();
        var ordered = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = ct }, async (_, token) =>
        {
            using var r = await client.GetAsync(server.Url("prod/hello"), token);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = await r.Content.ReadAsStringAsync(token);
            bodies.Add(body);
            if (clients == 1) lock (ordered) ordered.Add(body);
        });
        aws.Lambda.PostCharges();
        var bill = aws.Bill.Summarized().Items.Select(i => $"{i.Service}|{i.UsageType}|{i.Quantity}|{i.Amount}").Order(StringComparer.Ordinal).ToList();
        var now = aws.Clock.Now;
        var billed = aws.ApiGateway.BilledRequests(shop.RestApi.Protocol, now.Year, now.Month);
        return new Run(clients == 1 ? ordered : bodies.ToList(), bill, aws.Bill.Total, server.RequestsServed, server.RequestsFailed, billed);
    }
}
