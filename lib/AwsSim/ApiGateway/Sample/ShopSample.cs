using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsSim.ApiGateway.Sample;

/// <summary>
/// The course's serverless example: API Gateway → a Lambda function → a key-value table and an S3 bucket, watched by
/// CloudWatch-style metrics and access logs. One function (<c>shop</c>) serves both a REST API (stage <c>prod</c>)
/// and an HTTP API (stage <c>$default</c>):
/// <list type="bullet">
/// <item><c>GET /hello</c>: a greeting; <c>GET /items</c>, <c>GET|PUT|DELETE /items/{id}</c>: the table;</item>
/// <item><c>PUT|GET /files/{proxy+}</c>: objects in the bucket (binary through Base64);</item>
/// <item><c>GET /slow?ms=N</c>: runs N simulated milliseconds (try 30000 for a timeout);</item>
/// <item><c>GET /broken</c>: returns a malformed proxy response (body as an object);</item>
/// <item><c>GET /stats</c>: REST only, needs the sample's API key in <c>x-api-key</c>.</item>
/// </list>
/// </summary>
public sealed class ShopSample
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "shop";

    /// <summary>The bucket the files go to.</summary>
    public const string Bucket = "shop-files";

    /// <summary>The REST API's stage.</summary>
    public const string RestStage = "prod";

    private ShopSample(SimulatedAws aws, InProcessFunctions functions, ItemsTable table, IObjectStore store)
    {
        Aws = aws;
        Functions = functions;
        Table = table;
        Store = store;
    }

    /// <summary>The account.</summary>
    public SimulatedAws Aws { get; }

    /// <summary>The in-process function(s).</summary>
    public InProcessFunctions Functions { get; }

    /// <summary>The table behind /items.</summary>
    public ItemsTable Table { get; }

    /// <summary>The bucket behind /files.</summary>
    public IObjectStore Store { get; }

    /// <summary>The REST API (stage <c>prod</c>).</summary>
    public Api RestApi { get; private set; } = null!;

    /// <summary>The HTTP API (stage <c>$default</c>).</summary>
    public Api HttpApi { get; private set; } = null!;

    /// <summary>The API key for <c>GET /stats</c> on the REST API.</summary>
    public ApiKey ApiKey { get; private set; } = null!;

    /// <summary>The usage plan the key is in (100 rps, burst 50, 10,000 requests a day).</summary>
    public UsagePlan UsagePlan { get; private set; } = null!;

    /// <summary>
    /// Builds the sample in <paramref name="aws"/>: table, bucket, function, both APIs, key and usage plan, and sets
    /// <c>aws.ApiGateway.LambdaInvoker</c> to the in-process function unless <paramref name="wireInvoker"/> is false.
    /// </summary>
    public static ShopSample Create(SimulatedAws aws, IObjectStore? store = null, bool wireInvoker = true)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var s = new ShopSample(aws, new InProcessFunctions(), new ItemsTable("shop-items"), store ?? new InMemoryObjectStore());
        s.Functions.Register(FunctionName, s.Handle);
        if (wireInvoker) aws.ApiGateway.LambdaInvoker = s.Functions;
        s.Table.PutItem(new JsonObject { ["id"] = "1", ["name"] = "Coffee mug", ["price"] = 8.5 });
        s.Table.PutItem(new JsonObject { ["id"] = "2", ["name"] = "T-shirt", ["price"] = 15 });

        var rest = aws.ApiGateway.CreateRestApi("shop");
        rest.AddBinaryMediaType("image/*").AddBinaryMediaType("application/octet-stream");
        var http = aws.ApiGateway.CreateApi("shop-http");
        foreach (var (method, path) in Routes)
        {
            rest.PutMethod(method, path, FunctionName);
            http.CreateRoute($"{method} {path}", FunctionName);
        }
        rest.PutMethod("GET", "/stats", FunctionName, apiKeyRequired: true);
        rest.CreateStage(RestStage, new Dictionary<string, string> { ["table"] = s.Table.Name, ["bucket"] = Bucket });
        http.CreateStage("$default", new Dictionary<string, string> { ["table"] = s.Table.Name, ["bucket"] = Bucket });
        s.RestApi = rest;
        s.HttpApi = http;
        s.ApiKey = aws.ApiGateway.CreateApiKey("shop-admin");
        s.UsagePlan = aws.ApiGateway.CreateUsagePlan("shop-admins", [(rest.Id, RestStage)], new ThrottleSettings(100, 50), new QuotaSettings(10_000, QuotaPeriod.Day));
        aws.ApiGateway.CreateUsagePlanKey(s.UsagePlan.Id, s.ApiKey.Id);
        return s;
    }

    /// <summary>The routes both APIs have (REST also has <c>GET /stats</c> with an API key).</summary>
    public static IReadOnlyList<(string Method, string Path)> Routes { get; } =
    [
        ("GET", "/hello"), ("GET", "/items"), ("GET", "/items/{id}"), ("PUT", "/items/{id}"), ("DELETE", "/items/{id}"),
        ("PUT", "/files/{proxy+}"), ("GET", "/files/{proxy+}"), ("GET", "/slow"), ("GET", "/broken"),
    ];

    /// <summary>The function: one handler for every route, working with both payload formats.</summary>
    public (string Payload, TimeSpan Duration) Handle(string eventJson)
    {
        var e = ProxyRequestView.Parse(eventJson);
        var fast = TimeSpan.FromMilliseconds(8);
        var resource = e.Resource;
        switch (e.Method, resource)
        {
            case ("GET", "/hello"):
                return (ProxyRequestView.Json(200, new { message = "Hello from Lambda!", version = e.Version }), fast);
            case ("GET", "/items"):
                return (ProxyRequestView.Response(200, new JsonArray(Table.Scan().Select(i => (JsonNode)i).ToArray()).ToJsonString()), fast);
            case ("GET", "/items/{id}"):
                var item = Table.GetItem(e.PathParameter("id") ?? "");
                return (item is null ? ProxyRequestView.Json(404, new { message = $"no item {e.PathParameter("id")}" }) : ProxyRequestView.Response(200, item.ToJsonString()), fast);
            case ("PUT", "/items/{id}"):
                JsonObject? body;
                try { body = JsonNode.Parse(e.BodyText) as JsonObject; }
                catch (JsonException) { body = null; }
                if (body is null) return (ProxyRequestView.Json(400, new { message = "send the item as a JSON object" }), fast);
                body["id"] = e.PathParameter("id");
                Table.PutItem(body);
                return (ProxyRequestView.Response(200, body.ToJsonString()), TimeSpan.FromMilliseconds(12));
            case ("DELETE", "/items/{id}"):
                return (Table.DeleteItem(e.PathParameter("id") ?? "") ? ProxyRequestView.Response(204, "") : ProxyRequestView.Json(404, new { message = "no such item" }), fast);
            case ("PUT", "/files/{proxy+}"):
                var key = e.PathParameter("proxy")!;
                var bytes = e.BodyBytes;
                Store.PutObject(e.StageVariable("bucket") ?? Bucket, key, bytes, e.Header("Content-Type") ?? "application/octet-stream");
                return (ProxyRequestView.Json(201, new { bucket = Bucket, key, size = bytes.Length }), TimeSpan.FromMilliseconds(20));
            case ("GET", "/files/{proxy+}"):
                var obj = Store.GetObject(e.StageVariable("bucket") ?? Bucket, e.PathParameter("proxy")!);
                return (obj is null
                    ? ProxyRequestView.Json(404, new { message = "no such file" })
                    : ProxyRequestView.Response(200, Convert.ToBase64String(obj.Value.Body), obj.Value.ContentType, isBase64Encoded: true), TimeSpan.FromMilliseconds(15));
            case ("GET", "/slow"):
                var ms = double.TryParse(e.Query("ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0 ? m : 1000;
                return (ProxyRequestView.Json(200, new { sleptMs = ms }), TimeSpan.FromMilliseconds(ms));
            case ("GET", "/broken"):
                // The classic mistake: body as an object instead of a string. REST answers 502; HTTP APIs 500.
                return ("{\"statusCode\":200,\"body\":{\"message\":\"oops\"}}", fast);
            case ("GET", "/stats"):
                return (ProxyRequestView.Json(200, new { items = Table.Count, invocations = Functions.Invocations.GetValueOrDefault(FunctionName) }), fast);
            default:
                return (ProxyRequestView.Json(404, new { message = $"the function has no handler for {e.Method} {resource}" }), fast);
        }
    }

    /// <summary>Example requests a learner can try against the local endpoint (REST paths include the stage).</summary>
    public IReadOnlyList<string> ExampleCurls(string baseUrl, ApiProtocol protocol)
    {
        var b = baseUrl.TrimEnd('/') + (protocol == ApiProtocol.Rest ? "/" + RestStage : "");
        var list = new List<string>
        {
            $"curl -s {b}/hello",
            $"curl -s {b}/items",
            $"curl -s -X PUT {b}/items/3 -H 'Content-Type: application/json' -d '{{\"name\":\"Sticker\",\"price\":2}}'",
            $"curl -s {b}/items/3",
            $"curl -s -i {b}/broken",
            $"curl -s -i '{b}/slow?ms=31000'",
            $"curl -s -i {b}/nowhere",
        };
        if (protocol == ApiProtocol.Rest) list.Add($"curl -s {b}/stats -H 'x-api-key: {ApiKey.Value}'");
        return list;
    }
}
