using AwsSim.Iam;
using AwsSim.Lambda;
using AwsSim.S3;

namespace AwsSim.Tests.Lambda;

/// <summary>The account's Lambda behind the S3 trigger (wired through ILambdaInvoker).</summary>
public class LambdaTriggerIntegrationTests
{
    [Fact]
    public void An_S3_upload_invokes_the_function_asynchronously_through_aws_Lambda()
    {
        var aws = new SimulatedAws();
        var keys = new List<string>();
        aws.Lambda.CreateFunction("on-upload", LambdaCode.From((e, c) => { keys.Add(AwsJson.Parse(e)!["Records"]![0]!["s3"]!["object"]!["key"]!.GetValue<string>()); return null; }));
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos", [new LambdaFunctionConfiguration("new-photo", "arn:aws:lambda:us-east-1:123456789012:function:on-upload", ["s3:ObjectCreated:*"])]);
        aws.S3.PutObject("photos", "red flower.jpg", "pretend jpeg");
        Assert.Empty(keys); // asynchronous: queued, not yet run
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["red+flower.jpg"], keys);
        Assert.Equal(1, aws.Lambda.GetAsyncAccounting("on-upload").Succeeded);
        Assert.Equal(1, aws.Lambda.GetMetrics("on-upload").Invocations);
    }

    [Fact]
    public void A_function_writing_back_to_its_trigger_bucket_is_stopped_after_16_invocations()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("loop", LambdaCode.From((e, c) =>
        {
            var key = AwsJson.Parse(e)!["Records"]![0]!["s3"]!["object"]!["key"]!.GetValue<string>();
            c.Aws.S3.PutObject("photos", key + "x", "again");
            return null;
        }), roleArn: aws.Lambda.CreateRole("loop-role", IamPolicy.BasicExecution, IamPolicy.Allow("s3:PutObject", "arn:aws:s3:::photos/*")).Arn);
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos", [new LambdaFunctionConfiguration("all", "arn:aws:lambda:us-east-1:123456789012:function:loop", ["s3:ObjectCreated:*"])]);
        aws.S3.PutObject("photos", "a", "start");
        aws.Clock.Advance(TimeSpan.FromMinutes(5));
        var acc = aws.Lambda.GetAsyncAccounting("loop");
        Assert.Equal(16, acc.Succeeded);
        Assert.Equal(1, acc.Dropped);
        Assert.StartsWith(RecursiveLoopDetection.ErrorCode, acc.DroppedEvents[0].Reason);
        Assert.True(acc.Balanced);
    }

    [Fact]
    public void An_event_for_a_function_that_does_not_exist_is_counted_as_dropped()
    {
        var aws = new SimulatedAws();
        ILambdaInvoker invoker = aws.Lambda;
        invoker.InvokeAsync("ghost", "{}", "aws:s3");
        Assert.Equal(1, aws.Lambda.AsyncAccounting.Dropped);
        Assert.StartsWith("ResourceNotFoundException", aws.Lambda.AsyncAccounting.DroppedEvents[0].Reason);
        Assert.True(aws.Lambda.AsyncAccounting.Balanced);
    }
}

public class LambdaEcrIntegrationTests
{
    [Fact]
    public void Container_image_functions_can_resolve_their_image_in_ECR()
    {
        var aws = new SimulatedAws();
        aws.Lambda.ResolveImagesFromEcr();
        aws.Ecr.CreateRepository("thumbnails");
        aws.Ecr.PushSampleImage("thumbnails", "v1", "thumbnail function");
        var role = aws.Lambda.CreateDefaultRole("resize").Arn;
        var request = new CreateFunctionRequest
        {
            FunctionName = "resize", Role = role, PackageType = PackageType.Image, Runtime = null, Handler = null,
            ImageUri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/thumbnails:v1", Code = LambdaCode.Work(TimeSpan.FromMilliseconds(10)),
        };
        Assert.Equal("Image", aws.Lambda.CreateFunction(request).PackageType);
        var missing = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(request with { FunctionName = "resize2", ImageUri = request.ImageUri.Replace(":v1", ":v2") }));
        Assert.Contains("does not exist", missing.Message);
    }
}

public class LambdaApiGatewayIntegrationTests
{
    [Fact]
    public void An_HTTP_API_calls_aws_Lambda_synchronously_and_a_throttle_becomes_an_error_response()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("hello", LambdaCode.From((e, c) =>
        {
            c.Spend(TimeSpan.FromMilliseconds(30));
            return """{"statusCode":200,"headers":{"content-type":"text/plain"},"body":"hello from Lambda"}""";
        }));
        aws.ApiGateway.LambdaInvoker = aws.Lambda;
        var api = aws.ApiGateway.CreateApi("hello-api");
        api.CreateRoute("GET /hello", "hello");
        api.CreateStage("$default");
        var ok = aws.ApiGateway.Send(api.Id, new AwsSim.ApiGateway.ApiRequest("GET", "/hello"));
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("hello from Lambda", System.Text.Encoding.UTF8.GetString(ok.Body));
        Assert.Equal(1, aws.Lambda.GetMetrics("hello").Invocations);

        aws.Lambda.PutFunctionConcurrency("hello", 0);
        var throttled = aws.ApiGateway.Send(api.Id, new AwsSim.ApiGateway.ApiRequest("GET", "/hello"));
        Assert.NotEqual(200, throttled.StatusCode);
        Assert.Equal(1, aws.Lambda.GetMetrics("hello").Throttles);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_thumbnail_function_needs_s3_PutObject_on_the_target_bucket(bool mayWriteTarget)
    {
        var aws = new SimulatedAws();
        aws.S3.CreateBucket("photos");
        aws.S3.CreateBucket("photosresized");
        aws.S3.PutObject("photos", "cat.png", AwsSim.Samples.SampleImages.Landscape(64, 40), "image/png");
        var policy = mayWriteTarget
            ? IamPolicy.Allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::photos/*", "arn:aws:s3:::photosresized/*"])
            : IamPolicy.Allow("s3:GetObject", "arn:aws:s3:::photos/*");
        var role = aws.Lambda.CreateRole("thumbnail-role", IamPolicy.BasicExecution, policy);
        var thumbnail = new AwsSim.Samples.ThumbnailFunction(aws.S3);
        aws.Lambda.CreateFunction("thumbnail", LambdaCode.From((e, c) => thumbnail.Handle(e)), memorySize: 512, timeout: 30, roleArn: role.Arn);
        var s3Event = AwsJson.Serialize(aws.S3.BuildEvent("photos", "cat.png", "ObjectCreated:Put", "thumbs", 1, "\"x\""));

        var response = aws.Lambda.Invoke("thumbnail", s3Event, InvocationType.RequestResponse);

        Assert.Equal(mayWriteTarget, aws.S3.ObjectExists("photosresized", "cat.png"));
        if (mayWriteTarget)
        {
            Assert.Null(response.FunctionError);
        }
        else
        {
            Assert.Equal("Unhandled", response.FunctionError);
            Assert.Contains("AccessDenied", response.Payload);
            Assert.Contains("s3:PutObject", response.Payload);
            Assert.True(aws.S3.ObjectExists("photos", "cat.png")); // the original is untouched
        }
    }

    [Fact]
    public void Calls_from_outside_a_function_are_the_account_owner_and_are_allowed()
    {
        var aws = new SimulatedAws();
        _ = aws.Lambda; // the Lambda service exists, but no function is running
        aws.S3.CreateBucket("notes");
        aws.S3.PutObject("notes", "a.txt", "hello");
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(aws.S3.GetObject("notes", "a.txt").Body));
    }
}
