namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.object-key</c>: the key in an S3 event is not the key of the object.</summary>
public static class ObjectKey
{
    /// <summary>Reference answer: form decoding (+ first, as the form rules say, then %XX as UTF-8).</summary>
    public static string Decode(string eventKey) => System.Net.WebUtility.UrlDecode(eventKey);
}
