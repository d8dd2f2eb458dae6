using System.Text.RegularExpressions;

namespace AwsSim.Ecr;

/// <summary>
/// An ECR image URI: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repository&gt;:&lt;tag&gt;</c> or
/// <c>…/&lt;repository&gt;@sha256:&lt;64 hex&gt;</c> (aws-facts §7).
/// </summary>
/// <param name="RegistryId">The 12-digit account id (the registry id).</param>
/// <param name="Region">The Region, e.g. <c>us-east-1</c>.</param>
/// <param name="RepositoryName">The repository, e.g. <c>team-a/web-app</c>.</param>
/// <param name="Tag">The tag, or null when the reference is by digest.</param>
/// <param name="Digest">The digest (<c>sha256:…</c>), or null when the reference is by tag.</param>
public sealed partial record ImageReference(string RegistryId, string Region, string RepositoryName, string? Tag, string? Digest)
{
    [GeneratedRegex(@"^(?<acct>\d{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com/(?<repo>[^:@]+)(?::(?<tag>[^:@/]+)|@(?<digest>sha256:[0-9a-f]{64}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UriRegex();

    /// <summary>The registry's host: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com</c>.</summary>
    public string RegistryUri => RegistryHost(RegistryId, Region);

    /// <summary>The repository URI (no tag or digest).</summary>
    public string RepositoryUri => $"{RegistryUri}/{RepositoryName}";

    /// <summary>The registry host for an account and Region.</summary>
    public static string RegistryHost(string accountId, string region) => $"{accountId}.dkr.ecr.{region}.amazonaws.com";

    /// <summary>Reads an image URI; a URI without a tag or digest means the tag <c>latest</c>, as Docker reads it.</summary>
    public static ImageReference Parse(string uri, string field = "image")
    {
        var m = UriRegex().Match(uri ?? "");
        if (!m.Success)
        {
            throw new AwsValidationException(field, uri, "must be an ECR image URI: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or …/<repository>@sha256:<64 hex digits>", "InvalidParameterException");
        }
        var repo = EcrNames.ValidateRepositoryName(m.Groups["repo"].Value, field + " (repository)");
        var digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : null;
        var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : digest is null ? "latest" : null;
        return new ImageReference(m.Groups["acct"].Value, m.Groups["region"].Value, repo, tag, digest);
    }

    /// <summary>Reads an image URI, or returns null when it is not an ECR URI (e.g. <c>public.ecr.aws/nginx/nginx</c>).</summary>
    public static ImageReference? TryParse(string? uri)
    {
        try { return uri is null ? null : Parse(uri); }
        catch (AwsValidationException) { return null; }
    }

    /// <summary>The URI: by digest when there is one, else by tag.</summary>
    public override string ToString() => Digest is not null ? $"{RepositoryUri}@{Digest}" : $"{RepositoryUri}:{Tag}";
}
