using AwsSim.Samples;
using SixLabors.ImageSharp;

namespace AwsSim.Tests.Samples;

public class SampleFunctionsTests
{
    [Fact]
    public void The_registry_has_echo_and_thumbnail()
    {
        Assert.Contains("echo", SampleFunctions.Names);
        Assert.Contains("thumbnail", SampleFunctions.Names);
        Assert.Null(SampleFunctions.Get("nope"));
    }

    [Fact]
    public void Thumbnail_runs_on_AWS_own_sample_event_after_prepare()
    {
        var aws = new SimulatedAws();
        var json = File.ReadAllText(Path.Combine(Paths.Oracles, "events", "s3-put.aws-lambda-dotnet.s3-event.json"));
        var sample = SampleFunctions.Get("thumbnail")!;
        sample.Prepare!(aws, json);
        var response = sample.Handler(aws, json);
        Assert.Contains("sourcebucketresized", response);
        // The second record's key is "New+File.jpg": the thumbnail is stored under the decoded key.
        var thumb = aws.S3.GetObject("sourcebucketresized", "New File.jpg");
        Assert.Equal(160, Image.Identify(thumb.Body).Width);
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("thumbnail")]
    [InlineData("ab-test")]
    [InlineData("security-headers")]
    public void Every_sample_accepts_its_example_event(string name)
    {
        var aws = new SimulatedAws();
        var sample = SampleFunctions.Get(name)!;
        var json = sample.ExampleEvent(aws);
        sample.Prepare?.Invoke(aws, json);
        Assert.False(string.IsNullOrEmpty(sample.Handler(aws, json)));
    }
}
