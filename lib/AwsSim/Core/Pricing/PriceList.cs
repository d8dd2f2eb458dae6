using System.Globalization;
using System.Text.Json;

namespace AwsSim;

/// <summary>
/// The course's prices, loaded from the one data file <c>lib/AwsSim/Core/Pricing/prices.json</c> (embedded in
/// the library). Every price carries its source and the date it was read; nothing in the course hard-codes a price.
/// </summary>
public sealed class PriceList
{
    private static readonly Lazy<PriceList> s_default = new(LoadEmbedded);
    private readonly Dictionary<string, PriceEntry> _prices;
    private readonly Dictionary<string, Allowance> _allowances;

    private PriceList(string region, string currency, IEnumerable<PriceEntry> prices, IEnumerable<Allowance> allowances)
    {
        Region = region;
        Currency = currency;
        _prices = prices.ToDictionary(p => p.Key, StringComparer.Ordinal);
        _allowances = allowances.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    /// <summary>The price list shipped with the course (us-east-1, USD).</summary>
    public static PriceList Default => s_default.Value;

    /// <summary>The Region the prices are for.</summary>
    public string Region { get; }

    /// <summary>The currency (USD).</summary>
    public string Currency { get; }

    /// <summary>Every price, in file order.</summary>
    public IReadOnlyCollection<PriceEntry> Prices => _prices.Values;

    /// <summary>Every free or included quantity.</summary>
    public IReadOnlyCollection<Allowance> Allowances => _allowances.Values;

    /// <summary>The price with this key; throws naming the key and close matches when there is none.</summary>
    public PriceEntry Get(string key)
        => _prices.TryGetValue(key, out var p) ? p : throw Unknown("price", key, _prices.Keys);

    /// <summary>The price with this key, or null.</summary>
    public PriceEntry? Find(string key) => _prices.GetValueOrDefault(key);

    /// <summary>Every price whose key starts with <paramref name="prefix"/>, e.g. <c>lambda.duration.arm64.</c>, ordered by tier.</summary>
    public IReadOnlyList<PriceEntry> WithPrefix(string prefix)
        => _prices.Values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(p => p.TierStart ?? 0).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>The allowance with this key; throws when there is none.</summary>
    public Allowance GetAllowance(string key)
        => _allowances.TryGetValue(key, out var a) ? a : throw Unknown("allowance", key, _allowances.Keys);

    /// <summary>Reads a price list from JSON in the shape of <c>prices.json</c>.</summary>
    public static PriceList Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var prices = root.GetProperty("prices").EnumerateArray().Select(ReadPrice).ToList();
        var allowances = root.TryGetProperty("allowances", out var al) ? al.EnumerateArray().Select(ReadAllowance).ToList() : new List<Allowance>();
        var dup = prices.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidDataException($"prices.json: the key '{dup.Key}' appears {dup.Count()} times; keys must be unique.");
        return new PriceList(root.GetProperty("region").GetString()!, root.GetProperty("currency").GetString()!, prices, allowances);
    }

    private static PriceList LoadEmbedded()
    {
        using var stream = typeof(PriceList).Assembly.GetManifestResourceStream("AwsSim.prices.json")
            ?? throw new InvalidOperationException("The embedded price list AwsSim.prices.json is missing from the library.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static PriceEntry ReadPrice(JsonElement e)
    {
        var key = Str(e, "key", "?");
        return new PriceEntry(
            key, Str(e, "service", key), Str(e, "description", key), Str(e, "unit", key),
            Dec(e, "price", key), Str(e, "source", key), Str(e, "sourceDate", key),
            DateOnly.ParseExact(Str(e, "read", key), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.TryGetProperty("tierStart", out _) ? Dec(e, "tierStart", key) : null,
            e.TryGetProperty("tierEnd", out _) ? Dec(e, "tierEnd", key) : null,
            e.TryGetProperty("note", out var n) ? n.GetString() : null,
            e.TryGetProperty("attributes", out var at)
                ? at.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
                : null);
    }

    private static Allowance ReadAllowance(JsonElement e)
    {
        var key = Str(e, "key", "?");
        return new Allowance(key, Str(e, "service", key), Str(e, "description", key), Dec(e, "quantity", key), Str(e, "unit", key),
            Str(e, "source", key), Str(e, "sourceDate", key), DateOnly.ParseExact(Str(e, "read", key), "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string Str(JsonElement e, string name, string key)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidDataException($"prices.json: entry '{key}' has no '{name}' (every price needs a source and the date it was read).");

    // Prices are strings in the file so that no JSON reader turns 0.0000166667 into a binary double.
    private static decimal Dec(JsonElement e, string name, string key)
    {
        var s = Str(e, name, key);
        return decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new InvalidDataException($"prices.json: entry '{key}' has {name} = '{s}', which is not a decimal number.");
    }

    private static KeyNotFoundException Unknown(string what, string key, IEnumerable<string> keys)
    {
        var prefix = key.Split('.')[0];
        var near = keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)).Take(12).ToList();
        return new KeyNotFoundException($"No {what} named '{key}' in prices.json." + (near.Count > 0 ? " Known: " + string.Join(", ", near) : ""));
    }
}
