using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AwsSim.ApiGateway;
using AwsSim.ApiGateway.Sample;

namespace AwsSim.Http.Tests;

public sealed class LocalApiServerTests : IAsyncLifetime
{
    private readonly SimulatedAws _aws = new();
    private ShopSample _shop = null!;
    private LocalApiServer _server = null!;
    private readonly HttpClient _client = new();

    public async ValueTask InitializeAsync()
    {
        _shop = ShopSample.Create(_aws);
        _server = new LocalApiServer(_aws, _shop.RestApi.Id);
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Listens_on_loopback_on_a_random_port_and_answers_through_the_model()
    {
        Assert.Equal("127.0.0.1", _server.BaseAddress!.Host);
        Assert.NotEqual(0, _server.BaseAddress.Port);
        var r = await _client.GetAsync(_server.Url("prod/hello"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("Hello from Lambda!", (string?)json["message"]);
        Assert.Equal("1.0", (string?)json["version"]);
        Assert.True(r.Headers.Contains("x-amzn-RequestId"));
        Assert.Equal(1, _server.RequestsServed);
    }

    [Fact]
    public async Task Unknown_route_gets_rest_api_403_missing_authentication_token()
    {
        var r = await _client.GetAsync(_server.Url("prod/nowhere"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Malformed_proxy_response_is_502_and_the_real_event_reached_the_function()
    {
        var r = await _client.GetAsync(_server.Url("prod/broken?x=1"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
        var put = await _client.PutAsync(_server.Url("prod/items/77"), new StringContent("""{"name":"Lamp"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Lamp", (string?)_shop.Table.GetItem("77")!["name"]);
    }

    [Fact]
    public async Task Binary_bodies_survive_the_round_trip()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        var put = await _client.PutAsync(_server.Url("prod/files/blob.bin"), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = new HttpRequestMessage(HttpMethod.Get, _server.Url("prod/files/blob.bin"));
        get.Headers.Accept.ParseAdd("application/octet-stream");
        var r = await _client.SendAsync(get, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Api_key_is_read_from_the_x_api_key_header()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetAsync(_server.Url("prod/stats"), TestContext.Current.CancellationToken)).StatusCode);
        using var m = new HttpRequestMessage(HttpMethod.Get, _server.Url("prod/stats"));
        m.Headers.Add("x-api-key", _shop.ApiKey.Value);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(m, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Body_over_10_MB_gets_413_and_the_server_keeps_answering()
    {
        var big = new ByteArrayContent(new byte[ApiGatewayLimits.MaxPayloadBytes + 1]);
        big.Headers.ContentType = new("text/plain");
        // Like curl does for large uploads: ask first (Expect: 100-continue), so the 413 arrives before the body is sent.
        using var m = new HttpRequestMessage(HttpMethod.Put, _server.Url("prod/items/1")) { Content = big };
        m.Headers.ExpectContinue = true;
        var r = await _client.SendAsync(m, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal(0, _shop.Functions.Invocations.GetValueOrDefault(ShopSample.FunctionName));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(_server.Url("prod/hello"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Body_just_under_the_limit_without_expect_continue_is_read_in_full()
    {
        var body = new ByteArrayContent(new byte[1024 * 1024]);
        body.Headers.ContentType = new("application/octet-stream");
        var r = await _client.PutAsync(_server.Url("prod/files/big.bin"), body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal(1024 * 1024, (int)JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["size"]!);
    }

    [Fact]
    public async Task Headers_over_10240_bytes_get_431()
    {
        using var m = new HttpRequestMessage(HttpMethod.Get, _server.Url("prod/hello"));
        m.Headers.Add("X-Big", new string('a', ApiGatewayLimits.MaxHeaderBytes + 1));
        var r = await _client.SendAsync(m, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(_server.Url("prod/hello"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", 400)]
    [InlineData("GET /prod/hello HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n", 400)]
    [InlineData("POST /prod/items/1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400)]
    [InlineData("GET /prod/hello HTTP/1.1\r\n\r\n", 400)] // HTTP/1.1 requires Host
    [InlineData("GET /prod/hello HTTP/9.9\r\nHost: x\r\n\r\n", 505)] // HTTP Version Not Supported
    public async Task Malformed_http_gets_an_error_status_and_the_server_keeps_answering(string raw, int expected)
    {
        var status = await RawRequest.SendAsync(_server.BaseAddress!, raw, TestContext.Current.CancellationToken);
        Assert.Equal(expected, status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(_server.Url("prod/hello"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Stop_closes_the_port_and_a_second_server_gets_another_port()
    {
        await using var other = await LocalApiServer.StartNewAsync(_aws, _shop.HttpApi.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(_server.BaseAddress!.Port, other.BaseAddress!.Port);
        var r = await _client.GetAsync(other.Url("hello"), TestContext.Current.CancellationToken);
        Assert.Equal("2.0", (string?)JsonNode.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["version"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(other.Url("nowhere"), TestContext.Current.CancellationToken)).StatusCode);

        var url = other.BaseAddress;
        await other.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(other.IsRunning);
        using var fresh = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(new Uri(url, "hello"), TestContext.Current.CancellationToken));
        await other.StopAsync(TestContext.Current.CancellationToken); // stopping twice is harmless
    }

    [Fact]
    public async Task Server_can_be_restarted_after_stopping()
    {
        await using var s = new LocalApiServer(_aws, _shop.HttpApi.Id);
        await s.StartAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.StartAsync(TestContext.Current.CancellationToken));
        await s.StopAsync(TestContext.Current.CancellationToken);
        await s.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(s.Url("hello"), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void Port_out_of_range_is_refused()
        => Assert.Equal("Port", Assert.Throws<AwsValidationException>(() => new LocalApiServer(_aws, _shop.RestApi.Id, new LocalApiServerOptions { Port = 70000 })).Field);
}
