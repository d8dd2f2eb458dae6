namespace AwsSim.ApiGateway.Sample;

/// <summary>
/// The little of Amazon S3 the sample needs (put and get an object), so the in-memory store can be swapped for the
/// course's S3 simulation (<c>aws.S3</c>) once it is there.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores an object.</summary>
    void PutObject(string bucket, string key, byte[] body, string contentType);

    /// <summary>Reads an object, or null when there is none.</summary>
    (byte[] Body, string ContentType)? GetObject(string bucket, string key);
}

/// <summary>An <see cref="IObjectStore"/> in memory.</summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly Dictionary<(string, string), (byte[], string)> _objects = new();
    private readonly object _gate = new();

    /// <summary>How many objects.</summary>
    public int Count { get { lock (_gate) { return _objects.Count; } } }

    /// <inheritdoc />
    public void PutObject(string bucket, string key, byte[] body, string contentType)
    {
        lock (_gate) { _objects[(bucket, key)] = (body.ToArray(), contentType); }
    }

    /// <inheritdoc />
    public (byte[] Body, string ContentType)? GetObject(string bucket, string key)
    {
        lock (_gate) { return _objects.TryGetValue((bucket, key), out var o) ? (o.Item1.ToArray(), o.Item2) : null; }
    }
}
