namespace AwsSim.Ecr;

/// <summary>An image in a repository: its manifest (by digest), its tags and when it was pushed.</summary>
public sealed class EcrImage
{
    internal EcrImage(string repositoryName, string registryId, string digest, byte[] manifest, string mediaType, long size, DateTimeOffset pushedAt, long sequence)
    {
        RepositoryName = repositoryName;
        RegistryId = registryId;
        ImageDigest = digest;
        ManifestBytes = manifest;
        ImageManifestMediaType = mediaType;
        ImageSizeInBytes = size;
        ImagePushedAt = pushedAt;
        PushSequence = sequence;
    }

    /// <summary>The repository it is in.</summary>
    public string RepositoryName { get; }

    /// <summary>The registry (account) id.</summary>
    public string RegistryId { get; }

    /// <summary><c>sha256:</c> of the manifest's exact bytes.</summary>
    public string ImageDigest { get; }

    /// <summary>Its tags, oldest first; empty when the image is untagged.</summary>
    public IReadOnlyList<string> ImageTags => _tags.ToArray();

    internal List<string> _tags { get; } = new();

    /// <summary>The manifest's exact bytes (hash them with SHA-256 to get <see cref="ImageDigest"/>).</summary>
    public byte[] ManifestBytes { get; }

    /// <summary>The manifest as text.</summary>
    public string ImageManifest => System.Text.Encoding.UTF8.GetString(ManifestBytes);

    /// <summary>The manifest's media type.</summary>
    public string ImageManifestMediaType { get; }

    /// <summary>Size of its layers in bytes (what DescribeImages reports).</summary>
    public long ImageSizeInBytes { get; }

    /// <summary>When it was pushed (simulated time).</summary>
    public DateTimeOffset ImagePushedAt { get; }

    /// <summary>Push order, for images pushed at the same instant.</summary>
    public long PushSequence { get; }

    /// <summary>The image's URI by digest.</summary>
    public string UriByDigest(string region) => new ImageReference(RegistryId, region, RepositoryName, null, ImageDigest).ToString();

    /// <inheritdoc />
    public override string ToString() => $"{RepositoryName}@{ImageDigest[..19]}… [{(_tags.Count == 0 ? "untagged" : string.Join(", ", _tags))}] {ImageSizeInBytes:#,0} bytes, pushed {ImagePushedAt:yyyy-MM-dd HH:mm}";
}
