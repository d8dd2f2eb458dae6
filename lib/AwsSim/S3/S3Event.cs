using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.S3;

/// <summary>
/// An S3 event notification as S3 hands it to a Lambda function (S3 User Guide, "Event message structure"):
/// <c>{"Records":[{…}]}</c>. The same type carries put (ObjectCreated) and delete (ObjectRemoved) events; a delete
/// record has no <c>size</c> or <c>eTag</c>.
/// </summary>
/// <remarks>Object keys in the event are URL-encoded with spaces as <c>+</c>: decode with <see cref="S3Key.Decode"/>.</remarks>
[AwsEvent("s3", "Records[0].s3", "Records[0].eventSource=aws:s3")]
public sealed record S3Event
{
    /// <summary>The records; S3 sends one per notification.</summary>
    [JsonPropertyName("Records")] public List<S3EventRecord> Records { get; init; } = new();

    /// <summary>Fields not modelled here, kept so a round trip loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One record of an <see cref="S3Event"/>.</summary>
public sealed record S3EventRecord
{
    /// <summary>"major.minor": 2.1 for most events (2.2 replication, 2.3 lifecycle/tagging/ACL/restore-delete).</summary>
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }

    /// <summary>Always <c>aws:s3</c>.</summary>
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }

    /// <summary>The bucket's Region.</summary>
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }

    /// <summary>When the request finished, ISO-8601 UTC with milliseconds (1970-01-01T00:00:00.000Z).</summary>
    [JsonPropertyName("eventTime")] public string? EventTime { get; init; }

    /// <summary>The event type without the <c>s3:</c> prefix, e.g. <c>ObjectCreated:Put</c>.</summary>
    [JsonPropertyName("eventName")] public string? EventName { get; init; }

    /// <summary>Who made the request.</summary>
    [JsonPropertyName("userIdentity")] public S3UserIdentity? UserIdentity { get; init; }

    /// <summary>Where the request came from.</summary>
    [JsonPropertyName("requestParameters")] public S3RequestParameters? RequestParameters { get; init; }

    /// <summary>S3's request ids, for support cases.</summary>
    [JsonPropertyName("responseElements")] public S3ResponseElements? ResponseElements { get; init; }

    /// <summary>The bucket and object.</summary>
    [JsonPropertyName("s3")] public S3Entity? S3 { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>userIdentity</c> (and bucket <c>ownerIdentity</c>) of an S3 event.</summary>
public sealed record S3UserIdentity
{
    /// <summary>The requester's principal id, e.g. <c>AWS:AIDAINPONIXQXHT3IKHL2</c>.</summary>
    [JsonPropertyName("principalId")] public string? PrincipalId { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>requestParameters</c> of an S3 event.</summary>
public sealed record S3RequestParameters
{
    /// <summary>The requester's IP address.</summary>
    [JsonPropertyName("sourceIPAddress")] public string? SourceIpAddress { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>responseElements</c> of an S3 event: the ids of the request that caused it.</summary>
public sealed record S3ResponseElements
{
    /// <summary>S3's request id.</summary>
    [JsonPropertyName("x-amz-request-id")] public string? RequestId { get; init; }

    /// <summary>S3's host id ("extended request id").</summary>
    [JsonPropertyName("x-amz-id-2")] public string? Id2 { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The <c>s3</c> part of a record: which configuration fired, the bucket, the object.</summary>
public sealed record S3Entity
{
    /// <summary>Always "1.0".</summary>
    [JsonPropertyName("s3SchemaVersion")] public string? S3SchemaVersion { get; init; }

    /// <summary>The id of the notification configuration that matched.</summary>
    [JsonPropertyName("configurationId")] public string? ConfigurationId { get; init; }

    /// <summary>The bucket.</summary>
    [JsonPropertyName("bucket")] public S3BucketEntity? Bucket { get; init; }

    /// <summary>The object.</summary>
    [JsonPropertyName("object")] public S3ObjectEntity? Object { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The bucket in an S3 event.</summary>
public sealed record S3BucketEntity
{
    /// <summary>The bucket name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The bucket owner.</summary>
    [JsonPropertyName("ownerIdentity")] public S3UserIdentity? OwnerIdentity { get; init; }

    /// <summary><c>arn:aws:s3:::name</c>.</summary>
    [JsonPropertyName("arn")] public string? Arn { get; init; }

    /// <summary>Fields not modelled here.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The object in an S3 event.</summary>
public sealed record S3ObjectEntity
{
    /// <summary>The key, URL-encoded with spaces as <c>+</c> (decode with <see cref="S3Key.Decode"/>).</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>Size in bytes; absent on delete events.</summary>
    [JsonPropertyName("size")] public long? Size { get; init; }

    /// <summary>The object's ETag (MD5 hex, without quotes in the event); absent on delete events.</summary>
    [JsonPropertyName("eTag")] public string? ETag { get; init; }

    /// <summary>The version id when the bucket is versioned; absent otherwise.</summary>
    [JsonPropertyName("versionId")] public string? VersionId { get; init; }

    /// <summary>Hex string that orders events for the same key (only on PUT and DELETE events).</summary>
    [JsonPropertyName("sequencer")] public string? Sequencer { get; init; }

    /// <summary>Fields not modelled here (e.g. <c>urlDecodedKey</c> that the Java library adds).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
