using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AwsSim.S3;

namespace AwsSim.Tests.S3;

public class S3ServiceTests
{
    private static (SimulatedAws Aws, RecordingInvoker Lambda) Account()
    {
        var aws = new SimulatedAws();
        var lambda = new RecordingInvoker();
        aws.S3.LambdaInvoker = lambda;
        return (aws, lambda);
    }

    [Theory]
    [InlineData("photos", true)]
    [InlineData("my.bucket-01", true)]
    [InlineData("ab", false)]
    [InlineData("Photos", false)]
    [InlineData("-photos", false)]
    [InlineData("photos-", false)]
    [InlineData("my..bucket", false)]
    [InlineData("192.168.5.4", false)]
    [InlineData("xn--photos", false)]
    [InlineData("sthree-photos", false)]
    [InlineData("photos-s3alias", false)]
    [InlineData("photos--ol-s3", false)]
    [InlineData("under_score", false)]
    public void Bucket_names_follow_the_naming_rules(string name, bool valid)
    {
        Assert.Equal(valid, BucketNames.Problem(name) is null);
        Assert.Null(BucketNames.Problem(new string('a', 63)));
        Assert.NotNull(BucketNames.Problem(new string('a', 64)));
    }

    [Fact]
    public void A_bad_bucket_name_is_InvalidBucketName_naming_the_value_and_rule()
    {
        var (aws, _) = Account();
        var ex = Assert.Throws<AwsValidationException>(() => aws.S3.CreateBucket("My_Bucket"));
        Assert.Equal("InvalidBucketName", ex.ErrorCode);
        Assert.Equal("My_Bucket", ex.Value);
        Assert.Contains("lowercase", ex.Allowed);
    }

    [Fact]
    public void Put_get_list_delete_with_ETag_as_quoted_md5()
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        aws.Clock.Advance(TimeSpan.FromMinutes(3));
        var body = Encoding.UTF8.GetBytes("hello");
        var put = aws.S3.PutObject("photos", "a/b.txt", body, "text/plain");
        var expected = "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";
        Assert.Equal(expected, put.ETag);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", put.ETag); // md5("hello"), a well-known value

        var got = aws.S3.GetObject("photos", "a/b.txt");
        Assert.Equal(body, got.Body);
        Assert.Equal(5, got.Size);
        Assert.Equal(SimulatedClock.DefaultStart.AddMinutes(3), got.LastModified);
        Assert.Equal("text/plain", got.ContentType);

        Assert.True(aws.S3.DeleteObject("photos", "a/b.txt"));
        Assert.False(aws.S3.DeleteObject("photos", "a/b.txt"));
        var missing = Assert.Throws<AwsException>(() => aws.S3.GetObject("photos", "a/b.txt"));
        Assert.Equal(("NoSuchKey", 404), (missing.ErrorCode, missing.StatusCode));
    }

    [Fact]
    public void Stored_bytes_do_not_change_when_the_caller_changes_its_array()
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        var body = new byte[] { 1, 2, 3 };
        aws.S3.PutObject("photos", "k", body);
        body[0] = 9;
        aws.S3.GetObject("photos", "k").Body[1] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, aws.S3.GetObject("photos", "k").Body);
    }

    [Fact]
    public void List_filters_by_prefix_orders_keys_and_pages_with_max_keys()
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        foreach (var k in new[] { "b/2", "a/1", "b/1", "b/3", "c" }) aws.S3.PutObject("photos", k, k);

        var first = aws.S3.ListObjectsV2("photos", prefix: "b/", maxKeys: 2);
        Assert.Equal(["b/1", "b/2"], first.Contents.Select(c => c.Key));
        Assert.True(first.IsTruncated);
        var second = aws.S3.ListObjectsV2("photos", prefix: "b/", maxKeys: 2, continuationToken: first.NextContinuationToken);
        Assert.Equal(["b/3"], second.Contents.Select(c => c.Key));
        Assert.False(second.IsTruncated);
        Assert.Null(second.NextContinuationToken);
        Assert.Equal(5, aws.S3.ListObjectsV2("photos").KeyCount);
    }

    [Fact]
    public void Buckets_errors_use_S3_names()
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        Assert.Equal("BucketAlreadyOwnedByYou", Assert.Throws<AwsException>(() => aws.S3.CreateBucket("photos")).ErrorCode);
        aws.S3.PutObject("photos", "k", "v");
        Assert.Equal("BucketNotEmpty", Assert.Throws<AwsException>(() => aws.S3.DeleteBucket("photos")).ErrorCode);
        Assert.Equal("NoSuchBucket", Assert.Throws<AwsException>(() => aws.S3.PutObject("nope", "k", "v")).ErrorCode);
        Assert.Equal("KeyTooLongError", Assert.Throws<AwsValidationException>(() => aws.S3.PutObject("photos", new string('k', 1025), "v")).ErrorCode);
    }

    [Fact]
    public void A_put_sends_an_event_in_S3s_shape_asynchronously()
    {
        var (aws, lambda) = Account();
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos",
            [new LambdaFunctionConfiguration("resize", "arn:aws:lambda:us-east-1:123456789012:function:thumbnail", ["s3:ObjectCreated:*"], Prefix: "uploads/", Suffix: ".jpg")]);
        aws.Clock.Advance(TimeSpan.FromSeconds(1.5));

        var put = aws.S3.PutObject("photos", "uploads/red flower.jpg", new byte[] { 1, 2, 3, 4 });

        var (function, payload, source) = Assert.Single(lambda.Async);
        Assert.Equal(("thumbnail", "aws:s3"), (function, source));
        Assert.Empty(lambda.Sync);
        var json = JsonNode.Parse(payload)!;
        var r = json["Records"]![0]!;
        Assert.Equal("2.1", (string?)r["eventVersion"]);
        Assert.Equal("aws:s3", (string?)r["eventSource"]);
        Assert.Equal("us-east-1", (string?)r["awsRegion"]);
        Assert.Equal("2026-01-01T00:00:01.500Z", (string?)r["eventTime"]);
        Assert.Equal("ObjectCreated:Put", (string?)r["eventName"]);
        Assert.StartsWith("AWS:", (string?)r["userIdentity"]!["principalId"]);
        Assert.NotNull(r["requestParameters"]!["sourceIPAddress"]);
        Assert.NotNull(r["responseElements"]!["x-amz-request-id"]);
        Assert.NotNull(r["responseElements"]!["x-amz-id-2"]);
        Assert.Equal("1.0", (string?)r["s3"]!["s3SchemaVersion"]);
        Assert.Equal("resize", (string?)r["s3"]!["configurationId"]);
        Assert.Equal("photos", (string?)r["s3"]!["bucket"]!["name"]);
        Assert.Equal("arn:aws:s3:::photos", (string?)r["s3"]!["bucket"]!["arn"]);
        Assert.NotNull(r["s3"]!["bucket"]!["ownerIdentity"]!["principalId"]);
        var o = r["s3"]!["object"]!;
        Assert.Equal("uploads/red+flower.jpg", (string?)o["key"]);
        Assert.Equal(4, (long)o["size"]!);
        Assert.Equal(put.ETag.Trim('"'), (string?)o["eTag"]);
        Assert.Null(o["versionId"]);
        Assert.Matches("^[0-9A-F]+$", (string?)o["sequencer"]);
        // The event round-trips through the typed record and is recognised as S3.
        Assert.Equal("s3", AwsEventCatalog.RoundTrip(payload).Kind);
        Assert.Empty(AwsEventCatalog.RoundTrip(payload).Differences);
    }

    [Fact]
    public void Filters_decide_which_keys_and_event_types_send_events()
    {
        var (aws, lambda) = Account();
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos",
        [
            new LambdaFunctionConfiguration("jpg", "thumbnail", ["s3:ObjectCreated:Put"], "uploads/", ".jpg"),
            new LambdaFunctionConfiguration("gone", "cleanup", ["s3:ObjectRemoved:*"]),
        ]);
        aws.S3.PutObject("photos", "uploads/a.jpg", "x");   // Put, matches jpg
        aws.S3.PutObject("photos", "uploads/a.png", "x");   // wrong suffix
        aws.S3.PutObject("photos", "other/a.jpg", "x");     // wrong prefix
        aws.S3.CopyObject("photos", "uploads/a.jpg", "photos", "uploads/b.jpg"); // Copy is not Put
        aws.S3.DeleteObject("photos", "other/a.jpg");        // Removed:Delete matches gone

        Assert.Equal(["thumbnail", "cleanup"], lambda.Async.Select(a => a.Function));
        var delete = AwsJson.Deserialize<S3Event>(lambda.Async[1].Payload).Records[0];
        Assert.Equal("ObjectRemoved:Delete", delete.EventName);
        Assert.Null(delete.S3!.Object!.Size);
        Assert.Null(delete.S3.Object.ETag);
        Assert.NotNull(delete.S3.Object.Sequencer);
    }

    [Fact]
    public void Sequencers_increase_for_the_same_key()
    {
        var (aws, lambda) = Account();
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos", [new LambdaFunctionConfiguration("all", "f", ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])]);
        aws.S3.PutObject("photos", "k", "1");
        aws.S3.PutObject("photos", "k", "2");
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        aws.S3.DeleteObject("photos", "k");
        var seq = lambda.Async.Select(a => AwsJson.Deserialize<S3Event>(a.Payload).Records[0].S3!.Object!.Sequencer!).ToList();
        Assert.Equal(3, seq.Distinct().Count());
        Assert.Equal(seq.Order(StringComparer.Ordinal), seq);
    }

    [Theory]
    [InlineData("s3:ObjectCreated:*", null, null, "s3:ObjectCreated:Put", null, null, true)]
    [InlineData("s3:ObjectCreated:Put", "images/", null, "s3:ObjectCreated:Put", "images/", ".jpg", true)]
    [InlineData("s3:ObjectCreated:Put", "images/", ".jpg", "s3:ObjectCreated:Put", "images/", ".png", false)]
    [InlineData("s3:ObjectCreated:Put", "images/", ".jpg", "s3:ObjectCreated:Put", "videos/", ".jpg", false)]
    [InlineData("s3:ObjectCreated:Put", "images/", null, "s3:ObjectCreated:Put", "images/2026/", null, true)]
    [InlineData("s3:ObjectCreated:Put", null, "photo.jpg", "s3:ObjectCreated:*", null, ".jpg", true)]
    [InlineData("s3:ObjectCreated:Put", null, null, "s3:ObjectCreated:Copy", null, null, false)]
    [InlineData("s3:ObjectCreated:*", null, null, "s3:ObjectRemoved:*", null, null, false)]
    public void Overlapping_configurations_are_rejected(string e1, string? p1, string? s1, string e2, string? p2, string? s2, bool overlap)
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        void Put() => aws.S3.PutBucketNotificationConfiguration("photos",
            [new LambdaFunctionConfiguration("one", "f1", [e1], p1, s1), new LambdaFunctionConfiguration("two", "f2", [e2], p2, s2)]);
        if (overlap)
        {
            var ex = Assert.Throws<AwsException>(Put);
            Assert.Equal("InvalidArgument", ex.ErrorCode);
            Assert.Contains("Configurations overlap", ex.Message);
        }
        else
        {
            Put();
            Assert.Equal(2, aws.S3.GetBucketNotificationConfiguration("photos").Count);
        }
    }

    [Fact]
    public void Unknown_event_types_are_rejected_naming_the_value()
    {
        var (aws, _) = Account();
        aws.S3.CreateBucket("photos");
        var ex = Assert.Throws<AwsValidationException>(() => aws.S3.PutBucketNotificationConfiguration("photos",
            [new LambdaFunctionConfiguration("x", "f", ["ObjectCreated:Put"])]));
        Assert.Equal("ObjectCreated:Put", ex.Value);
        Assert.Contains("s3:ObjectCreated:Put", ex.Allowed);
    }

    [Theory]
    [InlineData("HappyFace.jpg", "HappyFace.jpg")]
    [InlineData("New File.jpg", "New+File.jpg")]
    [InlineData("test/key", "test/key")]
    [InlineData("a+b=c.jpg", "a%2Bb%3Dc.jpg")]
    [InlineData("café.png", "caf%C3%A9.png")]
    public void Keys_are_form_encoded_in_events_and_decode_back(string key, string encoded)
    {
        Assert.Equal(encoded, S3Key.Encode(key));
        Assert.Equal(key, S3Key.Decode(encoded));
    }

    [Fact]
    public void The_event_shape_is_deterministic_for_a_seed()
    {
        string Run()
        {
            var (aws, lambda) = Account();
            aws.S3.CreateBucket("photos");
            aws.S3.PutBucketNotificationConfiguration("photos", [new LambdaFunctionConfiguration("c", "f", ["s3:ObjectCreated:*"])]);
            aws.S3.PutObject("photos", "k", "v");
            return lambda.Async[0].Payload;
        }
        Assert.Equal(Run(), Run());
    }
}
