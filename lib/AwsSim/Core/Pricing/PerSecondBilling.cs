namespace AwsSim;

/// <summary>
/// The one rule for per-second compute billing: whole seconds rounded up, at least 60 (EC2 Linux per-second billing
/// with a 60 s minimum, aws-facts §9; Fargate's one-minute minimum, aws-facts §6).
/// </summary>
internal static class PerSecondBilling
{
    public static long BilledSeconds(TimeSpan ran, string field = "duration")
    {
        if (ran < TimeSpan.Zero) throw new AwsValidationException(field, ran.ToString(), "must not be negative");
        return Math.Max(60L, (long)Math.Ceiling(ran.TotalSeconds - 1e-9));
    }
}
