
namespace AwsSim.CloudFront;

/// <summary>Amazon CloudFront with Lambda@Edge: distributions whose cache behaviours run functions at four trigger points. Use it as <c>aws.CloudFront</c>.</summary>
public sealed class CloudFrontService
{
    private readonly AccountContext _aws;
    private readonly List<Distribution> _distributions = new();

    internal CloudFrontService(AccountContext aws, ILambdaInvoker? lambda)
    {
        _aws = aws;
        LambdaInvoker = lambda;
    }

    /// <summary>
    /// The Lambda that edge functions run on (synchronous <see cref="ILambdaInvoker.Invoke"/>): the account's
    /// <c>aws.Lambda</c>; a lesson or test may put a stand-in here.
    /// </summary>
    public ILambdaInvoker? LambdaInvoker { get; set; }

    internal SimulatedClock Clock => _aws.Clock;

    internal int Seed => _aws.Seed;

    /// <summary>The distributions, in creation order.</summary>
    public IReadOnlyList<Distribution> Distributions => _distributions;

    /// <summary>
    /// Creates a distribution (CreateDistribution) with an origin and cache behaviours; the last behaviour must be the
    /// default (<c>*</c>), and one is added when none is. Every Lambda@Edge association is checked with
    /// <see cref="LambdaEdge.ValidateAssociation"/>; at most one function per trigger point per behaviour.
    /// </summary>
    /// <param name="origin">What the origin answers for a request (see <see cref="Distribution.StaticOrigin"/>).</param>
    /// <param name="behaviors">Cache behaviours, most specific first.</param>
    public Distribution CreateDistribution(Func<CloudFrontRequest, CloudFrontResponse> origin, params CacheBehavior[] behaviors)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var list = behaviors.ToList();
        if (list.Count == 0 || list[^1].PathPattern != "*") list.Add(new CacheBehavior("*"));
        foreach (var b in list)
        {
            foreach (var a in b.Associations) LambdaEdge.ValidateAssociation(a);
            var duplicate = b.Associations.GroupBy(a => a.EventType).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new AwsValidationException("LambdaFunctionAssociations", duplicate.Key, "at most one function per trigger point in a cache behaviour", "InvalidLambdaFunctionAssociation");
        }
        // Ids and domain names shaped like CloudFront's (E2QWRUHEXAMPLE, d111111abcdef8.cloudfront.net), seeded.
        var random = new Random(unchecked(_aws.Seed * 31 + _distributions.Count * 7919 + 0xCF));
        var id = "E" + new string(Enumerable.Range(0, 13).Select(_ => "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[random.Next(36)]).ToArray());
        var domain = "d" + new string(Enumerable.Range(0, 13).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)]).ToArray()) + ".cloudfront.net";
        var d = new Distribution(this, id, domain, list, origin);
        _distributions.Add(d);
        return d;
    }
}
