namespace AwsSim.S3;

/// <summary>An object as GetObject returns it.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The key (not encoded).</param>
/// <param name="Body">The content (a copy: changing it changes nothing in the bucket).</param>
/// <param name="ETag">The entity tag as S3 returns it: the MD5 of the content in hex, in double quotes.</param>
/// <param name="LastModified">When it was written (simulated time).</param>
/// <param name="ContentType">The Content-Type it was stored with.</param>
public sealed record S3Object(string Bucket, string Key, byte[] Body, string ETag, DateTimeOffset LastModified, string ContentType)
{
    /// <summary>Size in bytes.</summary>
    public long Size => Body.LongLength;

    /// <summary>The content as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>One entry of a listing (ListObjectsV2 <c>Contents</c>).</summary>
/// <param name="Key">The key.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="ETag">The quoted MD5 hex.</param>
/// <param name="LastModified">When it was written.</param>
public sealed record S3ObjectSummary(string Key, long Size, string ETag, DateTimeOffset LastModified);

/// <summary>What ListObjectsV2 returns.</summary>
/// <param name="Contents">The objects, in key order.</param>
/// <param name="IsTruncated">True when more keys match than were returned.</param>
/// <param name="NextContinuationToken">Pass it back to get the next page; null on the last page.</param>
public sealed record ListObjectsV2Result(IReadOnlyList<S3ObjectSummary> Contents, bool IsTruncated, string? NextContinuationToken)
{
    /// <summary>How many keys this page has.</summary>
    public int KeyCount => Contents.Count;
}

/// <summary>What PutObject and CopyObject return.</summary>
/// <param name="ETag">The quoted MD5 hex of the content.</param>
/// <param name="Size">Size in bytes.</param>
public sealed record PutObjectResult(string ETag, long Size);
