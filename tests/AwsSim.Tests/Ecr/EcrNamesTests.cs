using AwsSim.Ecr;

namespace AwsSim.Tests.Ecr;

public class EcrNamesTests
{
    [Theory]
    [InlineData("ab", true)]
    [InlineData("web", true)]
    [InlineData("team-a/web-app", true)]
    [InlineData("a.b_c-d", true)]
    [InlineData("ns1/ns2/app", true)]
    [InlineData("0day", true)]
    [InlineData("a", false)]              // shorter than 2
    [InlineData("Web", false)]            // upper case
    [InlineData("web--app", false)]       // double separator
    [InlineData("web__app", false)]
    [InlineData("team//app", false)]
    [InlineData("-web", false)]           // must start with a letter or digit
    [InlineData("web-", false)]
    [InlineData("web/", false)]
    [InlineData("/web", false)]
    [InlineData("web app", false)]
    [InlineData("web:1", false)]
    public void Repository_names_follow_the_API_pattern(string name, bool valid)
        => Assert.Equal(valid, EcrNames.IsValidRepositoryName(name));

    [Fact]
    public void Length_limit_is_256()
    {
        Assert.True(EcrNames.IsValidRepositoryName(new string('a', 256)));
        var ex = Assert.Throws<AwsValidationException>(() => EcrNames.ValidateRepositoryName(new string('a', 257)));
        Assert.Equal("repositoryName", ex.Field);
        Assert.Contains("2 to 256", ex.Message);
    }

    [Fact]
    public void Bad_name_error_names_the_field_and_the_rule()
    {
        var aws = new SimulatedAws();
        var ex = Assert.Throws<AwsValidationException>(() => aws.Ecr.CreateRepository("My_App"));
        Assert.Equal("repositoryName", ex.Field);
        Assert.Equal("My_App", ex.Value);
        Assert.Equal("InvalidParameterException", ex.ErrorCode);
        Assert.Contains(EcrNames.RepositoryNamePattern, ex.Message);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0", "web", "1.0", null)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/web-app:latest", "team-a/web-app", "latest", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web", "web", "latest", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6", "web", null, "sha256:74b2c688c700ec95a93e478cdb959737c148df3fbf5ea706abe0318726e885e6")]
    public void Image_uris_parse_and_print_back(string uri, string repo, string? tag, string? digest)
    {
        var r = ImageReference.Parse(uri);
        Assert.Equal(repo, r.RepositoryName);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(digest, r.Digest);
        Assert.Equal(tag is null || uri.EndsWith(":" + tag, StringComparison.Ordinal) ? uri : uri + ":latest", r.ToString());
    }

    [Theory]
    [InlineData("nginx:latest")]
    [InlineData("12345.dkr.ecr.us-east-1.amazonaws.com/web:1")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/Web:1")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:abc")]
    public void Not_ecr_uris_are_rejected(string uri)
        => Assert.Throws<AwsValidationException>(() => ImageReference.Parse(uri));
}
