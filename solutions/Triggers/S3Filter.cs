namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.s3-filter</c>: does an S3 notification configuration fire for an event?</summary>
public static class S3Filter
{
    /// <summary>Reference answer.</summary>
    public static bool Matches(string configuredEvent, string? prefix, string? suffix, string eventName, string key)
    {
        var configured = configuredEvent.StartsWith("s3:", StringComparison.Ordinal) ? configuredEvent[3..] : configuredEvent;
        var typeMatches = configured.EndsWith(":*", StringComparison.Ordinal)
            ? eventName.StartsWith(configured[..^1], StringComparison.Ordinal)
            : eventName == configured;
        return typeMatches
            && (string.IsNullOrEmpty(prefix) || key.StartsWith(prefix, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(suffix) || key.EndsWith(suffix, StringComparison.Ordinal));
    }
}
