using System.Net;
using System.Text.Json.Nodes;
using AwsSim.Iam;

namespace AwsSim.Lambda;

/// <summary>A function template, as the console's "Use a blueprint" offers.</summary>
/// <param name="Name">e.g. <c>hello-world</c>.</param>
/// <param name="Description">What it does.</param>
/// <param name="Runtime">Its runtime.</param>
/// <param name="Handler">Its handler string.</param>
/// <param name="Code">The code (ported to C#).</param>
/// <param name="PolicyTemplates">Extra permissions the new execution role gets (beyond basic Lambda permissions).</param>
/// <param name="ExampleEvent">A test event for it.</param>
/// <param name="MemorySize">Memory, MB.</param>
/// <param name="Timeout">Timeout, s.</param>
public sealed record LambdaBlueprint(
    string Name, string Description, string Runtime, string Handler, LambdaCode Code,
    IReadOnlyList<(string PolicyName, IamPolicy Policy)> PolicyTemplates, string ExampleEvent, int MemorySize = 128, int Timeout = 3);

/// <summary>
/// The blueprints the course offers: <c>hello-world</c> (logs three values of the event and returns the first) and
/// <c>s3-get-object</c> (reads the object an S3 event names and returns its content type; its role gets the
/// "Amazon S3 object read-only permissions" policy template). Their timings are illustrative, not measurements.
/// </summary>
public static class LambdaBlueprints
{
    /// <summary>hello-world.</summary>
    public static LambdaBlueprint HelloWorld { get; } = new(
        "hello-world", "A starter function: logs the event's key1..key3 and returns key1.", "dotnet8",
        "HelloWorld::HelloWorld.Function::FunctionHandler",
        LambdaCode.From((e, c) =>
        {
            var ev = AwsJson.Parse(e) as JsonObject;
            c.Logger.LogLine("Received event: " + e);
            for (var i = 1; i <= 3; i++) c.Logger.LogLine($"value{i} = {ev?["key" + i]}");
            c.Spend(TimeSpan.FromMilliseconds(2));
            return ev?["key1"]?.ToJsonString() ?? "null";
        }) with { InitDuration = TimeSpan.FromMilliseconds(120) },
        [],
        """{"key1":"value1","key2":"value2","key3":"value3"}""");

    /// <summary>s3-get-object.</summary>
    public static LambdaBlueprint S3GetObject { get; } = new(
        "s3-get-object", "Retrieves the object an S3 event names and returns its content type.", "dotnet8",
        "S3GetObject::S3GetObject.Function::FunctionHandler",
        LambdaCode.From((e, c) =>
        {
            var record = AwsJson.Parse(e)?["Records"]?[0]?["s3"];
            var bucket = record?["bucket"]?["name"]?.GetValue<string>() ?? throw new InvalidOperationException("The event has no Records[0].s3.bucket.name.");
            // S3 URL-encodes object keys in events ("red flower.jpg" arrives as "red+flower.jpg").
            var key = WebUtility.UrlDecode(record?["object"]?["key"]?.GetValue<string>() ?? "");
            c.Authorize("s3:GetObject", $"arn:aws:s3:::{bucket}/{key}");
            c.Spend(TimeSpan.FromMilliseconds(30));
            var contentType = c.Aws.Lambda.S3ContentTypeLookup?.Invoke(bucket, key)
                ?? throw new InvalidOperationException($"Error getting object {key} from bucket {bucket}. Make sure they exist and your bucket is in the same region as this function.");
            c.Logger.LogLine("CONTENT TYPE: " + contentType);
            return new JsonObject { ["contentType"] = contentType }.ToJsonString();
        }) with { InitDuration = TimeSpan.FromMilliseconds(250) },
        [("AmazonS3ObjectReadOnly", IamPolicy.Allow("s3:GetObject", "arn:aws:s3:::*"))],
        """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"example-bucket","arn":"arn:aws:s3:::example-bucket"},"object":{"key":"test%2Fkey","size":1024}}}]}""");

    /// <summary>Every blueprint.</summary>
    public static IReadOnlyList<LambdaBlueprint> All { get; } = [HelloWorld, S3GetObject];

    /// <summary>A blueprint by name; an error listing the names when there is none.</summary>
    public static LambdaBlueprint Get(string name)
        => All.FirstOrDefault(b => b.Name == name) ?? throw new AwsValidationException("Blueprint", name, "must be one of " + string.Join(", ", All.Select(b => b.Name)));
}
