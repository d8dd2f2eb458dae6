using System.Text;
using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class MoreProxyTests
{
    [Theory]
    [InlineData("image/png", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("application/json", false)]
    [InlineData("text/plain; charset=utf-8", false)]
    [InlineData("application/vnd.api+json", false)]
    public void Http_api_base64_encodes_non_text_bodies(string contentType, bool base64)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("POST /up");
        var body = Encoding.UTF8.GetBytes("héllo ✓");
        kit.Aws.ApiGateway.Send(api.Id, new ApiRequest("POST", "/up", [new("Content-Type", contentType)], body));
        Assert.Equal(base64, (bool)kit.LastEventNode["isBase64Encoded"]!);
        var sent = (string)kit.LastEventNode["body"]!;
        Assert.Equal(body, base64 ? Convert.FromBase64String(sent) : Encoding.UTF8.GetBytes(sent));
    }

    [Theory]
    [InlineData("*/*", "text/plain", true)]
    [InlineData("image/*", "image/jpeg", true)]
    [InlineData("image/*", "text/html", false)]
    [InlineData("image/png", "image/png; q=0.9", true)]
    public void Binary_media_types_match_wildcards(string configured, string contentType, bool binary)
        => Assert.Equal(binary, ProxyEvents.IsBinary(contentType, [configured]));

    [Fact]
    public void An_unknown_function_is_a_500_on_rest_and_http()
    {
        var kit = new ApiGatewayTestKit();
        var rest = kit.Aws.ApiGateway.CreateRestApi("r");
        rest.PutMethod("GET", "/x", "no-such-function");
        rest.CreateStage("prod");
        var r = kit.Aws.ApiGateway.Send(rest.Id, ApiRequest.Get("/prod/x"));
        Assert.Equal(500, r.StatusCode);
        Assert.Contains("ResourceNotFoundException", r.Problem);
    }

    [Fact]
    public void The_same_handler_reads_both_payload_formats()
    {
        var kit = new ApiGatewayTestKit();
        var rest = kit.Rest("GET /items/{id}");
        var http = kit.Http("GET /items/{id}");
        kit.Aws.ApiGateway.Send(rest.Id, ApiRequest.Get("/prod/items/5?q=a", ("X-Case", "v")));
        var v1 = ProxyRequestView.Parse(kit.LastEvent!);
        kit.Aws.ApiGateway.Send(http.Id, ApiRequest.Get("/items/5?q=a", ("X-Case", "v")));
        var v2 = ProxyRequestView.Parse(kit.LastEvent!);
        foreach (var v in new[] { v1, v2 })
        {
            Assert.Equal("GET", v.Method);
            Assert.Equal("/items/{id}", v.Resource);
            Assert.Equal("5", v.PathParameter("id"));
            Assert.Equal("a", v.Query("q"));
            Assert.Equal("v", v.Header("x-case"));
        }
        Assert.Equal(("1.0", "2.0"), (v1.Version, v2.Version));
    }
}
