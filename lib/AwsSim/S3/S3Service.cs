using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AwsSim.S3;

/// <summary>
/// Amazon S3 in memory: buckets, objects (put, get, copy, delete, list), and event notifications that invoke Lambda
/// functions asynchronously, in S3's exact event JSON. Use it as <c>aws.S3</c>.
/// </summary>
public sealed class S3Service
{
    /// <summary>The largest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    private readonly AccountContext _aws;
    private readonly ICallerAuthorizer _authorizer;
    private readonly object _gate = new();
    private readonly SortedDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<S3Notification> _sent = new();
    private readonly Random _random;
    private long _requests;
    private long _sequence;

    internal S3Service(AccountContext aws, ILambdaInvoker? lambda, ICallerAuthorizer authorizer)
    {
        _aws = aws;
        _authorizer = authorizer;
        LambdaInvoker = lambda;
        _random = new Random(aws.Seed ^ 0x53_33);
        OwnerPrincipalId = "A" + RandomText(13, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    }

    /// <summary>
    /// The Lambda that notifications are delivered to (<see cref="ILambdaInvoker.InvokeAsync"/>): the account's
    /// <c>aws.Lambda</c>; a lesson or test may put a stand-in here (e.g. <c>LocalInvoker</c>).
    /// </summary>
    public ILambdaInvoker? LambdaInvoker { get; set; }

    /// <summary>The principal id of the bucket owner, as events show it in <c>ownerIdentity</c>.</summary>
    public string OwnerPrincipalId { get; }

    /// <summary>The principal id events show as <c>userIdentity</c> when a request does not name one.</summary>
    public string DefaultRequesterPrincipalId => $"AWS:AIDA{OwnerPrincipalId[1..]}";

    /// <summary>Every event S3 has handed to Lambda, in order.</summary>
    public IReadOnlyList<S3Notification> SentNotifications { get { lock (_gate) { return _sent.ToList(); } } }

    // ---- buckets ----

    /// <summary>Creates a bucket (CreateBucket). Names follow <see cref="BucketNames"/>.</summary>
    public void CreateBucket(string bucket)
    {
        BucketNames.Validate(bucket);
        lock (_gate)
        {
            if (_buckets.ContainsKey(bucket))
                throw new AwsException("BucketAlreadyOwnedByYou", $"The bucket '{bucket}' already exists and you own it.", 409);
            _buckets[bucket] = new Bucket(bucket);
        }
    }

    /// <summary>Deletes an empty bucket (DeleteBucket).</summary>
    public void DeleteBucket(string bucket)
    {
        lock (_gate)
        {
            var b = Get(bucket);
            if (b.Objects.Count > 0) throw new AwsException("BucketNotEmpty", $"The bucket '{bucket}' is not empty: delete its {b.Objects.Count} object(s) first.", 409);
            _buckets.Remove(bucket);
        }
    }

    /// <summary>The bucket names, in order (ListBuckets).</summary>
    public IReadOnlyList<string> ListBuckets() { lock (_gate) { return _buckets.Keys.ToList(); } }

    /// <summary>True when the bucket exists (HeadBucket).</summary>
    public bool BucketExists(string bucket) { lock (_gate) { return _buckets.ContainsKey(bucket); } }

    // ---- objects ----

    /// <summary>Stores an object (PutObject) and sends <c>ObjectCreated:Put</c> to matching notification targets.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key, 1 to 1,024 UTF-8 bytes.</param>
    /// <param name="body">The content.</param>
    /// <param name="contentType">Stored as Content-Type (default <c>binary/octet-stream</c>, S3's default).</param>
    /// <param name="requesterPrincipalId">Who makes the request (shown in the event's <c>userIdentity</c>).</param>
    public PutObjectResult PutObject(string bucket, string key, byte[] body, string? contentType = null, string? requesterPrincipalId = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ValidateKey(key);
        _authorizer.AuthorizeCaller("s3:PutObject", ObjectArn(bucket, key), "AccessDenied");
        StoredObject stored;
        lock (_gate)
        {
            var b = Get(bucket);
            stored = new StoredObject(body.ToArray(), ETagOf(body), _aws.Clock.Now, contentType ?? "binary/octet-stream");
            b.Objects[key] = stored;
        }
        Notify(bucket, key, S3EventTypes.ObjectCreatedPut, stored, requesterPrincipalId);
        return new PutObjectResult(stored.ETag, stored.Body.LongLength);
    }

    /// <summary>Stores UTF-8 text (PutObject with <c>text/plain</c>).</summary>
    public PutObjectResult PutObject(string bucket, string key, string text, string? requesterPrincipalId = null)
        => PutObject(bucket, key, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", requesterPrincipalId);

    private static string ObjectArn(string bucket, string key) => $"arn:aws:s3:::{bucket}/{key}";

    /// <summary>Reads an object (GetObject); <c>NoSuchKey</c> (404) when it is not there.</summary>
    public S3Object GetObject(string bucket, string key)
    {
        _authorizer.AuthorizeCaller("s3:GetObject", ObjectArn(bucket, key), "AccessDenied");
        lock (_gate)
        {
            var b = Get(bucket);
            if (!b.Objects.TryGetValue(key, out var o))
                throw new AwsException("NoSuchKey", $"The specified key does not exist: '{key}' in bucket '{bucket}'.", 404);
            return new S3Object(bucket, key, o.Body.ToArray(), o.ETag, o.LastModified, o.ContentType);
        }
    }

    /// <summary>True when the object exists (HeadObject).</summary>
    public bool ObjectExists(string bucket, string key) { lock (_gate) { return Get(bucket).Objects.ContainsKey(key); } }

    /// <summary>Copies an object (CopyObject) and sends <c>ObjectCreated:Copy</c> for the new one.</summary>
    public PutObjectResult CopyObject(string sourceBucket, string sourceKey, string destinationBucket, string destinationKey, string? requesterPrincipalId = null)
    {
        ValidateKey(destinationKey);
        var source = GetObject(sourceBucket, sourceKey);
        _authorizer.AuthorizeCaller("s3:PutObject", ObjectArn(destinationBucket, destinationKey), "AccessDenied");
        StoredObject stored;
        lock (_gate)
        {
            var b = Get(destinationBucket);
            stored = new StoredObject(source.Body, source.ETag, _aws.Clock.Now, source.ContentType);
            b.Objects[destinationKey] = stored;
        }
        Notify(destinationBucket, destinationKey, S3EventTypes.ObjectCreatedCopy, stored, requesterPrincipalId);
        return new PutObjectResult(stored.ETag, stored.Body.LongLength);
    }

    /// <summary>
    /// Deletes an object (DeleteObject). Like S3, deleting a key that is not there succeeds; the simulator sends
    /// <c>ObjectRemoved:Delete</c> only when an object was removed.
    /// </summary>
    /// <returns>True when an object was removed.</returns>
    public bool DeleteObject(string bucket, string key, string? requesterPrincipalId = null)
    {
        _authorizer.AuthorizeCaller("s3:DeleteObject", ObjectArn(bucket, key), "AccessDenied");
        StoredObject? removed;
        lock (_gate)
        {
            var b = Get(bucket);
            if (!b.Objects.Remove(key, out removed)) return false;
        }
        Notify(bucket, key, S3EventTypes.ObjectRemovedDelete, null, requesterPrincipalId);
        return true;
    }

    /// <summary>Lists keys in order (ListObjectsV2), optionally under a prefix, at most <paramref name="maxKeys"/> (capped at 1,000) a page.</summary>
    public ListObjectsV2Result ListObjectsV2(string bucket, string? prefix = null, int maxKeys = 1000, string? continuationToken = null)
    {
        _authorizer.AuthorizeCaller("s3:ListBucket", $"arn:aws:s3:::{bucket}", "AccessDenied");
        Validate.Range("MaxKeys", maxKeys, 0, int.MaxValue, errorCode: "InvalidArgument");
        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        lock (_gate)
        {
            var b = Get(bucket);
            var matching = b.Objects
                .Where(kv => prefix is null || kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Where(kv => after is null || string.CompareOrdinal(kv.Key, after) > 0);
            var page = matching.Take(Math.Min(maxKeys, 1000) + 1).ToList();
            var take = Math.Min(maxKeys, 1000);
            var truncated = page.Count > take;
            var contents = page.Take(take).Select(kv => new S3ObjectSummary(kv.Key, kv.Value.Body.LongLength, kv.Value.ETag, kv.Value.LastModified)).ToList();
            return new ListObjectsV2Result(contents, truncated, truncated && contents.Count > 0 ? EncodeToken(contents[^1].Key) : null);
        }
    }

    // ---- notifications ----

    /// <summary>
    /// Replaces the bucket's notification configuration (PutBucketNotificationConfiguration) with these Lambda targets.
    /// Rejected like S3 does: unknown event types, and two configurations that could fire for the same event
    /// (same event type with overlapping prefix and suffix filters) — <c>InvalidArgument</c>, "Configurations overlap".
    /// </summary>
    public void PutBucketNotificationConfiguration(string bucket, IEnumerable<LambdaFunctionConfiguration> configurations)
    {
        var list = configurations.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var c = list[i];
            if (string.IsNullOrWhiteSpace(c.LambdaFunctionArn))
                throw new AwsValidationException($"LambdaFunctionConfiguration[{i}].LambdaFunctionArn", c.LambdaFunctionArn, "must name a function", "InvalidArgument");
            if (c.Events.Count == 0)
                throw new AwsValidationException($"LambdaFunctionConfiguration[{i}].Events", "", "must list at least one event type", "InvalidArgument");
            foreach (var e in c.Events)
            {
                if (!S3EventTypes.All.Contains(e))
                    throw new AwsValidationException($"LambdaFunctionConfiguration[{i}].Events", e, "must be one of " + string.Join(", ", S3EventTypes.All), "InvalidArgument");
            }
            if (string.IsNullOrEmpty(c.Id)) list[i] = c = c with { Id = $"config-{i + 1}" };
            for (var j = 0; j < i; j++)
            {
                if (list[j].Id == c.Id)
                    throw new AwsValidationException($"LambdaFunctionConfiguration[{i}].Id", c.Id, "must be unique in the bucket's configuration", "InvalidArgument");
                if (S3EventTypes.ConfigurationsOverlap(list[j], c))
                {
                    throw new AwsException("InvalidArgument",
                        $"Configurations overlap. Configurations on the same bucket cannot share a common event type: '{list[j].Id}' and '{c.Id}' both match "
                        + $"{string.Join("/", c.Events)} with prefixes '{list[j].Prefix}'/'{c.Prefix}' and suffixes '{list[j].Suffix}'/'{c.Suffix}'.");
                }
            }
        }
        if (list.Count > 0 && LambdaInvoker is null)
        {
            throw new AwsException("InvalidArgument",
                "Unable to validate the following destination configurations: no Lambda is wired to this account. Set aws.S3.LambdaInvoker to an ILambdaInvoker.");
        }
        lock (_gate) { Get(bucket).Notifications = list; }
    }

    /// <summary>The bucket's notification configuration (GetBucketNotificationConfiguration).</summary>
    public IReadOnlyList<LambdaFunctionConfiguration> GetBucketNotificationConfiguration(string bucket)
    {
        lock (_gate) { return Get(bucket).Notifications.ToList(); }
    }

    /// <summary>
    /// Builds the event S3 sends for <paramref name="eventName"/> on an object, without storing or sending anything
    /// (what the lessons and <c>course</c> use to show an event).
    /// </summary>
    public S3Event BuildEvent(string bucket, string key, string eventName, string configurationId, long? size, string? eTagQuoted, string? requesterPrincipalId = null)
    {
        var requestId = NextRequestId();
        return new S3Event
        {
            Records =
            [
                new S3EventRecord
                {
                    EventVersion = "2.1",
                    EventSource = "aws:s3",
                    AwsRegion = _aws.Region,
                    EventTime = _aws.Clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    EventName = eventName,
                    UserIdentity = new S3UserIdentity { PrincipalId = requesterPrincipalId ?? DefaultRequesterPrincipalId },
                    RequestParameters = new S3RequestParameters { SourceIpAddress = "127.0.0.1" },
                    ResponseElements = new S3ResponseElements { RequestId = requestId, Id2 = RandomId2() },
                    S3 = new S3Entity
                    {
                        S3SchemaVersion = "1.0",
                        ConfigurationId = configurationId,
                        Bucket = new S3BucketEntity
                        {
                            Name = bucket,
                            OwnerIdentity = new S3UserIdentity { PrincipalId = OwnerPrincipalId },
                            Arn = "arn:aws:s3:::" + bucket,
                        },
                        Object = new S3ObjectEntity
                        {
                            Key = S3Key.Encode(key),
                            Size = size,
                            ETag = eTagQuoted?.Trim('"'),
                            Sequencer = NextSequencer(),
                        },
                    },
                },
            ],
        };
    }

    private void Notify(string bucket, string key, string eventName, StoredObject? stored, string? requester)
    {
        List<LambdaFunctionConfiguration> matching;
        lock (_gate) { matching = Get(bucket).Notifications.Where(c => c.Matches(eventName, key)).ToList(); }
        foreach (var config in matching)
        {
            var e = BuildEvent(bucket, key, eventName, config.Id, stored?.Body.LongLength, stored?.ETag, requester);
            var json = AwsJson.Serialize(e);
            var invoker = LambdaInvoker
                ?? throw new InvalidOperationException("No Lambda invoker: set aws.S3.LambdaInvoker.");
            lock (_gate) { _sent.Add(new S3Notification(_aws.Clock.Now, bucket, config.FunctionName, e, json)); }
            // Sent from inside the request, so the caller's recursion lineage (if a function is writing) travels with it.
            invoker.InvokeAsync(config.FunctionName, json, "aws:s3");
        }
    }

    private Bucket Get(string bucket)
        => _buckets.TryGetValue(bucket, out var b) ? b : throw new AwsException("NoSuchBucket", $"The specified bucket does not exist: '{bucket}'.", 404);

    private static void ValidateKey(string key)
    {
        if (string.IsNullOrEmpty(key)) throw new AwsValidationException("Key", key, "must be 1 to 1,024 bytes of UTF-8", "InvalidArgument");
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes) throw new AwsValidationException("Key", key[..Math.Min(40, key.Length)] + "…", $"must be at most 1,024 bytes of UTF-8 (this one is {bytes})", "KeyTooLongError");
    }

    /// <summary>The ETag S3 returns for a single-part upload: the MD5 of the content, hex, in double quotes.</summary>
    public static string ETagOf(byte[] body) => "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";

    private string NextRequestId() => Interlocked.Increment(ref _requests).ToString("X16", CultureInfo.InvariantCulture);

    private string NextSequencer()
    {
        // Hex, increasing: milliseconds of simulated time then a counter, so later events for a key sort later.
        var ms = _aws.Clock.Now.ToUnixTimeMilliseconds();
        var n = Interlocked.Increment(ref _sequence);
        return ms.ToString("X12", CultureInfo.InvariantCulture) + (n & 0xFFFFFF).ToString("X6", CultureInfo.InvariantCulture);
    }

    private string RandomId2()
    {
        lock (_gate)
        {
            var bytes = new byte[56];
            _random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }
    }

    private string RandomText(int length, string alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[_random.Next(alphabet.Length)];
        return new string(chars);
    }

    private static string EncodeToken(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    private static string DecodeToken(string token)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
        catch (FormatException) { throw new AwsValidationException("ContinuationToken", token, "must be a token from a previous ListObjectsV2 page", "InvalidArgument"); }
    }

    private sealed class Bucket(string name)
    {
        public string Name { get; } = name;
        public SortedDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);
        public List<LambdaFunctionConfiguration> Notifications { get; set; } = new();
    }

    private sealed record StoredObject(byte[] Body, string ETag, DateTimeOffset LastModified, string ContentType);
}
