using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim.Ecr;

/// <summary>
/// An OCI image manifest (<c>application/vnd.oci.image.manifest.v1+json</c>): the image's config blob and its layer
/// blobs, each named by the sha256 digest of its bytes. ECR's image digest is the sha256 of the manifest's exact bytes.
/// </summary>
public sealed record OciManifest
{
    /// <summary>The manifest's media type.</summary>
    public const string MediaTypeManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The config blob's media type.</summary>
    public const string MediaTypeConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>A gzip-compressed layer's media type.</summary>
    public const string MediaTypeLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;

    /// <summary>The manifest's media type.</summary>
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; } = MediaTypeManifest;

    /// <summary>The image configuration blob.</summary>
    [JsonPropertyName("config")] public OciDescriptor Config { get; init; } = new();

    /// <summary>The filesystem layers, base first.</summary>
    [JsonPropertyName("layers")] public IReadOnlyList<OciDescriptor> Layers { get; init; } = Array.Empty<OciDescriptor>();

    /// <summary>Fields not modelled here, kept on a round trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>A manifest for a config blob and layer blobs (their digests are computed from the bytes).</summary>
    public static OciManifest For(byte[] config, IEnumerable<byte[]> layers)
        => new()
        {
            Config = OciDescriptor.For(MediaTypeConfig, config),
            Layers = layers.Select(l => OciDescriptor.For(MediaTypeLayer, l)).ToList(),
        };

    /// <summary>The manifest's bytes: compact UTF-8 JSON, the exact bytes whose sha256 is the image digest.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, AwsJson.Options));

    /// <summary>Reads a manifest (byte-order mark tolerated).</summary>
    public static OciManifest Parse(string json) => AwsJson.Deserialize<OciManifest>(json);

    /// <summary><c>sha256:&lt;64 lower-case hex&gt;</c> of <paramref name="bytes"/>: how registries name blobs and manifests.</summary>
    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest of a string's UTF-8 bytes (no byte-order mark added).</summary>
    public static string Digest(string text) => Digest(Encoding.UTF8.GetBytes(text));
}

/// <summary>An OCI content descriptor: what a blob is, its digest and its size in bytes.</summary>
public sealed record OciDescriptor
{
    /// <summary>The blob's media type.</summary>
    [JsonPropertyName("mediaType")] public string MediaType { get; init; } = "";

    /// <summary><c>sha256:…</c> of the blob's bytes.</summary>
    [JsonPropertyName("digest")] public string Digest { get; init; } = "";

    /// <summary>The blob's size in bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; init; }

    /// <summary>Fields not modelled here (annotations, platform…), kept on a round trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>A descriptor for a blob's bytes.</summary>
    public static OciDescriptor For(string mediaType, byte[] blob) => new() { MediaType = mediaType, Digest = OciManifest.Digest(blob), Size = blob.LongLength };
}
