using Exercises.Triggers;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Triggers;

/// <summary>The Lambda trigger exercises (lesson 05): S3 notifications, event keys, untrusted images, Lambda@Edge.</summary>
public sealed class TriggersExercises : IExerciseSet
{
    private static string YesNo(bool b) => b ? "fires" : "does not fire";

    /// <inheritdoc />
    public string Lesson => "05-lambda-triggers";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("triggers.s3-filter", "Does an S3 notification configuration fire?", 2, "exercises/Triggers/S3Filter.cs",
            () => Each(
                new (string Configured, string? Prefix, string? Suffix, string Event, string Key)[]
                {
                    ("s3:ObjectCreated:*", null, null, "ObjectCreated:Put", "cat.jpg"),
                    ("s3:ObjectCreated:*", null, null, "ObjectCreated:Copy", "cat.jpg"),
                    ("s3:ObjectCreated:*", null, null, "ObjectRemoved:Delete", "cat.jpg"),
                    ("s3:ObjectCreated:Put", null, null, "ObjectCreated:CompleteMultipartUpload", "big.iso"),
                    ("s3:ObjectCreated:Put", "uploads/", ".jpg", "ObjectCreated:Put", "uploads/cat.jpg"),
                    ("s3:ObjectCreated:Put", "uploads/", ".jpg", "ObjectCreated:Put", "uploads/cat.JPG"),
                    ("s3:ObjectCreated:Put", "uploads/", ".jpg", "ObjectCreated:Put", "thumbnails/uploads/cat.jpg"),
                    ("s3:ObjectCreated:Put", "", "", "ObjectCreated:Put", "anything"),
                    ("s3:ObjectRemoved:*", "logs/", null, "ObjectRemoved:DeleteMarkerCreated", "logs/2026/01/01.gz"),
                    ("s3:ObjectRemoved:Delete", null, ".tmp", "ObjectRemoved:Delete", "a.tmp.bak"),
                    ("s3:ObjectRestore:*", null, null, "ObjectRestore:Completed", "archive.zip"),
                },
                c => Inv($"{c.Configured} prefix={c.Prefix ?? "-"} suffix={c.Suffix ?? "-"} / {c.Event} {c.Key}"),
                c => S3Filter.Matches(c.Configured, c.Prefix, c.Suffix, c.Event, c.Key),
                YesNo),
            [
                "Two things must both match: the event type, then the object key.",
                "The configured type carries an s3: prefix the event's name does not; a type ending in * stands for a family of events.",
                "Prefix and suffix are compared exactly as written (case matters); a missing or empty one imposes nothing.",
            ]),

        new("triggers.object-key", "Decode the object key of an S3 event", 2, "exercises/Triggers/ObjectKey.cs",
            () => Each(
                new[] { "HappyFace.jpg", "New+File.jpg", "holiday/red+flower.jpg", "a%2Bb.txt", "caf%C3%A9.png", "100%25+sure.txt", "x%3Dy%26z.csv", "%E2%9C%93+done" },
                k => k,
                ObjectKey.Decode,
                r => $"\"{r}\""),
            [
                "Keys in S3 events arrive URL-encoded: look at how a space and an accented letter arrive.",
                "In this encoding + is a space and %XX are the bytes of UTF-8; .NET has a decoder for exactly this form.",
                "Uri.UnescapeDataString leaves + alone: look in System.Net for one that does not.",
            ]),

        new("triggers.thumbnail-size", "Check an image header and size the thumbnail", 2, "exercises/Triggers/ThumbnailSize.cs",
            () => Each(
                new (int W, int H, long Max)[]
                {
                    (640, 400, 40_000_000), (641, 401, 40_000_000), (1, 1, 40_000_000), (3, 1, 40_000_000),
                    (10_000, 10_000, 40_000_000), (8_000, 5_000, 40_000_000), (8_001, 5_000, 40_000_000),
                    (0, 400, 40_000_000), (640, -1, 40_000_000), (65_535, 65_535, long.MaxValue), (65_535, 65_535, 2_000_000_000),
                },
                c => Inv($"{c.W}×{c.H}, max {c.Max:#,0} pixels"),
                c => ThumbnailSize.Of(c.W, c.H, c.Max),
                r => r is { } s ? Inv($"{s.Width}×{s.Height}") : "refused"),
            [
                "Refuse what cannot be a real image before doing anything else.",
                "width × height of two large ints overflows an int: compare the product with the limit without overflowing.",
                "Halve each side with integer division, but never return a side of 0.",
            ]),

        new("triggers.edge-runs", "Which Lambda@Edge triggers run?", 3, "exercises/Triggers/EdgeTriggers.cs",
            () => Each(
                new (string Type, bool Hit, int Status, bool Generated)[]
                {
                    ("viewer-request", true, 200, false), ("viewer-request", false, 200, true),
                    ("origin-request", false, 200, false), ("origin-request", true, 200, false), ("origin-request", false, 200, true),
                    ("origin-response", false, 503, false), ("origin-response", true, 200, false),
                    ("viewer-response", true, 200, false), ("viewer-response", false, 200, false), ("viewer-response", false, 404, false),
                    ("viewer-response", false, 302, false), ("viewer-response", false, 200, true),
                },
                c => Inv($"{c.Type}, {(c.Hit ? "hit" : "miss")}, origin {c.Status}{(c.Generated ? ", viewer-request generated the response" : "")}"),
                c => EdgeTriggers.Runs(c.Type, c.Hit, c.Status, c.Generated),
                b => b ? "runs" : "does not run"),
            [
                "Follow a request through CloudFront: viewer side, the cache, the origin side, and back.",
                "Origin-side triggers run only when the cache misses; a response generated at viewer-request ends the trip there.",
                "viewer-response sees what the viewer gets: think about which origin statuses CloudFront passes through it.",
            ]),
    ];
}
