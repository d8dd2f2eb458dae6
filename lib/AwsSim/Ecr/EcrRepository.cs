namespace AwsSim.Ecr;

/// <summary>A private repository: images (manifests by digest), tags pointing at them, and content-addressed blobs.</summary>
[AwsSim.Display.TypeFormatterSource(typeof(AwsSim.Display.HtmlFormatterSource))]
public sealed class EcrRepository
{
    internal EcrRepository(string name, string registryId, string region, string tagMutability, DateTimeOffset createdAt)
    {
        RepositoryName = name;
        RegistryId = registryId;
        Region = region;
        ImageTagMutability = tagMutability;
        CreatedAt = createdAt;
    }

    /// <summary>The name, e.g. <c>team-a/web-app</c>.</summary>
    public string RepositoryName { get; }

    /// <summary>The registry (account) id.</summary>
    public string RegistryId { get; }

    /// <summary>The Region.</summary>
    public string Region { get; }

    /// <summary><c>MUTABLE</c> (default) or <c>IMMUTABLE</c>.</summary>
    public string ImageTagMutability { get; internal set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The ARN: <c>arn:aws:ecr:&lt;region&gt;:&lt;account&gt;:repository/&lt;name&gt;</c>.</summary>
    public string RepositoryArn => $"arn:aws:ecr:{Region}:{RegistryId}:repository/{RepositoryName}";

    /// <summary>The repository URI, e.g. <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/web</c>.</summary>
    public string RepositoryUri => $"{ImageReference.RegistryHost(RegistryId, Region)}/{RepositoryName}";

    /// <summary>The lifecycle policy, if one is set.</summary>
    public LifecyclePolicy? LifecyclePolicy { get; internal set; }

    /// <summary>The images, oldest push first.</summary>
    public IReadOnlyList<EcrImage> Images => _images.Values.OrderBy(i => i.PushSequence).ToList();

    /// <summary>Bytes stored: every distinct blob (config and layers) that some image references, counted once.</summary>
    public long StorageBytes
        => _images.Values.SelectMany(i => Referenced(i)).Distinct(StringComparer.Ordinal).Sum(d => _blobs.TryGetValue(d, out var b) ? b.LongLength : 0);

    internal Dictionary<string, EcrImage> _images { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, byte[]> _blobs { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, string> _tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The repository as SVG (tags → manifests → blobs), see <see cref="EcrPicture"/>.</summary>
    public string ToSvg(IEnumerable<LifecycleExpiration>? expiring = null) => EcrPicture.Svg(this, expiring);

    /// <summary>The URI of an image by tag.</summary>
    public string ImageUri(string tag) => $"{RepositoryUri}:{tag}";

    internal static IEnumerable<string> Referenced(EcrImage image)
    {
        var m = OciManifest.Parse(image.ImageManifest);
        yield return m.Config.Digest;
        foreach (var l in m.Layers) yield return l.Digest;
    }

    /// <inheritdoc />
    public override string ToString() => $"{RepositoryUri} ({ImageTagMutability}, {_images.Count} images)";
}
