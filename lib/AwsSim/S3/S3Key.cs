using System.Net;

namespace AwsSim.S3;

/// <summary>
/// Object keys as S3 writes them into event notifications: URL-encoded in form style, so a space becomes <c>+</c>
/// ("red flower.jpg" → "red+flower.jpg"; S3 User Guide, "Event message structure"). A function must decode the key
/// before it calls GetObject, or it asks for an object that does not exist.
/// </summary>
public static class S3Key
{
    /// <summary>
    /// Encodes a key the way the simulator writes it into events: form encoding (space → <c>+</c>, reserved characters
    /// → <c>%XX</c> of their UTF-8 bytes) with <c>/</c> left as it is, as in AWS's sample events (<c>test/key</c>).
    /// </summary>
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
    }

    /// <summary>Decodes an event key (<c>+</c> → space, <c>%XX</c> → the character), like Python's <c>unquote_plus</c>.</summary>
    public static string Decode(string encodedKey)
    {
        ArgumentNullException.ThrowIfNull(encodedKey);
        return WebUtility.UrlDecode(encodedKey);
    }
}
