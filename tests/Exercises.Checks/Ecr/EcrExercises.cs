using AwsSim;
using Exercises.Ecr;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Ecr;

/// <summary>The ECR exercises (lesson 03).</summary>
public sealed class EcrExercises : IExerciseSet
{
    /// <inheritdoc />
    public string Lesson => "03-ecr";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("ecr.digest", "Compute an image digest from manifest bytes", 2, "exercises/Ecr/ManifestDigest.cs",
            () => Each(
                new[]
                {
                    "{\"schemaVersion\":2}",
                    "{\"schemaVersion\": 2}",
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[]}",
                    "{\n   \"schemaVersion\": 2,\n   \"layers\": []\n}\n",
                    "{\"annotations\":{\"org.opencontainers.image.title\":\"café\"}}",
                },
                c => c.Length <= 30 ? c.Replace("\n", "\\n") : Inv($"{c.Length}-character manifest"),
                ManifestDigest.Of,
                r => r),
            [
                "A digest names the manifest's exact bytes: it is a hash, written as algorithm:hex.",
                "ECR uses SHA-256 over the manifest's UTF-8 bytes; .NET has it in System.Security.Cryptography.",
                "The hex is lower case after the \"sha256:\" prefix: compare yours with the digest the lesson's push printed.",
            ]),

        new("ecr.lifecycle", "A lifecycle policy keeping the last N release images", 4, "exercises/Ecr/KeepLastReleases.cs",
            () => Each(
                new[] { 1, 2, 3, 5, 10 },
                n => Inv($"keep the newest {n} release-* image(s)"),
                n => Preview(KeepLastReleases.Policy(n)),
                r => r),
            [
                "Preview a policy before you trust it: the lesson's lifecycle preview says which images each rule expires and why.",
                "Release images and untagged images need different rules: one keeps a count, the other looks at age.",
                "Pick the release images by their tag prefix; a rule for any tag status would touch the dev images too.",
            ]),
    ];

    /// <summary>What the policy would expire in a fixed repository of a dozen images (by name, oldest first).</summary>
    private static string Preview(string policy)
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("shop");
        var names = new Dictionary<string, string>();
        var images = new (string Name, string? Tag, int DaysAgo)[]
        {
            ("release-1", "release-1", 40), ("dev-1", "dev-1", 35), ("release-2", "release-2", 30), ("old-untagged", null, 25),
            ("release-3", "release-3", 20), ("dev-2", "dev-2", 15), ("release-4", "release-4", 10), ("untagged-8d", null, 8),
            ("release-5", "release-5", 5), ("latest", "latest", 4), ("untagged-3d", null, 3), ("release-6", "release-6", 1),
        };
        foreach (var (name, tag, daysAgo) in images)
        {
            aws.Clock.AdvanceTo(SimulatedClock.DefaultStart + TimeSpan.FromDays(40 - daysAgo));
            names[aws.Ecr.PushSampleImage("shop", tag, name).ImageDigest] = name;
        }
        aws.Clock.AdvanceTo(SimulatedClock.DefaultStart + TimeSpan.FromDays(40));
        var expired = aws.Ecr.GetLifecyclePolicyPreview("shop", policy).Select(e => names[e.ImageDigest]);
        return "expires: " + string.Join(", ", expired.OrderBy(n => Array.FindIndex(images, i => i.Name == n)));
    }
}
