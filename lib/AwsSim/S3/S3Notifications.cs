namespace AwsSim.S3;

/// <summary>
/// One Lambda target of a bucket's notification configuration (<c>LambdaFunctionConfiguration</c> in
/// PutBucketNotificationConfiguration): which events, which keys, which function.
/// </summary>
/// <param name="Id">The configuration id; it appears in each event as <c>s3.configurationId</c>.</param>
/// <param name="LambdaFunctionArn">The function's ARN (or, for convenience, its name).</param>
/// <param name="Events">Event types with the <c>s3:</c> prefix, e.g. <c>s3:ObjectCreated:*</c> or <c>s3:ObjectRemoved:Delete</c>.</param>
/// <param name="Prefix">Only keys that start with this (the <c>prefix</c> filter rule), or null for any key.</param>
/// <param name="Suffix">Only keys that end with this (the <c>suffix</c> filter rule), or null for any key.</param>
public sealed record LambdaFunctionConfiguration(string Id, string LambdaFunctionArn, IReadOnlyList<string> Events, string? Prefix = null, string? Suffix = null)
{
    /// <summary>The function name Lambda is invoked with: the ARN's name part (a qualifier is dropped).</summary>
    public string FunctionName
    {
        get
        {
            var parts = LambdaFunctionArn.Split(':');
            // arn:aws:lambda:region:account:function:name[:qualifier]
            return parts.Length >= 7 && parts[0] == "arn" ? parts[6] : LambdaFunctionArn;
        }
    }

    /// <summary>True when an event of type <paramref name="eventName"/> (with or without <c>s3:</c>) for the decoded <paramref name="key"/> matches.</summary>
    public bool Matches(string eventName, string key)
        => Events.Any(e => S3EventTypes.Covers(e, eventName)) && S3EventTypes.KeyMatches(key, Prefix, Suffix);
}

/// <summary>
/// S3's event types and filter rules (S3 User Guide, "Supported event types" and "Configuring event notifications
/// using object key name filtering").
/// </summary>
public static class S3EventTypes
{
    /// <summary>The event types a notification configuration may name (the <c>s3:</c> form).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject",
        "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
    ];

    /// <summary>Object created with PUT.</summary>
    public const string ObjectCreatedPut = "ObjectCreated:Put";

    /// <summary>Object created with CopyObject.</summary>
    public const string ObjectCreatedCopy = "ObjectCreated:Copy";

    /// <summary>Object deleted (unversioned bucket, or a version deleted).</summary>
    public const string ObjectRemovedDelete = "ObjectRemoved:Delete";

    /// <summary>
    /// True when the configured type (e.g. <c>s3:ObjectCreated:*</c>) covers the event (e.g. <c>ObjectCreated:Put</c>,
    /// with or without <c>s3:</c>). <c>*</c> at the end covers every type in that family.
    /// </summary>
    public static bool Covers(string configured, string eventName)
    {
        var c = Strip(configured);
        var e = Strip(eventName);
        if (c.EndsWith(":*", StringComparison.Ordinal))
        {
            var family = c[..^1]; // "ObjectCreated:"
            return e.StartsWith(family, StringComparison.Ordinal) || e == c;
        }
        return c == e;
    }

    /// <summary>True when two configured types can match the same event (e.g. <c>s3:ObjectCreated:*</c> and <c>s3:ObjectCreated:Put</c>).</summary>
    public static bool Overlap(string a, string b) => Covers(a, Strip(b)) || Covers(b, Strip(a));

    /// <summary>The filter rules: the key must start with <paramref name="prefix"/> and end with <paramref name="suffix"/> (null or empty = any).</summary>
    public static bool KeyMatches(string key, string? prefix, string? suffix)
        => (string.IsNullOrEmpty(prefix) || key.StartsWith(prefix, StringComparison.Ordinal))
        && (string.IsNullOrEmpty(suffix) || key.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>
    /// True when two configurations could both fire for one event, which S3 rejects ("Configurations overlap.
    /// Configurations on the same bucket cannot share a common event type."): they share an event type, and their
    /// prefixes overlap (one starts the other, or either is empty), and their suffixes overlap (one ends the other,
    /// or either is empty).
    /// </summary>
    /// <remarks>
    /// Sources: S3 User Guide, "Configuring event notifications using object key name filtering" (examples of valid and
    /// invalid overlapping configurations); AWS re:Post Knowledge Center, "lambda-s3-event-configuration-error" (the
    /// error text). One prefix rule and one suffix rule per configuration at most.
    /// </remarks>
    public static bool ConfigurationsOverlap(LambdaFunctionConfiguration a, LambdaFunctionConfiguration b)
        => a.Events.Any(x => b.Events.Any(y => Overlap(x, y)))
        && PrefixesOverlap(a.Prefix, b.Prefix)
        && SuffixesOverlap(a.Suffix, b.Suffix);

    private static bool PrefixesOverlap(string? a, string? b)
        => string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b) || a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    private static bool SuffixesOverlap(string? a, string? b)
        => string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b) || a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal);

    private static string Strip(string s) => s.StartsWith("s3:", StringComparison.Ordinal) ? s[3..] : s;
}

/// <summary>An event S3 sent to a function: when, to whom, and what.</summary>
/// <param name="Time">When S3 handed it to Lambda (simulated time).</param>
/// <param name="Bucket">The bucket it is about.</param>
/// <param name="FunctionName">The function it was sent to.</param>
/// <param name="Event">The event itself.</param>
/// <param name="Json">The JSON exactly as sent.</param>
public sealed record S3Notification(DateTimeOffset Time, string Bucket, string FunctionName, S3Event Event, string Json);
