using AwsSim.Lambda;
using AwsSim.S3;
using AwsSim.Samples;

namespace AwsSim.Tests.S3;

public class RecursiveLoopTests
{
    [Fact]
    public void A_function_writing_into_its_own_trigger_bucket_is_stopped_after_16_invocations()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.S3.LambdaInvoker = lambda;
        aws.S3.CreateBucket("loop");
        aws.S3.PutBucketNotificationConfiguration("loop", [new LambdaFunctionConfiguration("all", "copier", ["s3:ObjectCreated:*"])]);
        var n = 0;
        lambda.Register("copier", json =>
        {
            var key = S3Key.Decode(AwsJson.Deserialize<S3Event>(json).Records[0].S3!.Object!.Key!);
            aws.S3.PutObject("loop", $"copy-{++n}-of-{key}", "x"); // the bug: writes back where it is triggered
            return null;
        });

        aws.S3.PutObject("loop", "start.txt", "x");
        aws.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(RecursiveLoopDetection.MaxInvocationsPerChain, lambda.Attempts("copier"));
        Assert.Equal(16, n);
        Assert.Equal(17, aws.S3.ListObjectsV2("loop").KeyCount); // start + 16 copies
        var stopped = Assert.Single(lambda.Outcomes, o => o.Status == AsyncStatus.DeadLettered);
        Assert.StartsWith("RecursiveInvocationException", stopped.Reason);
        Assert.Equal(16, lambda.Outcomes.Count(o => o.Status == AsyncStatus.Succeeded));
        Assert.Equal(17, aws.S3.SentNotifications.Count); // every event is accounted for
        Assert.Null(RecursiveLoopDetection.Current); // nothing leaks out of the handler runs
    }

    [Fact]
    public void Separate_uploads_start_separate_chains()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.S3.LambdaInvoker = lambda;
        aws.S3.CreateBucket("photos");
        aws.S3.PutBucketNotificationConfiguration("photos", [new LambdaFunctionConfiguration("all", "f", ["s3:ObjectCreated:*"])]);
        lambda.Register("f", _ => null);
        for (var i = 0; i < 40; i++) aws.S3.PutObject("photos", $"k{i}", "x");
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(40, lambda.Outcomes.Count(o => o.Status == AsyncStatus.Succeeded));
    }

    [Fact]
    public void Lineage_counts_per_function_and_restores_on_exit()
    {
        var first = RecursiveLoopDetection.ForNextInvocation("a");
        Assert.Equal(1, first.Count);
        using (RecursiveLoopDetection.Enter(first))
        {
            var again = RecursiveLoopDetection.ForNextInvocation("a");
            var other = RecursiveLoopDetection.ForNextInvocation("b");
            Assert.Equal((2, first.ChainId), (again.Count, again.ChainId));
            Assert.Equal(1, other.Count);
        }
        Assert.Null(RecursiveLoopDetection.Current);
        var l = first;
        for (var i = 0; i < 16; i++) { using (RecursiveLoopDetection.Enter(l)) l = RecursiveLoopDetection.ForNextInvocation("a"); }
        Assert.Equal((17, true), (l.Count, l.Exceeded));
    }
}
