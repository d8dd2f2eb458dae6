namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.s3-filter</c>: does an S3 notification configuration fire for an event?</summary>
public static class S3Filter
{
    /// <summary>
    /// Return true when a notification configuration for <paramref name="configuredEvent"/> (as you write it in the
    /// configuration, with the <c>s3:</c> prefix, e.g. <c>s3:ObjectCreated:*</c> or <c>s3:ObjectRemoved:Delete</c>)
    /// with the filter rules <paramref name="prefix"/> and <paramref name="suffix"/> (null or "" = no rule) fires for an
    /// event named <paramref name="eventName"/> (as it appears in the event, <b>without</b> <c>s3:</c>, e.g.
    /// <c>ObjectCreated:Put</c>) on the object <paramref name="key"/> (already decoded).
    /// A configured type ending in <c>:*</c> covers every type of that family; prefix and suffix match case-sensitively.
    /// </summary>
    /// <example><c>Matches("s3:ObjectCreated:*", "uploads/", ".jpg", "ObjectCreated:Put", "uploads/cat.jpg")</c> → true.</example>
    public static bool Matches(string configuredEvent, string? prefix, string? suffix, string eventName, string key)
    {
        throw new NotImplementedException();
    }
}
