using System.Security.Cryptography;
using System.Text;
using AwsSim.Ecr;

namespace AwsSim.Tests.Ecr;

public class EcrImageTests
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    private static readonly byte[] Layer1 = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
    private static readonly byte[] Layer2 = Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Digest_is_the_sha256_of_the_exact_manifest_bytes()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var image = aws.Ecr.PushImage("web", "1.0", Config, Layer1, Layer2);
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(image.ManifestBytes));
        Assert.Equal(expected, image.ImageDigest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", image.ImageDigest);
    }

    [Fact]
    public void Manifest_is_an_OCI_image_manifest_naming_blobs_by_their_sha256()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var image = aws.Ecr.PushImage("web", "1.0", Config, Layer1, Layer2);
        var m = OciManifest.Parse(image.ImageManifest);
        Assert.Equal(2, m.SchemaVersion);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", m.MediaType);
        Assert.Equal("application/vnd.oci.image.config.v1+json", m.Config.MediaType);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Config)), m.Config.Digest);
        Assert.Equal(Config.Length, m.Config.Size);
        Assert.Equal(["sha256:" + Convert.ToHexStringLower(SHA256.HashData(Layer1)), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Layer2))], m.Layers.Select(l => l.Digest));
        Assert.Equal(Layer1.Length + Layer2.Length, image.ImageSizeInBytes);
        Assert.Equal(Layer2, aws.Ecr.GetBlob("web", m.Layers[1].Digest));
    }

    [Fact]
    public void Put_image_with_hand_written_manifest_bytes_keeps_them_exactly()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var cfg = aws.Ecr.UploadBlob("web", Config);
        var l1 = aws.Ecr.UploadBlob("web", Layer1);
        var manifest = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n   \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \"" + cfg + "\", \"size\": " + Config.Length + "},\n   \"layers\": [{\"mediaType\": \"application/vnd.oci.image.layer.v1.tar+gzip\", \"digest\": \"" + l1 + "\", \"size\": " + Layer1.Length + "}]\n}";
        var bytes = Encoding.UTF8.GetBytes(manifest);
        var image = aws.Ecr.PutImage("web", bytes, "v1");
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), image.ImageDigest);
        Assert.Equal(bytes, aws.Ecr.Pull("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1").ManifestBytes);
    }

    [Fact]
    public void Manifest_referencing_missing_blobs_is_rejected()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var bytes = OciManifest.For(Config, [Layer1]).ToBytes();
        var ex = Assert.Throws<AwsException>(() => aws.Ecr.PutImage("web", bytes, "v1"));
        Assert.Equal("LayersNotFoundException", ex.ErrorCode);
    }

    [Fact]
    public void Pull_by_tag_and_by_digest_give_the_same_image()
    {
        var aws = new SimulatedAws();
        var repo = aws.Ecr.CreateRepository("team-a/web-app");
        var image = aws.Ecr.PushImage("team-a/web-app", "1.0", Config, Layer1);
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/team-a/web-app:1.0", repo.ImageUri("1.0"));
        Assert.Same(image, aws.Ecr.Pull(repo.ImageUri("1.0")));
        Assert.Same(image, aws.Ecr.Pull(image.UriByDigest("us-east-1")));
        var missing = Assert.Throws<AwsException>(() => aws.Ecr.Pull(repo.ImageUri("2.0")));
        Assert.Equal("ImageNotFoundException", missing.ErrorCode);
    }

    [Fact]
    public void Mutable_repo_moves_the_tag_and_leaves_the_old_image_untagged()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var v1 = aws.Ecr.PushSampleImage("web", "latest", "build-1");
        var v2 = aws.Ecr.PushSampleImage("web", "latest", "build-2");
        Assert.NotEqual(v1.ImageDigest, v2.ImageDigest);
        Assert.Empty(v1.ImageTags);
        Assert.Equal(["latest"], v2.ImageTags);
        Assert.Equal([v1.ImageDigest], aws.Ecr.DescribeImages("web", "UNTAGGED").Select(i => i.ImageDigest));
        Assert.Same(v2, aws.Ecr.BatchGetImage("web", imageTag: "latest"));
    }

    [Fact]
    public void Immutable_repo_refuses_to_move_a_tag()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web", "IMMUTABLE");
        aws.Ecr.PushSampleImage("web", "1.0", "build-1");
        var ex = Assert.Throws<AwsException>(() => aws.Ecr.PushSampleImage("web", "1.0", "build-2"));
        Assert.Equal("ImageTagAlreadyExistsException", ex.ErrorCode);
        // A new tag is fine.
        aws.Ecr.PushSampleImage("web", "1.1", "build-2");
        Assert.Equal(2, aws.Ecr.DescribeImages("web").Count);
    }

    [Fact]
    public void Deleting_the_last_tag_deletes_the_image_but_another_tag_keeps_it()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        var img = aws.Ecr.PushSampleImage("web", "1.0", "b");
        aws.Ecr.TagImage("web", img.ImageDigest, "stable");
        Assert.Equal(["1.0", "stable"], img.ImageTags);
        aws.Ecr.BatchDeleteImage("web", imageTag: "1.0");
        Assert.Single(aws.Ecr.DescribeImages("web"));
        aws.Ecr.BatchDeleteImage("web", imageTag: "stable");
        Assert.Empty(aws.Ecr.DescribeImages("web"));
        Assert.Equal(0, aws.Ecr.StorageBytes);
    }

    [Fact]
    public void Same_layers_are_stored_once()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        aws.Ecr.PushImage("web", "a", Config, Layer1);
        var before = aws.Ecr.StorageBytes;
        aws.Ecr.PushImage("web", "b", Encoding.UTF8.GetBytes("{\"os\":\"linux\"}"), Layer1);
        Assert.Equal(before + "{\"os\":\"linux\"}".Length, aws.Ecr.StorageBytes);
    }

    [Fact]
    public void Storage_is_billed_per_GB_month()
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("web");
        aws.Ecr.PushImage("web", "a", Config, new byte[1 << 20]); // 1 MiB layer + config
        var bytes = aws.Ecr.StorageBytes;
        aws.Clock.Advance(TimeSpan.FromHours(730));
        var line = aws.Ecr.BillStorage()!;
        Assert.Equal("ecr.storage", line.PriceKey);
        Assert.Equal(bytes / 1_073_741_824m, line.Quantity);
        Assert.Equal(line.Quantity * 0.10m, line.Amount);
        Assert.Null(aws.Ecr.BillStorage());
    }

    [Fact]
    public void Repository_picture_draws_each_shared_blob_once_and_marks_expiring_images()
    {
        var aws = new SimulatedAws();
        var repo = aws.Ecr.CreateRepository("web");
        aws.Ecr.PushImage("web", "a", Config, Layer1);
        aws.Ecr.PushImage("web", "b", Encoding.UTF8.GetBytes("{}"), Layer1);
        var expiring = aws.Ecr.GetLifecyclePolicyPreview("web", "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}");
        var svg = repo.ToSvg(expiring);
        System.Xml.Linq.XDocument.Parse(svg);
        Assert.Equal(2 + 3, System.Text.RegularExpressions.Regex.Matches(svg, "<rect").Count); // 2 manifests, 2 configs + 1 shared layer
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "EXPIRES"));
    }
}
