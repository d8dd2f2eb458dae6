using System.Text.Json.Nodes;

namespace AwsSim.ApiGateway.Sample;

/// <summary>
/// A minimal DynamoDB-like key-value table for the sample: items are JSON objects keyed by a string partition key;
/// put replaces, get reads, scan lists in key order. Thread-safe.
/// </summary>
public sealed class ItemsTable
{
    private readonly SortedDictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>Creates a table.</summary>
    public ItemsTable(string name, string partitionKey = "id")
    {
        Name = name;
        PartitionKey = partitionKey;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The attribute that holds the key.</summary>
    public string PartitionKey { get; }

    /// <summary>How many items.</summary>
    public int Count { get { lock (_gate) { return _items.Count; } } }

    /// <summary>Writes an item (replacing any with the same key). The item must hold the key as a string.</summary>
    public void PutItem(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item[PartitionKey] is not JsonValue v || !v.TryGetValue<string>(out var key) || key.Length == 0)
            throw new AwsValidationException(PartitionKey, item[PartitionKey]?.ToJsonString(), "the item must have its key as a non-empty string", "ValidationException");
        lock (_gate) { _items[key] = (JsonObject)item.DeepClone(); }
    }

    /// <summary>Reads an item, or null.</summary>
    public JsonObject? GetItem(string key)
    {
        lock (_gate) { return _items.TryGetValue(key, out var i) ? (JsonObject)i.DeepClone() : null; }
    }

    /// <summary>Deletes an item; true when it existed.</summary>
    public bool DeleteItem(string key) { lock (_gate) { return _items.Remove(key); } }

    /// <summary>Every item, in key order.</summary>
    public IReadOnlyList<JsonObject> Scan() { lock (_gate) { return _items.Values.Select(i => (JsonObject)i.DeepClone()).ToList(); } }
}
