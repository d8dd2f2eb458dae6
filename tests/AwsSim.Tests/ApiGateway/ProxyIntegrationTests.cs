using System.Text;
using System.Text.Json.Nodes;
using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class ProxyIntegrationTests
{
    [Fact]
    public void Rest_event_has_every_v1_field_as_AWS_sends_it()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("POST /items/{id}");
        kit.Aws.Clock.Advance(TimeSpan.FromSeconds(3723.5)); // 2026-01-01T01:02:03.500Z
        var request = new ApiRequest("POST", "/prod/items/42?tag=a&tag=b&q=x%20y",
            [new("Content-Type", "application/json"), new("Header2", "value1"), new("Header2", "value2"), new("User-Agent", "curl/8")],
            Encoding.UTF8.GetBytes("{\"a\":1}")) { SourceIp = "10.0.0.7" };

        var response = kit.Aws.ApiGateway.Send(api.Id, request);

        Assert.Equal(200, response.StatusCode);
        var e = kit.LastEventNode;
        Assert.Equal("/items/{id}", (string?)e["resource"]);
        Assert.Equal("/items/42", (string?)e["path"]);
        Assert.Equal("POST", (string?)e["httpMethod"]);
        Assert.Equal("value2", (string?)e["headers"]!["Header2"]); // last value
        Assert.Equal("[\"value1\",\"value2\"]", e["multiValueHeaders"]!["Header2"]!.ToJsonString());
        Assert.Equal("b", (string?)e["queryStringParameters"]!["tag"]);
        Assert.Equal("[\"a\",\"b\"]", e["multiValueQueryStringParameters"]!["tag"]!.ToJsonString());
        Assert.Equal("x y", (string?)e["queryStringParameters"]!["q"]);
        Assert.Equal("42", (string?)e["pathParameters"]!["id"]);
        Assert.Equal("production", (string?)e["stageVariables"]!["env"]);
        Assert.Equal("{\"a\":1}", (string?)e["body"]);
        Assert.False((bool)e["isBase64Encoded"]!);
        Assert.Null(e["version"]);
        var rc = e["requestContext"]!;
        Assert.Equal("123456789012", (string?)rc["accountId"]);
        Assert.Equal(api.Id, (string?)rc["apiId"]);
        Assert.Equal($"{api.Id}.execute-api.us-east-1.amazonaws.com", (string?)rc["domainName"]);
        Assert.Equal("/prod/items/42", (string?)rc["path"]);
        Assert.Equal("/items/{id}", (string?)rc["resourcePath"]);
        Assert.Equal("prod", (string?)rc["stage"]);
        Assert.Equal("01/Jan/2026:01:02:03 +0000", (string?)rc["requestTime"]);
        Assert.Equal(1767229323500L, (long)rc["requestTimeEpoch"]!);
        Assert.Equal("10.0.0.7", (string?)rc["identity"]!["sourceIp"]);
        Assert.Equal("curl/8", (string?)rc["identity"]!["userAgent"]);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string?)rc["requestId"]);
        Assert.Equal(response.RequestId, (string?)rc["requestId"]);
        // The event the library built is one the catalog recognises as a REST proxy request.
        Assert.Equal("apigateway-rest-request", AwsEventCatalog.RoundTrip(kit.LastEvent!).Kind);
    }

    [Fact]
    public void Request_ids_are_deterministic_for_the_same_seed()
    {
        string Run()
        {
            var kit = new ApiGatewayTestKit();
            var api = kit.Rest("GET /a");
            return string.Join(",", Enumerable.Range(0, 3).Select(_ => kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a")).RequestId));
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.Equal(3, first.Split(',').Distinct().Count());
    }

    [Fact]
    public void Http_event_lower_cases_headers_joins_repeats_and_collects_cookies()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /items/{id}");
        var request = new ApiRequest("GET", "/items/7?p=1&p=2&r=",
            [new("X-Thing", "a"), new("x-thing", "b"), new("Cookie", "c1=v1; c2=v2"), new("User-Agent", "agent")]);

        kit.Aws.ApiGateway.Send(api.Id, request);

        var e = kit.LastEventNode;
        Assert.Equal("2.0", (string?)e["version"]);
        Assert.Equal("GET /items/{id}", (string?)e["routeKey"]);
        Assert.Equal("/items/7", (string?)e["rawPath"]);
        Assert.Equal("p=1&p=2&r=", (string?)e["rawQueryString"]);
        Assert.Equal("a,b", (string?)e["headers"]!["x-thing"]);
        Assert.Null(e["headers"]!["cookie"]);
        Assert.Equal("[\"c1=v1\",\"c2=v2\"]", e["cookies"]!.ToJsonString());
        Assert.Equal("1,2", (string?)e["queryStringParameters"]!["p"]);
        Assert.Equal("", (string?)e["queryStringParameters"]!["r"]);
        Assert.Equal("7", (string?)e["pathParameters"]!["id"]);
        Assert.Null(e["multiValueHeaders"]);
        var http = e["requestContext"]!["http"]!;
        Assert.Equal("GET", (string?)http["method"]);
        Assert.Equal("/items/7", (string?)http["path"]);
        Assert.Equal("agent", (string?)http["userAgent"]);
        Assert.Equal("$default", (string?)e["requestContext"]!["stage"]);
        Assert.Equal("apigateway-http-request", AwsEventCatalog.RoundTrip(kit.LastEvent!).Kind);
    }

    [Fact]
    public void Rest_binary_media_type_bodies_arrive_base64_and_go_back_decoded()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("PUT /img");
        api.AddBinaryMediaType("image/png");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF };
        kit.Reply = ProxyRequestView.Response(200, Convert.ToBase64String(png), "image/png", isBase64Encoded: true);

        var r = kit.Aws.ApiGateway.Send(api.Id, new ApiRequest("PUT", "/prod/img", [new("Content-Type", "image/png"), new("Accept", "image/png")], png));

        Assert.True((bool)kit.LastEventNode["isBase64Encoded"]!);
        Assert.Equal(Convert.ToBase64String(png), (string?)kit.LastEventNode["body"]);
        Assert.Equal(png, r.Body);
    }

    [Fact]
    public void Rest_text_bodies_stay_text_when_the_type_is_not_binary()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("PUT /img");
        api.AddBinaryMediaType("image/png");
        kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Text("PUT", "/prod/img", "hello", "text/plain"));
        Assert.False((bool)kit.LastEventNode["isBase64Encoded"]!);
        Assert.Equal("hello", (string?)kit.LastEventNode["body"]);
    }

    [Fact]
    public void Headers_and_multi_value_headers_merge_with_multi_value_winning()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("GET /a");
        kit.Reply = """{"statusCode":201,"headers":{"X-A":"single","X-B":"b"},"multiValueHeaders":{"X-A":["m1","m2"],"Set-Cookie":["c1=1","c2=2"]},"body":"ok"}""";

        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a"));

        Assert.Equal(201, r.StatusCode);
        Assert.Equal(["m1", "m2"], r.HeaderValues("X-A"));
        Assert.Equal(["b"], r.HeaderValues("X-B"));
        Assert.Equal(["c1=1", "c2=2"], r.HeaderValues("Set-Cookie"));
        Assert.Equal("ok", r.BodyText);
    }

    [Theory]
    [InlineData("""{"statusCode":200,"body":{"message":"hi"}}""", "body must be a string")]
    [InlineData("""{"body":"hi"}""", "statusCode is missing")]
    [InlineData("""{"statusCode":"200","body":"hi"}""", "statusCode must be")]
    [InlineData("""{"statusCode":200,"body":"hi","extra":1}""", "unexpected field 'extra'")]
    [InlineData("""{"statusCode":200,"headers":{"X":1}}""", "headers.X must be a string")]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""null""", "must be a JSON object")]
    public void Rest_malformed_proxy_response_is_a_502_internal_server_error(string reply, string problem)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Rest("GET /a");
        kit.Reply = reply;
        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a"));
        Assert.Equal(502, r.StatusCode);
        Assert.Equal("Internal server error", (string?)JsonNode.Parse(r.BodyText)!["message"]);
        Assert.Contains(problem, r.Problem);
    }

    [Theory]
    [InlineData("""{"statusCode":200,"body":{"message":"hi"}}""")]
    [InlineData("""not json""")]
    public void Http_api_malformed_response_is_a_500_internal_server_error(string reply)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        kit.Reply = reply;
        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a"));
        Assert.Equal(500, r.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", r.BodyText);
    }

    [Theory]
    // The two examples of the HTTP API developer guide (http-api-develop-integrations-lambda, "format 2.0").
    [InlineData("\"Hello from Lambda!\"", "Hello from Lambda!")]
    [InlineData("{ \"message\": \"Hello from Lambda!\" }", "{ \"message\": \"Hello from Lambda!\" }")]
    [InlineData("42", "42")]
    public void Http_api_output_without_status_code_becomes_200_json(string reply, string body)
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        kit.Reply = reply;
        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a"));
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("application/json", r.Header("content-type"));
        Assert.Equal(body, r.BodyText);
    }

    [Fact]
    public void Http_api_cookies_become_set_cookie_headers_and_base64_is_decoded()
    {
        var kit = new ApiGatewayTestKit();
        var api = kit.Http("GET /a");
        kit.Reply = """{"statusCode":200,"cookies":["a=1","b=2; Secure"],"body":"aGk=","isBase64Encoded":true}""";
        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a"));
        Assert.Equal(["a=1", "b=2; Secure"], r.HeaderValues("set-cookie"));
        Assert.Equal("hi", r.BodyText);
    }

    [Fact]
    public void A_function_that_throws_is_502_on_rest_and_500_on_http()
    {
        var kit = new ApiGatewayTestKit();
        kit.Functions.Register("boom", (Func<string, string>)(_ => throw new InvalidOperationException("bad")));
        var rest = kit.Aws.ApiGateway.CreateRestApi("r");
        rest.PutMethod("GET", "/x", "boom");
        rest.CreateStage("dev");
        var http = kit.Aws.ApiGateway.CreateApi("h");
        http.CreateRoute("GET /x", "boom");
        http.CreateStage("$default");
        Assert.Equal(502, kit.Aws.ApiGateway.Send(rest.Id, ApiRequest.Get("/dev/x")).StatusCode);
        Assert.Equal(500, kit.Aws.ApiGateway.Send(http.Id, ApiRequest.Get("/x")).StatusCode);
    }

    [Theory]
    [InlineData(29_000, 200)]
    [InlineData(29_001, 504)]
    public void Rest_times_out_after_29_seconds_of_simulated_duration(int ms, int status)
    {
        var kit = new ApiGatewayTestKit { Duration = TimeSpan.FromMilliseconds(ms) };
        var api = kit.Rest("GET /a");
        var r = kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a"));
        Assert.Equal(status, r.StatusCode);
        if (status == 504) Assert.Equal("INTEGRATION_TIMEOUT", r.GatewayResponseType);
    }

    [Theory]
    [InlineData(30_000, 200)]
    [InlineData(30_001, 503)]
    public void Http_api_times_out_after_30_seconds(int ms, int status)
    {
        var kit = new ApiGatewayTestKit { Duration = TimeSpan.FromMilliseconds(ms) };
        var api = kit.Http("GET /a");
        Assert.Equal(status, kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/a")).StatusCode);
    }

    [Fact]
    public void A_shorter_integration_timeout_can_be_set_per_route()
    {
        var kit = new ApiGatewayTestKit { Duration = TimeSpan.FromSeconds(2) };
        var api = kit.Aws.ApiGateway.CreateRestApi("t");
        api.PutMethod("GET", "/a", "echo", timeout: TimeSpan.FromSeconds(1));
        api.CreateStage("prod");
        Assert.Equal(504, kit.Aws.ApiGateway.Send(api.Id, ApiRequest.Get("/prod/a")).StatusCode);
        Assert.Throws<AwsValidationException>(() => api.PutMethod("GET", "/b", "echo", timeout: TimeSpan.FromSeconds(30)));
        Assert.Throws<AwsValidationException>(() => api.PutMethod("GET", "/c", "echo", timeout: TimeSpan.FromMilliseconds(49)));
    }
}
