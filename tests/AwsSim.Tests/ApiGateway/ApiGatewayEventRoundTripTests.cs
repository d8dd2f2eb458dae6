using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class ApiGatewayEventRoundTripTests
{
    public static TheoryData<string> OracleFiles() => new(Names());

    private static IEnumerable<string> Names()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(Paths.Oracles, "events"), "*.json")
                     .Select(Path.GetFileName).Where(n => n!.StartsWith("apigw-", StringComparison.Ordinal) || n.StartsWith("http-api-", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            yield return f!;
        }
    }

    [Fact]
    public void There_are_oracle_files_for_all_four_shapes()
    {
        var names = Names().ToList();
        Assert.Contains(names, n => n.StartsWith("apigw-rest-request", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("apigw-rest-response", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("http-api-v2-request", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("http-api-v2-response", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OracleFiles))]
    public void Oracle_file_is_recognised_and_round_trips_without_differences(string file)
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", file));
        var (kind, type, diffs) = AwsEventCatalog.RoundTrip(json);
        var expected = file.Split('.')[0] switch
        {
            "apigw-rest-request" => typeof(ApiGatewayProxyRequest),
            "apigw-rest-response" => typeof(ApiGatewayProxyResponse),
            "http-api-v2-request" => typeof(HttpApiRequest),
            "http-api-v2-response" => typeof(HttpApiResponse),
            var other => throw new InvalidOperationException(other),
        };
        Assert.Equal(expected, type);
        Assert.NotNull(kind);
        Assert.Empty(diffs);
    }

    [Fact]
    public void Typed_fields_are_read_from_the_go_sample()
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", "apigw-rest-request.aws-lambda-go.apigw-request.json"));
        var e = AwsJson.Deserialize<ApiGatewayProxyRequest>(json);
        Assert.Equal("/{proxy+}", e.Resource);
        Assert.Equal("hello/world", e.PathParameters!["proxy"]);
        Assert.Equal("POST", e.RequestContext!.HttpMethod);
        Assert.Equal(1589522469693, e.RequestContext.RequestTimeEpoch);
        Assert.Equal("192.168.196.186", e.RequestContext.Identity!.SourceIp);
        Assert.True(e.RequestContext.Identity.Extra!.ContainsKey("clientCert"));
    }
}
