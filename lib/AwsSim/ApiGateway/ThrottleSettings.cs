using System.Globalization;

namespace AwsSim.ApiGateway;

/// <summary>
/// A token bucket's settings as API Gateway names them: <paramref name="RateLimit"/> requests per second refill the
/// bucket, which holds at most <paramref name="BurstLimit"/> requests. A request takes one token; none left → 429.
/// </summary>
/// <param name="RateLimit">Steady-state requests per second.</param>
/// <param name="BurstLimit">The bucket's size: how many requests may arrive at once.</param>
public sealed record ThrottleSettings(double RateLimit, int BurstLimit)
{
    /// <summary>The account-level default: 10,000 rps with a burst of 5,000.</summary>
    public static ThrottleSettings Account { get; } = new(ApiGatewayLimits.AccountRateLimit, ApiGatewayLimits.AccountBurstLimit);

    internal void Validate(string field)
    {
        if (double.IsNaN(RateLimit) || double.IsInfinity(RateLimit) || RateLimit < 0)
            throw new AwsValidationException(field + ".rateLimit", RateLimit.ToString(CultureInfo.InvariantCulture), "must be a number of zero or more (requests per second)", "BadRequestException");
        if (BurstLimit < 0)
            throw new AwsValidationException(field + ".burstLimit", BurstLimit.ToString(CultureInfo.InvariantCulture), "must be zero or more (requests)", "BadRequestException");
    }
}

/// <summary>
/// A token bucket on simulated time: starts full, refills at the rate limit, never holds more than the burst limit.
/// </summary>
public sealed class TokenBucket
{
    private double _tokens;
    private DateTimeOffset _last;

    /// <summary>Creates a full bucket.</summary>
    public TokenBucket(ThrottleSettings settings, DateTimeOffset now)
    {
        Settings = settings;
        _tokens = settings.BurstLimit;
        _last = now;
    }

    /// <summary>The bucket's settings.</summary>
    public ThrottleSettings Settings { get; }

    /// <summary>Tokens available at <paramref name="now"/> (after refilling).</summary>
    public double Available(DateTimeOffset now)
    {
        Refill(now);
        return _tokens;
    }

    /// <summary>True when a token is available at <paramref name="now"/> (does not take it).</summary>
    public bool CanTake(DateTimeOffset now) => Available(now) >= 1;

    /// <summary>Takes a token; false (and nothing taken) when the bucket is empty.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (!CanTake(now)) return false;
        _tokens -= 1;
        return true;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _last) return;
        _tokens = Math.Min(Settings.BurstLimit, _tokens + (now - _last).TotalSeconds * Settings.RateLimit);
        _last = now;
    }
}
