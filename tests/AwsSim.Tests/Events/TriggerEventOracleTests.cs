using AwsSim.CloudFront;
using AwsSim.S3;

namespace AwsSim.Tests.Events;

/// <summary>
/// Every S3 and CloudFront sample event in samples/events loads into the library's type and serializes back
/// to equivalent JSON. (API Gateway and scheduled events belong to their own services' tests.)
/// </summary>
public class TriggerEventOracleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Paths.Oracles, "events"), "*.json")
                     .Select(Path.GetFileName).OfType<string>()
                     .Where(f => f.StartsWith("s3-", StringComparison.Ordinal) || f.StartsWith("cloudfront-", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(f);
        }
        return data;
    }

    [Fact]
    public void The_oracle_folder_has_the_seven_trigger_samples()
    {
        Assert.Equal(7, Files().Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Round_trips_with_no_differences(string file)
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", file));
        var (kind, type, differences) = AwsEventCatalog.RoundTrip(json);
        var expected = file.StartsWith("s3-", StringComparison.Ordinal) ? ("s3", typeof(S3Event)) : ("cloudfront", typeof(CloudFrontEvent));
        Assert.Equal(expected, (kind, type));
        Assert.Empty(differences);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Loads_the_fields_a_function_reads(string file)
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", file));
        if (file.StartsWith("s3-", StringComparison.Ordinal))
        {
            var e = AwsJson.Deserialize<S3Event>(json);
            Assert.NotEmpty(e.Records);
            Assert.All(e.Records, r =>
            {
                Assert.Equal("aws:s3", r.EventSource);
                Assert.StartsWith("Object", r.EventName);
                Assert.False(string.IsNullOrEmpty(r.S3?.Bucket?.Name));
                Assert.False(string.IsNullOrEmpty(r.S3?.Object?.Key));
                Assert.Equal(r.EventName!.StartsWith("ObjectRemoved", StringComparison.Ordinal), r.S3!.Object!.Size is null);
            });
        }
        else
        {
            var e = AwsJson.Deserialize<CloudFrontEvent>(json);
            var cf = Assert.Single(e.Records).Cf!;
            Assert.Equal("GET", cf.Request!.Method);
            Assert.StartsWith("/", cf.Request.Uri);
            Assert.False(string.IsNullOrEmpty(cf.Request.Header("Host")));
            Assert.False(string.IsNullOrEmpty(cf.Config!.DistributionId));
        }
    }

    [Fact]
    public void Keeps_fields_the_type_does_not_model()
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", "s3-put.aws-lambda-java-libs.s3_event.json"));
        var e = AwsJson.Deserialize<S3Event>(json);
        Assert.True(e.Records[0].S3!.Object!.Extra!.ContainsKey("urlDecodedKey"));
        Assert.Equal("", e.Records[0].S3!.Object!.VersionId);
    }

    [Fact]
    public void A_changed_field_is_reported()
    {
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", "cloudfront-viewer-request.awsdocs-cloudfront-guide.example-viewer-request.json"));
        var e = AwsJson.Deserialize<CloudFrontEvent>(json);
        var changed = e with { Records = [new CloudFrontRecord { Cf = e.Cf! with { Request = e.Cf!.Request! with { Uri = "/other" } } }] };
        var diffs = JsonEquivalence.Differences(AwsJson.Parse(json), AwsJson.Parse(AwsJson.Serialize(changed)));
        Assert.Equal(["$.Records[0].cf.request.uri: \"/\" became \"/other\""], diffs);
    }

    [Fact]
    public void The_current_and_the_older_CloudFront_shapes_both_load()
    {
        var current = AwsJson.Deserialize<CloudFrontEvent>(File.ReadAllText(Path.Combine(Paths.Oracles, "events", "cloudfront-viewer-request.awsdocs-cloudfront-guide.example-viewer-request.json")));
        var older = AwsJson.Deserialize<CloudFrontEvent>(File.ReadAllText(Path.Combine(Paths.Oracles, "events", "cloudfront-viewer-request.aws-lambda-dotnet.cloudfront-ab-test.json")));
        Assert.Equal("viewer-request", current.Cf!.Config!.EventType);
        Assert.Equal("", current.Cf.Request!.Querystring);
        Assert.Null(older.Cf!.Config!.EventType);
        Assert.Null(older.Cf.Request!.Querystring);
        Assert.Contains("X-Experiment-Name=B", older.Cf.Request.Header("cookie"));
    }
}
