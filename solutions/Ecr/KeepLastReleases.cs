using System.Globalization;

namespace Exercises.Ecr;

/// <summary>Exercise <c>ecr.lifecycle</c>: write a lifecycle policy that keeps the last N release images.</summary>
public static class KeepLastReleases
{
    /// <summary>Reference answer: one tagged rule for release-, one untagged rule by age.</summary>
    public static string Policy(int n) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"rules": [
          {"rulePriority": 1, "description": "Keep the newest {{{n}}} release images",
           "selection": {"tagStatus": "tagged", "tagPrefixList": ["release-"], "countType": "imageCountMoreThan", "countNumber": {{{n}}}},
           "action": {"type": "expire"}},
          {"rulePriority": 2, "description": "Expire untagged images older than 7 days",
           "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
           "action": {"type": "expire"}}
        ]}
        """);
}
