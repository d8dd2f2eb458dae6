using AwsSim.Ecr;

namespace AwsSim.Tests.Ecr;

/// <summary>The ECR user guide's lifecycle policy examples (awsdocs/amazon-ecr-user-guide, lifecycle_policy_examples.md).</summary>
public class LifecyclePolicyTests
{
    private static string Rule(int priority, string tagStatus, string? prefixes, string countType, int count)
        => "{\"rulePriority\": " + priority + ", \"description\": \"r" + priority + "\", \"selection\": {\"tagStatus\": \"" + tagStatus + "\""
           + (prefixes is null ? "" : ", \"tagPrefixList\": [" + prefixes + "]")
           + ", \"countType\": \"" + countType + "\"" + (countType == "sinceImagePushed" ? ", \"countUnit\": \"days\"" : "")
           + ", \"countNumber\": " + count + "}, \"action\": {\"type\": \"expire\"}}";

    private static string Policy(params string[] rules) => "{\"rules\": [" + string.Join(",", rules) + "]}";

    /// <summary>Pushes images named A, B, C… with their tags, <c>daysAgo</c> before the end, and returns them by name.</summary>
    private static (SimulatedAws Aws, Dictionary<string, EcrImage> Images) Repo(params (string Name, string[] Tags, int DaysAgo)[] images)
    {
        var aws = new SimulatedAws();
        aws.Ecr.CreateRepository("app");
        var byName = new Dictionary<string, EcrImage>();
        var max = images.Max(i => i.DaysAgo);
        foreach (var (name, tags, daysAgo) in images.OrderByDescending(i => i.DaysAgo))
        {
            aws.Clock.AdvanceTo(SimulatedClock.DefaultStart + TimeSpan.FromDays(max - daysAgo));
            var img = aws.Ecr.PushSampleImage("app", tags.FirstOrDefault(), "image-" + name);
            foreach (var t in tags.Skip(1)) aws.Ecr.TagImage("app", img.ImageDigest, t);
            byName[name] = img;
        }
        aws.Clock.AdvanceTo(SimulatedClock.DefaultStart + TimeSpan.FromDays(max));
        return (aws, byName);
    }

    private static string[] Expired(SimulatedAws aws, Dictionary<string, EcrImage> images, string policy)
        => aws.Ecr.GetLifecyclePolicyPreview("app", policy).Select(e => images.Single(kv => kv.Value.ImageDigest == e.ImageDigest).Key).Order().ToArray();

    [Fact]
    public void Multiple_rules_example_A_expires_only_image_A()
    {
        var (aws, images) = Repo(("A", ["beta-1", "prod-1"], 10), ("B", ["beta-2", "prod-2"], 9), ("C", ["beta-3"], 8));
        var policy = Policy(Rule(1, "tagged", "\"prod\"", "imageCountMoreThan", 1), Rule(2, "tagged", "\"beta\"", "imageCountMoreThan", 1));
        Assert.Equal(["A"], Expired(aws, images, policy));
        Assert.Equal(1, aws.Ecr.GetLifecyclePolicyPreview("app", policy).Single().AppliedRulePriority);
    }

    [Fact]
    public void Multiple_rules_example_B_expires_A_and_B()
    {
        var (aws, images) = Repo(("A", ["beta-1", "prod-1"], 10), ("B", ["beta-2", "prod-2"], 9), ("C", ["beta-3"], 8));
        var policy = Policy(Rule(1, "tagged", "\"beta\"", "imageCountMoreThan", 1), Rule(2, "tagged", "\"prod\"", "imageCountMoreThan", 1));
        Assert.Equal(["A", "B"], Expired(aws, images, policy));
        Assert.All(aws.Ecr.GetLifecyclePolicyPreview("app", policy), e => Assert.Equal(1, e.AppliedRulePriority));
    }

    [Fact]
    public void Multiple_prefixes_must_all_match_and_age_counts_example_A()
    {
        var (aws, images) = Repo(("A", ["alpha-1"], 12), ("B", ["beta-1"], 11), ("C", ["alpha-2", "beta-2"], 10),
            ("D", ["alpha-3"], 4), ("E", ["beta-3"], 3), ("F", ["alpha-4", "beta-4"], 2));
        Assert.Equal(["C"], Expired(aws, images, Policy(Rule(1, "tagged", "\"alpha\", \"beta\"", "sinceImagePushed", 5))));
    }

    [Fact]
    public void Tags_are_not_exclusive_example_B()
    {
        var (aws, images) = Repo(("A", ["alpha-1", "beta-1", "gamma-1"], 10), ("B", ["alpha-2", "beta-2"], 9), ("C", ["alpha-3", "beta-3", "gamma-2"], 8));
        Assert.Equal(["A", "B"], Expired(aws, images, Policy(Rule(1, "tagged", "\"alpha\", \"beta\"", "imageCountMoreThan", 1))));
    }

    [Theory]
    [InlineData(14, new[] { "U1" })]   // only the untagged image older than 14 days
    [InlineData(30, new string[0])]
    public void Untagged_older_than_N_days(int days, string[] expected)
    {
        var (aws, images) = Repo(("U1", [], 20), ("T1", ["v1"], 20), ("U2", [], 3));
        Assert.Equal(expected, Expired(aws, images, Policy(Rule(1, "untagged", null, "sinceImagePushed", days))));
    }

    [Fact]
    public void Keep_only_one_untagged_image()
    {
        var (aws, images) = Repo(("U1", [], 5), ("U2", [], 4), ("U3", [], 3), ("T", ["v1"], 6));
        Assert.Equal(["U1", "U2"], Expired(aws, images, Policy(Rule(1, "untagged", null, "imageCountMoreThan", 1))));
    }

    [Fact]
    public void Any_rule_keeps_the_newest_N_of_everything_not_claimed_by_earlier_rules()
    {
        var (aws, images) = Repo(("R1", ["release-1"], 9), ("R2", ["release-2"], 8), ("D1", ["dev-1"], 7), ("U", [], 6), ("D2", ["dev-2"], 5));
        var policy = Policy(Rule(1, "tagged", "\"release\"", "imageCountMoreThan", 5), Rule(2, "any", null, "imageCountMoreThan", 2));
        // any sees all five, keeps the newest 2 (D2, U), would expire D1, R2, R1; the release images belong to rule 1.
        Assert.Equal(["D1"], Expired(aws, images, policy));
    }

    [Fact]
    public void Preview_says_why_and_apply_deletes_oldest_first()
    {
        var (aws, images) = Repo(("A", ["release-1"], 3), ("B", ["release-2"], 2), ("C", ["release-3"], 1));
        aws.Ecr.PutLifecyclePolicy("app", Policy(Rule(1, "tagged", "\"release\"", "imageCountMoreThan", 1)));
        var preview = aws.Ecr.GetLifecyclePolicyPreview("app");
        Assert.Equal([images["A"].ImageDigest, images["B"].ImageDigest], preview.Select(p => p.ImageDigest));
        Assert.Contains("keeps the newest 1", preview[0].Reason);
        Assert.Contains("number 3", preview[0].Reason);
        Assert.Equal("EXPIRE", preview[0].Action);
        aws.Ecr.ApplyLifecyclePolicy("app");
        Assert.Equal([images["C"].ImageDigest], aws.Ecr.DescribeImages("app").Select(i => i.ImageDigest));
    }

    [Theory]
    [InlineData("{}", "rules")]
    [InlineData("{\"rules\": []}", "rules")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"tagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 1}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.tagPrefixList")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"tagPrefixList\": [\"v\"], \"countType\": \"imageCountMoreThan\", \"countNumber\": 1}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.tagPrefixList")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 0}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.countNumber")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countNumber\": 3}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.countUnit")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countUnit\": \"days\", \"countNumber\": 3}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.countUnit")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 3}, \"action\": {\"type\": \"delete\"}}]}", "rules[0].action.type")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"some\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 3}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.tagStatus")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountLessThan\", \"countNumber\": 3}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selection.countType")]
    [InlineData("{\"rules\": [{\"rulePriority\": 0, \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 3}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].rulePriority")]
    [InlineData("{\"rules\": [{\"rulePriority\": 1, \"selecton\": {}, \"action\": {\"type\": \"expire\"}}]}", "rules[0].selecton")]
    public void Invalid_rules_name_the_offending_field(string json, string field)
    {
        var ex = Assert.Throws<AwsValidationException>(() => LifecyclePolicy.Parse(json));
        Assert.Equal(field, ex.Field);
        Assert.Equal("InvalidParameterException", ex.ErrorCode);
    }

    [Fact]
    public void Priorities_must_be_unique()
    {
        var ex = Assert.Throws<AwsValidationException>(() => LifecyclePolicy.Parse(Policy(Rule(1, "tagged", "\"a\"", "imageCountMoreThan", 1), Rule(1, "tagged", "\"b\"", "imageCountMoreThan", 1))));
        Assert.Equal("rules[1].rulePriority", ex.Field);
    }

    [Fact]
    public void Any_must_have_the_highest_priority()
    {
        var ex = Assert.Throws<AwsValidationException>(() => LifecyclePolicy.Parse(Policy(Rule(1, "any", null, "imageCountMoreThan", 5), Rule(2, "tagged", "\"b\"", "imageCountMoreThan", 1))));
        Assert.Equal("rules[0].rulePriority", ex.Field);
        Assert.Contains("highest", ex.Message);
    }

    [Fact]
    public void Only_one_rule_may_select_untagged()
    {
        var ex = Assert.Throws<AwsValidationException>(() => LifecyclePolicy.Parse(Policy(Rule(1, "untagged", null, "imageCountMoreThan", 5), Rule(2, "untagged", null, "sinceImagePushed", 3))));
        Assert.Equal("rules[1].selection.tagStatus", ex.Field);
    }

    [Fact]
    public void Tag_prefixes_must_be_unique()
    {
        var ex = Assert.Throws<AwsValidationException>(() => LifecyclePolicy.Parse(Policy(Rule(1, "tagged", "\"prod\"", "imageCountMoreThan", 5), Rule(2, "tagged", "\"prod\"", "sinceImagePushed", 3))));
        Assert.Equal("rules[1].selection.tagPrefixList", ex.Field);
    }

    [Fact]
    public void The_fact_sheet_example_policy_is_valid()
    {
        var p = LifecyclePolicy.Parse("""
            {"rules":[{"rulePriority":1,"description":"Expire images older than 14 days",
              "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},
              "action":{"type":"expire"}}]}
            """);
        Assert.Equal("untagged, older than 14 days", p.Rules[0].Describe());
    }
}
