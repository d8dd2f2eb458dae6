using System.Text.Json.Nodes;
using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

/// <summary>An account with one echo function whose output and duration a test can set.</summary>
internal sealed class ApiGatewayTestKit
{
    public ApiGatewayTestKit(ApiGatewayOptions? options = null)
    {
        Aws = new SimulatedAws(new SimulatedAwsOptions { ApiGateway = options ?? new() });
        Functions = new InProcessFunctions();
        Functions.Register("echo", e =>
        {
            LastEvent = e;
            return (Reply ?? ProxyRequestView.Response(200, "hi", "text/plain"), Duration);
        });
        Aws.ApiGateway.LambdaInvoker = Functions;
    }

    public SimulatedAws Aws { get; }
    public InProcessFunctions Functions { get; }
    public string? LastEvent { get; private set; }
    public string? Reply { get; set; }
    public TimeSpan Duration { get; set; } = TimeSpan.FromMilliseconds(20);

    public JsonObject LastEventNode => (JsonObject)JsonNode.Parse(LastEvent!)!;

    public Api Rest(params string[] methodsAndPaths)
    {
        var api = Aws.ApiGateway.CreateRestApi("test-rest");
        foreach (var mp in methodsAndPaths) api.PutMethod(mp.Split(' ')[0], mp.Split(' ')[1], "echo");
        api.CreateStage("prod", new Dictionary<string, string> { ["env"] = "production" });
        return api;
    }

    public Api Http(params string[] routeKeys)
    {
        var api = Aws.ApiGateway.CreateApi("test-http");
        foreach (var rk in routeKeys) api.CreateRoute(rk, "echo");
        api.CreateStage("$default");
        return api;
    }
}
