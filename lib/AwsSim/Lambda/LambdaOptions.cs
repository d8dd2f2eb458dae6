namespace AwsSim.Lambda;

/// <summary>
/// AWS Lambda's account settings and the simulator's own choices. Pass them in <see cref="SimulatedAwsOptions.Lambda"/>;
/// they are checked when the account is built and fixed for its life.
/// </summary>
public sealed record LambdaOptions
{
    /// <summary>
    /// AWS default: the Region's concurrency quota is 1,000 (adjustable on AWS by a quota request; new accounts may get less).
    /// </summary>
    public int AccountConcurrencyLimit { get; init; } = 1_000;

    /// <summary>AWS rule: reserving concurrency must leave at least 100 unreserved.</summary>
    public int MinimumUnreservedConcurrency { get; init; } = 100;

    /// <summary>
    /// Simulation choice: how long an idle execution environment lives before Lambda reclaims it. AWS does not document
    /// it; observers report minutes. Each environment draws its lifetime from this range with the account's seed (5–15 min).
    /// </summary>
    public (TimeSpan Min, TimeSpan Max) IdleLifetimeRange { get; init; } = (TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));

    /// <summary>
    /// Simulation choice: chance (0–1) that the asynchronous queue delivers an event twice. AWS says duplicates are
    /// possible because the queue is eventually consistent; 0 by default so runs are easy to follow.
    /// </summary>
    public double DuplicateDeliveryRate { get; init; }

    /// <summary>AWS default: the monthly free tier applies to the bill (on).</summary>
    public bool FreeTier { get; init; } = true;

    /// <summary>
    /// Simulation choice: how often Lambda's charges are posted to <c>aws.Bill</c>: zero (default) posts after every
    /// instant with usage; a longer interval (e.g. one minute) keeps the bill short in simulations of millions of invocations.
    /// </summary>
    public TimeSpan BillingInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Simulation choice: how many invocations' logs each function keeps (CloudWatch keeps all; default 10,000).</summary>
    public int LogRetentionInvocations { get; init; } = 10_000;

    internal void Validate()
    {
        AwsSim.Validate.Range("Lambda.AccountConcurrencyLimit", AccountConcurrencyLimit, 1, 1_000_000, "concurrent executions");
        AwsSim.Validate.Range("Lambda.MinimumUnreservedConcurrency", MinimumUnreservedConcurrency, 0, AccountConcurrencyLimit, "concurrent executions, at most AccountConcurrencyLimit");
        OptionChecks.Duration("Lambda.IdleLifetimeRange.Min", IdleLifetimeRange.Min);
        OptionChecks.Duration("Lambda.IdleLifetimeRange.Max", IdleLifetimeRange.Max);
        if (IdleLifetimeRange.Max < IdleLifetimeRange.Min)
        {
            throw new AwsValidationException("Lambda.IdleLifetimeRange", $"{IdleLifetimeRange.Min}..{IdleLifetimeRange.Max}", "Max must not be below Min");
        }
        OptionChecks.Fraction("Lambda.DuplicateDeliveryRate", DuplicateDeliveryRate);
        OptionChecks.Duration("Lambda.BillingInterval", BillingInterval, TimeSpan.FromDays(31));
        AwsSim.Validate.Range("Lambda.LogRetentionInvocations", LogRetentionInvocations, 0, 10_000_000, "invocations");
    }
}
