namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.throttle</c>: count the requests a token bucket throttles.</summary>
public static class ThrottleCount
{
    /// <summary>Reference answer: refill, cap, take one token or count a 429.</summary>
    public static int Throttled(double rateLimit, int burstLimit, IReadOnlyList<double> arrivalSeconds)
    {
        double tokens = burstLimit;
        var last = arrivalSeconds.Count > 0 ? arrivalSeconds[0] : 0;
        var throttled = 0;
        foreach (var t in arrivalSeconds)
        {
            tokens = Math.Min(burstLimit, tokens + (t - last) * rateLimit);
            last = t;
            if (tokens >= 1) tokens -= 1;
            else throttled++;
        }
        return throttled;
    }
}
