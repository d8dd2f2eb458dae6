namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.edge-runs</c>: which Lambda@Edge triggers run for a request?</summary>
public static class EdgeTriggers
{
    /// <summary>
    /// Return true when a function on the CloudFront trigger <paramref name="eventType"/> (<c>viewer-request</c>,
    /// <c>origin-request</c>, <c>origin-response</c> or <c>viewer-response</c>) runs for one request, where
    /// <paramref name="cacheHit"/> says whether the object was in the cache, <paramref name="originStatus"/> is the
    /// status the origin answered (ignore it on a hit), and <paramref name="generatedByViewerRequest"/> says whether the
    /// viewer-request function answered the request itself. Rules: viewer request runs for every request; origin request
    /// and origin response only on a miss (origin response also when the origin answers with an error); viewer response
    /// on a hit or a miss, but not when the origin answered 400 or more, nor when the viewer-request function generated
    /// the response. When the viewer-request function generated the response, nothing after it runs.
    /// </summary>
    public static bool Runs(string eventType, bool cacheHit, int originStatus, bool generatedByViewerRequest)
    {
        throw new NotImplementedException();
    }
}
