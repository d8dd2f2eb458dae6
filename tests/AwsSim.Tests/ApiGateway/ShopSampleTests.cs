using System.Text.Json.Nodes;
using AwsSim.ApiGateway;
using AwsSim.ApiGateway.Sample;

namespace AwsSim.Tests.ApiGateway;

public class ShopSampleTests
{
    [Theory]
    [InlineData(ApiProtocol.Rest)]
    [InlineData(ApiProtocol.Http)]
    public void Items_round_trip_through_api_function_and_table(ApiProtocol protocol)
    {
        var aws = new SimulatedAws();
        var shop = ShopSample.Create(aws);
        var api = protocol == ApiProtocol.Rest ? shop.RestApi : shop.HttpApi;
        var prefix = protocol == ApiProtocol.Rest ? "/prod" : "";
        var gw = aws.ApiGateway;

        var put = gw.Send(api.Id, ApiRequest.Text("PUT", prefix + "/items/9", """{"name":"Pen","price":1.5}"""));
        Assert.Equal(200, put.StatusCode);
        Assert.Equal("Pen", (string?)shop.Table.GetItem("9")!["name"]);
        var get = gw.Send(api.Id, ApiRequest.Get(prefix + "/items/9"));
        Assert.Equal("9", (string?)JsonNode.Parse(get.BodyText)!["id"]);
        Assert.Equal(3, JsonNode.Parse(gw.Send(api.Id, ApiRequest.Get(prefix + "/items")).BodyText)!.AsArray().Count);
        Assert.Equal(404, gw.Send(api.Id, ApiRequest.Get(prefix + "/items/nope")).StatusCode);
    }

    [Fact]
    public void Binary_files_go_to_the_bucket_and_back()
    {
        var aws = new SimulatedAws();
        var store = new InMemoryObjectStore();
        var shop = ShopSample.Create(aws, store);
        var bytes = new byte[] { 0, 1, 2, 250, 255 };
        var put = aws.ApiGateway.Send(shop.RestApi.Id, new ApiRequest("PUT", "/prod/files/pics/a.png", [new("Content-Type", "image/png")], bytes));
        Assert.Equal(201, put.StatusCode);
        Assert.Equal(bytes, store.GetObject(ShopSample.Bucket, "pics/a.png")!.Value.Body);
        var get = aws.ApiGateway.Send(shop.RestApi.Id, ApiRequest.Get("/prod/files/pics/a.png", ("Accept", "image/png")));
        Assert.Equal(bytes, get.Body);
    }

    [Fact]
    public void Broken_slow_and_keyed_routes_show_the_gateway_failures()
    {
        var aws = new SimulatedAws();
        var shop = ShopSample.Create(aws);
        var gw = aws.ApiGateway;
        Assert.Equal(502, gw.Send(shop.RestApi.Id, ApiRequest.Get("/prod/broken")).StatusCode);
        Assert.Equal(500, gw.Send(shop.HttpApi.Id, ApiRequest.Get("/broken")).StatusCode);
        Assert.Equal(504, gw.Send(shop.RestApi.Id, ApiRequest.Get("/prod/slow?ms=29500")).StatusCode);
        Assert.Equal(200, gw.Send(shop.HttpApi.Id, ApiRequest.Get("/slow?ms=29500")).StatusCode);
        Assert.Equal(403, gw.Send(shop.RestApi.Id, ApiRequest.Get("/prod/stats")).StatusCode);
        Assert.Equal(200, gw.Send(shop.RestApi.Id, ApiRequest.Get("/prod/stats", ("x-api-key", shop.ApiKey.Value))).StatusCode);
        Assert.Equal(404, gw.Send(shop.HttpApi.Id, ApiRequest.Get("/stats")).StatusCode);
    }
}
