namespace AwsSim.ApiGateway;

/// <summary>One request of a simulated load: when it was sent (since the start) and the status it got.</summary>
/// <param name="At">Simulated time since the load started.</param>
/// <param name="StatusCode">The status the caller got.</param>
public readonly record struct LoadResult(TimeSpan At, int StatusCode);

/// <summary>
/// Sends requests at a steady rate on simulated time (advancing <c>aws.Clock</c> between them), to see throttling at
/// work without any real waiting.
/// </summary>
public static class SimulatedLoad
{
    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="apiId"/> <paramref name="requestsPerSecond"/> times a
    /// second for <paramref name="duration"/> of simulated time; returns each request's time and status.
    /// </summary>
    public static IReadOnlyList<LoadResult> Steady(SimulatedAws aws, string apiId, ApiRequest request, double requestsPerSecond, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(aws);
        if (!(requestsPerSecond > 0) || requestsPerSecond > 100_000)
            throw new AwsValidationException("requestsPerSecond", requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be more than 0 and at most 100,000");
        var count = (long)Math.Floor(duration.TotalSeconds * requestsPerSecond);
        Validate.Range("requests", count, 0, 1_000_000, "requests in the whole load");
        var results = new List<LoadResult>((int)count);
        var start = aws.Clock.Now;
        for (var i = 0; i < count; i++)
        {
            var due = start + TimeSpan.FromTicks((long)Math.Round(i * TimeSpan.TicksPerSecond / requestsPerSecond));
            if (due > aws.Clock.Now) aws.Clock.AdvanceTo(due);
            results.Add(new LoadResult(due - start, aws.ApiGateway.Send(apiId, request).StatusCode));
        }
        return results;
    }

    /// <summary>Counts per time bucket: (bucket start, how many got <paramref name="statusCode"/>).</summary>
    public static IReadOnlyList<(TimeSpan Start, int Count)> Histogram(IReadOnlyList<LoadResult> results, TimeSpan bucket, int statusCode)
    {
        if (results.Count == 0) return Array.Empty<(TimeSpan, int)>();
        var buckets = (int)(results[^1].At.Ticks / bucket.Ticks) + 1;
        return Enumerable.Range(0, buckets)
            .Select(b => (TimeSpan.FromTicks(b * bucket.Ticks), results.Count(r => r.StatusCode == statusCode && r.At.Ticks / bucket.Ticks == b)))
            .ToList();
    }
}
