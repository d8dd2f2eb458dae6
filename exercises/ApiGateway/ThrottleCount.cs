namespace Exercises.ApiGateway;

/// <summary>Exercise <c>apigateway.throttle</c>: count the requests a token bucket throttles.</summary>
public static class ThrottleCount
{
    /// <summary>
    /// A stage is throttled at <paramref name="rateLimit"/> requests per second with a burst of
    /// <paramref name="burstLimit"/>. Requests arrive at the given times (seconds, in order). Return how many get
    /// 429 Too Many Requests.
    /// </summary>
    /// <remarks>
    /// The token bucket: it starts full with <paramref name="burstLimit"/> tokens; between two arrivals it refills by
    /// (elapsed seconds × rateLimit) tokens but never above <paramref name="burstLimit"/>; a request that finds at
    /// least one token takes one and passes, otherwise it is throttled and takes nothing.
    /// </remarks>
    public static int Throttled(double rateLimit, int burstLimit, IReadOnlyList<double> arrivalSeconds)
    {
        throw new NotImplementedException();
    }
}
