namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.edge-runs</c>: which Lambda@Edge triggers run for a request?</summary>
public static class EdgeTriggers
{
    /// <summary>Reference answer.</summary>
    public static bool Runs(string eventType, bool cacheHit, int originStatus, bool generatedByViewerRequest)
    {
        if (eventType == "viewer-request") return true;
        if (generatedByViewerRequest) return false;
        return eventType switch
        {
            "origin-request" or "origin-response" => !cacheHit,
            "viewer-response" => cacheHit || originStatus < 400,
            _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, "not a Lambda@Edge event type"),
        };
    }
}
