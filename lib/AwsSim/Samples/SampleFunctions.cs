using AwsSim.S3;

namespace AwsSim.Samples;

/// <summary>A course sample function that <c>course lambda invoke &lt;name&gt; --event file.json</c> can run.</summary>
/// <param name="Name">The name to invoke it by, e.g. <c>thumbnail</c>.</param>
/// <param name="Description">What it does, in one line.</param>
/// <param name="Handler">The handler: the account it runs in and the event JSON; returns the response JSON (or null).</param>
/// <param name="Prepare">
/// Sets up what the event refers to in a fresh account (e.g. the bucket and the photo a thumbnail event names), so a
/// local invoke with AWS's sample events works; null when nothing is needed.
/// </param>
/// <param name="ExampleEvent">An event it accepts, for trying it out.</param>
/// <param name="EventKind">
/// The kind of AWS event it takes (as <c>course events list</c> names kinds, e.g. <c>s3</c>), or null when any JSON will do.
/// </param>
public sealed record SampleFunction(string Name, string Description, Func<SimulatedAws, string, string?> Handler, Action<SimulatedAws, string>? Prepare, Func<SimulatedAws, string> ExampleEvent, string? EventKind = null);

/// <summary>
/// The course's sample functions by name: <c>echo</c>, <c>thumbnail</c>, <c>ab-test</c>, <c>security-headers</c>.
/// The Lambda CLI (<c>course lambda invoke</c>) looks them up here.
/// </summary>
public static class SampleFunctions
{
    /// <summary>Every sample, by name order.</summary>
    public static IReadOnlyList<SampleFunction> All { get; } =
    [
        new("ab-test", "Lambda@Edge viewer request: rewrites /experiment-pixel.jpg to the A or B variant",
            (_, json) => AbTestFunction.Handle(json), null,
            _ => """{"Records":[{"cf":{"config":{"distributionId":"EXAMPLE","eventType":"viewer-request"},"request":{"clientIp":"203.0.113.178","method":"GET","uri":"/experiment-pixel.jpg","querystring":"","headers":{"cookie":[{"key":"Cookie","value":"X-Experiment-Name=B"}]}}}}]}""", "cloudfront"),
        new("echo", "returns the event it was given", (_, json) => json, null, _ => """{"hello":"world"}"""),
        new("security-headers", "Lambda@Edge response: adds Strict-Transport-Security and X-Content-Type-Options",
            (_, json) => SecurityHeadersFunction.Handle(json), null,
            _ => """{"Records":[{"cf":{"config":{"distributionId":"EXAMPLE","eventType":"viewer-response"},"request":{"clientIp":"203.0.113.178","method":"GET","uri":"/","headers":{}},"response":{"status":"200","statusDescription":"OK","headers":{}}}}]}""", "cloudfront"),
        new("thumbnail", "S3 put: writes a half-size thumbnail of the photo to <bucket>resized under the same key",
            (aws, json) => new ThumbnailFunction(aws.S3).Handle(json), PrepareThumbnail, ExampleThumbnailEvent, "s3"),
    ];

    /// <summary>The sample called <paramref name="name"/>, or null.</summary>
    public static SampleFunction? Get(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The sample names.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>
    /// For each record of an S3 event: creates the bucket and <c>&lt;bucket&gt;resized</c> if missing, and, if the
    /// object is missing, puts a generated landscape there (JPEG when the key ends in .jpg/.jpeg, else PNG).
    /// </summary>
    public static void PrepareThumbnail(SimulatedAws aws, string eventJson)
    {
        var e = AwsJson.Deserialize<S3Event>(eventJson);
        foreach (var r in e.Records)
        {
            var bucket = r.S3?.Bucket?.Name;
            var encoded = r.S3?.Object?.Key;
            if (bucket is null || encoded is null || BucketNames.Problem(bucket) is not null) continue;
            foreach (var b in new[] { bucket, bucket + ThumbnailFunction.TargetSuffix })
            {
                if (!aws.S3.BucketExists(b) && BucketNames.Problem(b) is null) aws.S3.CreateBucket(b);
            }
            var key = S3Key.Decode(encoded);
            if (!aws.S3.ObjectExists(bucket, key))
            {
                var jpeg = key.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase);
                aws.S3.PutObject(bucket, key, SampleImages.Landscape(320, 200, jpeg), jpeg ? "image/jpeg" : "image/png");
            }
        }
    }

    private static string ExampleThumbnailEvent(SimulatedAws aws)
        => AwsJson.Serialize(aws.S3.BuildEvent("photos", "holiday/red flower.jpg", S3EventTypes.ObjectCreatedPut, "thumbnails", 1024, "\"0123456789abcdef0123456789abcdef\""), indented: true);
}
