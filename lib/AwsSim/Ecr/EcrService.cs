using System.Globalization;
using System.Text;

namespace AwsSim.Ecr;

/// <summary>
/// Amazon ECR in the simulated account: one private registry (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com</c>)
/// with repositories, content-addressed blobs, OCI image manifests named by their sha256 digest, tags (mutable or
/// immutable), lifecycle policies with a preview, and storage on the bill.
/// </summary>
/// <remarks>
/// Storage billing: bytes stored are integrated over simulated time; <see cref="BillStorage"/> adds a line for the
/// GB-months since the last call (GB = 2^30 bytes; a month = 730 hours, the course's convention for monthly figures).
/// Call it at the end of a month (or of a lesson). The 500 MB new-customer free tier is not applied.
/// </remarks>
public sealed class EcrService
{
    /// <summary>The hours in a billing month, as the course counts them.</summary>
    public const decimal HoursPerMonth = 730m;

    private readonly AccountContext _aws;
    private readonly Dictionary<string, EcrRepository> _repos = new(StringComparer.Ordinal);
    private long _sequence;
    private DateTimeOffset _accruedTo;
    private decimal _byteHours;

    internal EcrService(AccountContext aws)
    {
        _aws = aws;
        _accruedTo = aws.Clock.Now;
    }

    /// <summary>The registry id (the account id).</summary>
    public string RegistryId => _aws.AccountId;

    /// <summary>The registry host, e.g. <c>123456789012.dkr.ecr.us-east-1.amazonaws.com</c>.</summary>
    public string RegistryUri => ImageReference.RegistryHost(_aws.AccountId, _aws.Region);

    /// <summary>Creates a repository. Names follow ECR's rules (<see cref="EcrNames"/>).</summary>
    /// <param name="repositoryName">2–256 characters, e.g. <c>team-a/web-app</c>.</param>
    /// <param name="imageTagMutability"><c>MUTABLE</c> (default) or <c>IMMUTABLE</c>.</param>
    public EcrRepository CreateRepository(string repositoryName, string imageTagMutability = "MUTABLE")
    {
        EcrNames.ValidateRepositoryName(repositoryName);
        Validate.OneOf("imageTagMutability", imageTagMutability, "MUTABLE", "IMMUTABLE");
        if (_repos.ContainsKey(repositoryName))
        {
            throw new AwsException("RepositoryAlreadyExistsException", $"The repository with name '{repositoryName}' already exists in the registry with id '{RegistryId}'");
        }
        var repo = new EcrRepository(repositoryName, RegistryId, _aws.Region, imageTagMutability, _aws.Clock.Now);
        _repos[repositoryName] = repo;
        return repo;
    }

    /// <summary>Every repository, by name.</summary>
    public IReadOnlyList<EcrRepository> DescribeRepositories() => _repos.Values.OrderBy(r => r.RepositoryName, StringComparer.Ordinal).ToList();

    /// <summary>One repository; <c>RepositoryNotFoundException</c> when there is none.</summary>
    public EcrRepository GetRepository(string repositoryName)
        => _repos.TryGetValue(repositoryName, out var r) ? r
            : throw new AwsException("RepositoryNotFoundException", $"The repository with name '{repositoryName}' does not exist in the registry with id '{RegistryId}'");

    /// <summary>Changes tag mutability.</summary>
    public void PutImageTagMutability(string repositoryName, string imageTagMutability)
        => GetRepository(repositoryName).ImageTagMutability = Validate.OneOf("imageTagMutability", imageTagMutability, "MUTABLE", "IMMUTABLE");

    /// <summary>Deletes a repository; with images in it only when <paramref name="force"/> (<c>RepositoryNotEmptyException</c> otherwise).</summary>
    public void DeleteRepository(string repositoryName, bool force = false)
    {
        var repo = GetRepository(repositoryName);
        if (repo._images.Count > 0 && !force)
        {
            throw new AwsException("RepositoryNotEmptyException", $"The repository with name '{repositoryName}' in registry with id '{RegistryId}' cannot be deleted because it still contains images");
        }
        Accrue();
        _repos.Remove(repositoryName);
    }

    /// <summary>Stores a blob (a layer or a config) and returns its digest. Storing the same bytes twice stores them once.</summary>
    public string UploadBlob(string repositoryName, byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var repo = GetRepository(repositoryName);
        var digest = OciManifest.Digest(blob);
        repo._blobs.TryAdd(digest, blob);
        return digest;
    }

    /// <summary>
    /// Pushes an image the way <c>docker push</c> does: uploads the config and layer blobs, writes an OCI image manifest
    /// referencing them by digest, and puts it with <paramref name="tag"/> (null for an untagged image).
    /// </summary>
    public EcrImage PushImage(string repositoryName, string? tag, byte[] config, params byte[][] layers)
    {
        foreach (var b in layers.Prepend(config)) UploadBlob(repositoryName, b);
        return PutImage(repositoryName, OciManifest.For(config, layers).ToBytes(), tag);
    }

    /// <summary>
    /// Pushes a small made-up image: a config naming <paramref name="label"/> and one layer of <paramref name="layerBytes"/>
    /// deterministic bytes. Different labels give different digests. Handy for lessons and tests.
    /// </summary>
    public EcrImage PushSampleImage(string repositoryName, string? tag, string label, int layerBytes = 1024)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"course\":\"{label}\"}}}}}}");
        var layer = new byte[layerBytes];
        new Random(Stable(label)).NextBytes(layer);
        return PushImage(repositoryName, tag, config, layer);
    }

    /// <summary>
    /// Puts an image manifest (AWS's PutImage). Its digest is the sha256 of <paramref name="manifest"/>'s exact bytes. With a
    /// tag: on an <c>IMMUTABLE</c> repository a tag already in use fails with <c>ImageTagAlreadyExistsException</c>; on a
    /// <c>MUTABLE</c> one the tag moves to this image and the old image keeps its other tags (or becomes untagged).
    /// </summary>
    public EcrImage PutImage(string repositoryName, byte[] manifest, string? tag = null, string mediaType = OciManifest.MediaTypeManifest)
    {
        var repo = GetRepository(repositoryName);
        if (tag is not null) EcrNames.ValidateTag(tag);
        if (manifest.Length > 4_194_304) throw new AwsValidationException("imageManifest", $"{manifest.Length} bytes", "must be at most 4,194,304 bytes", "InvalidParameterException");
        OciManifest parsed;
        try { parsed = OciManifest.Parse(Encoding.UTF8.GetString(manifest)); }
        catch (System.Text.Json.JsonException ex) { throw new AwsException("InvalidParameterException", "imageManifest is not a valid image manifest: " + ex.Message); }
        var missing = parsed.Layers.Select(l => l.Digest).Prepend(parsed.Config.Digest).Where(d => !repo._blobs.ContainsKey(d)).ToList();
        if (missing.Count > 0) throw new AwsException("LayersNotFoundException", "The image manifest references blobs that were not uploaded: " + string.Join(", ", missing));
        var digest = OciManifest.Digest(manifest);
        Accrue();
        if (!repo._images.TryGetValue(digest, out var image))
        {
            var size = parsed.Layers.Sum(l => l.Size);
            image = new EcrImage(repositoryName, RegistryId, digest, manifest.ToArray(), mediaType, size, _aws.Clock.Now, ++_sequence);
            if (tag is not null) MoveTag(repo, tag, image);
            repo._images[digest] = image;
        }
        else if (tag is null || image._tags.Contains(tag))
        {
            throw new AwsException("ImageAlreadyExistsException", $"Image with digest '{digest}'{(tag is null ? "" : $" and tag '{tag}'")} already exists in the repository with name '{repositoryName}' in registry with id '{RegistryId}'");
        }
        else
        {
            MoveTag(repo, tag, image);
        }
        return image;
    }

    /// <summary>Adds a tag to an existing image (a re-tag: PutImage with the same manifest and a new tag).</summary>
    public EcrImage TagImage(string repositoryName, string imageDigest, string tag)
        => PutImage(repositoryName, BatchGetImage(repositoryName, imageDigest: imageDigest).ManifestBytes, tag);

    /// <summary>Finds an image by tag or by digest (what <c>docker pull</c> resolves); <c>ImageNotFoundException</c> when absent.</summary>
    public EcrImage BatchGetImage(string repositoryName, string? imageTag = null, string? imageDigest = null)
    {
        var repo = GetRepository(repositoryName);
        if ((imageTag is null) == (imageDigest is null)) throw new AwsValidationException("imageIds", null, "give exactly one of imageTag or imageDigest", "InvalidParameterException");
        EcrImage? found = imageDigest is not null
            ? repo._images.GetValueOrDefault(imageDigest)
            : repo._tags.TryGetValue(imageTag!, out var d) ? repo._images[d] : null;
        return found ?? throw new AwsException("ImageNotFoundException", $"The image with imageId {{{(imageTag is null ? "imageDigest:'" + imageDigest : "imageTag:'" + imageTag)}'}} does not exist within the repository with name '{repositoryName}' in the registry with id '{RegistryId}'");
    }

    /// <summary>Pulls an image by its URI (tag or digest), as ECS does when it starts a task.</summary>
    public EcrImage Pull(string imageUri)
    {
        var r = ImageReference.Parse(imageUri);
        if (r.RegistryId != RegistryId || r.Region != _aws.Region)
        {
            throw new AwsException("RepositoryNotFoundException", $"{imageUri} is not in this registry ({RegistryUri})");
        }
        return BatchGetImage(r.RepositoryName, r.Tag, r.Digest);
    }

    /// <summary>The blob with this digest (a layer or a config), e.g. to check that its sha256 matches.</summary>
    public byte[] GetBlob(string repositoryName, string digest)
        => GetRepository(repositoryName)._blobs.TryGetValue(digest, out var b) ? b.ToArray()
            : throw new AwsException("LayersNotFoundException", $"No blob {digest} in {repositoryName}");

    /// <summary>Lists images; <paramref name="tagStatus"/> is <c>TAGGED</c>, <c>UNTAGGED</c> or <c>ANY</c>.</summary>
    public IReadOnlyList<EcrImage> DescribeImages(string repositoryName, string tagStatus = "ANY")
    {
        Validate.OneOf("filter.tagStatus", tagStatus, "TAGGED", "UNTAGGED", "ANY");
        return GetRepository(repositoryName).Images
            .Where(i => tagStatus == "ANY" || (tagStatus == "TAGGED") == (i._tags.Count > 0)).ToList();
    }

    /// <summary>
    /// Deletes by tag or by digest. Deleting a tag removes the tag; deleting an image's last tag deletes the image; deleting
    /// by digest deletes the image and all its tags.
    /// </summary>
    public void BatchDeleteImage(string repositoryName, string? imageTag = null, string? imageDigest = null)
    {
        var repo = GetRepository(repositoryName);
        var image = BatchGetImage(repositoryName, imageTag, imageDigest);
        Accrue();
        if (imageTag is not null && image._tags.Count > 1)
        {
            image._tags.Remove(imageTag);
            repo._tags.Remove(imageTag);
            return;
        }
        RemoveImage(repo, image);
    }

    /// <summary>Sets a lifecycle policy after validating it (errors name the offending field).</summary>
    public LifecyclePolicy PutLifecyclePolicy(string repositoryName, string lifecyclePolicyText)
    {
        var repo = GetRepository(repositoryName);
        var policy = LifecyclePolicy.Parse(lifecyclePolicyText);
        repo.LifecyclePolicy = policy;
        return policy;
    }

    /// <summary>
    /// What a lifecycle policy would expire now (AWS's lifecycle policy preview), each image with the rule and the reason.
    /// With no <paramref name="lifecyclePolicyText"/> the repository's own policy is previewed.
    /// </summary>
    public IReadOnlyList<LifecycleExpiration> GetLifecyclePolicyPreview(string repositoryName, string? lifecyclePolicyText = null)
    {
        var repo = GetRepository(repositoryName);
        var policy = lifecyclePolicyText is null
            ? repo.LifecyclePolicy ?? throw new AwsException("LifecyclePolicyNotFoundException", $"Lifecycle policy does not exist for the repository with name '{repositoryName}' in the registry with id '{RegistryId}'")
            : LifecyclePolicy.Parse(lifecyclePolicyText);
        return policy.Evaluate(repo._images.Values, _aws.Clock.Now);
    }

    /// <summary>
    /// Applies the repository's lifecycle policy now and returns what it expired. (AWS applies policies within 24 hours;
    /// the simulator does it when you call this, so lessons stay deterministic.)
    /// </summary>
    public IReadOnlyList<LifecycleExpiration> ApplyLifecyclePolicy(string repositoryName)
    {
        var repo = GetRepository(repositoryName);
        var expired = GetLifecyclePolicyPreview(repositoryName);
        Accrue();
        foreach (var e in expired) RemoveImage(repo, repo._images[e.ImageDigest]);
        return expired;
    }

    /// <summary>Bytes stored now across all repositories.</summary>
    public long StorageBytes => _repos.Values.Sum(r => r.StorageBytes);

    /// <summary>
    /// Adds the storage used since the last call to the bill, in GB-months at the <c>ecr.storage</c> price, and returns the
    /// line (null when nothing was stored).
    /// </summary>
    public LineItem? BillStorage()
    {
        Accrue();
        if (_byteHours == 0) return null;
        var gbMonths = _byteHours / 1_073_741_824m / HoursPerMonth;
        _byteHours = 0;
        var line = LineItem.From(_aws.Prices.Get("ecr.storage"), "Private repository storage", gbMonths, "GB = 2^30 bytes; month = 730 hours");
        _aws.Bill.Add(line);
        return line;
    }

    private void Accrue()
    {
        var now = _aws.Clock.Now;
        if (now > _accruedTo) _byteHours += StorageBytes * (decimal)(now - _accruedTo).TotalHours;
        _accruedTo = now;
    }

    private static void MoveTag(EcrRepository repo, string tag, EcrImage image)
    {
        if (repo._tags.TryGetValue(tag, out var oldDigest) && oldDigest != image.ImageDigest)
        {
            if (repo.ImageTagMutability == "IMMUTABLE")
            {
                throw new AwsException("ImageTagAlreadyExistsException", $"The image tag '{tag}' already exists in the '{repo.RepositoryName}' repository and cannot be overwritten because the repository is immutable.");
            }
            repo._images[oldDigest]._tags.Remove(tag);
        }
        repo._tags[tag] = image.ImageDigest;
        if (!image._tags.Contains(tag)) image._tags.Add(tag);
    }

    private static void RemoveImage(EcrRepository repo, EcrImage image)
    {
        foreach (var t in image._tags) repo._tags.Remove(t);
        image._tags.Clear();
        repo._images.Remove(image.ImageDigest);
        var still = repo._images.Values.SelectMany(EcrRepository.Referenced).ToHashSet(StringComparer.Ordinal);
        foreach (var d in repo._blobs.Keys.Where(d => !still.Contains(d)).ToList()) repo._blobs.Remove(d);
    }

    private static int Stable(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ECR {RegistryUri}: {_repos.Count} repositories, {StorageBytes:#,0} bytes");
}
