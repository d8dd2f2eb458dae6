namespace Exercises.Ecr;

/// <summary>Exercise <c>ecr.lifecycle</c>: write a lifecycle policy that keeps the last N release images.</summary>
public static class KeepLastReleases
{
    /// <summary>
    /// Return an ECR lifecycle policy (AWS's JSON text) that: keeps only the newest <paramref name="n"/> images with a tag
    /// starting with <c>release-</c> (older release images expire); expires untagged images pushed more than 7 days ago;
    /// and never expires any other tagged image (for example <c>dev-…</c> or <c>latest</c>).
    /// </summary>
    /// <remarks>
    /// The shape: <c>{"rules":[{"rulePriority":1,"description":"…","selection":{"tagStatus":"tagged","tagPrefixList":["release-"],
    /// "countType":"imageCountMoreThan","countNumber":N},"action":{"type":"expire"}}, …]}</c>. Untagged images:
    /// <c>"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7</c>. The check loads your
    /// policy into a repository with a dozen images and lists what the lifecycle preview would expire.
    /// </remarks>
    public static string Policy(int n)
    {
        throw new NotImplementedException();
    }
}
