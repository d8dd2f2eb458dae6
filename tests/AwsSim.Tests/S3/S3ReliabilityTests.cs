using AwsSim.S3;
using AwsSim.Samples;

namespace AwsSim.Tests.S3;

public class S3ReliabilityTests
{
    [Fact]
    public void Thousands_of_uploads_with_injected_failures_all_end_accounted_for()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.S3.LambdaInvoker = lambda;
        aws.S3.CreateBucket("inbox");
        aws.S3.PutBucketNotificationConfiguration("inbox", [new LambdaFunctionConfiguration("all", "worker", ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"])]);
        var random = new Random(aws.Seed);
        var poisoned = new HashSet<string>();
        var flaky = new Dictionary<string, int>();
        lambda.Register("worker", json =>
        {
            var key = S3Key.Decode(AwsJson.Deserialize<S3Event>(json).Records[0].S3!.Object!.Key!);
            if (poisoned.Contains(key)) throw new InvalidDataException("poison " + key);
            if (flaky.TryGetValue(key, out var left) && left > 0) { flaky[key] = left - 1; throw new TimeoutException("flaky " + key); }
            return null;
        });

        for (var i = 0; i < 3_000; i++)
        {
            var key = $"msg/{i:D5} x.json";
            var roll = random.NextDouble();
            if (roll < 0.01) poisoned.Add(key);
            else if (roll < 0.03) flaky[key] = random.Next(1, 3); // fails once or twice, then succeeds on a retry
            aws.S3.PutObject("inbox", key, "{}");
            if (i % 10 == 0) aws.S3.DeleteObject("inbox", key);
            if (i % 100 == 0) aws.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        aws.Clock.Advance(TimeSpan.FromHours(1));

        var sent = aws.S3.SentNotifications.Count;
        Assert.Equal(3_300, sent); // 3,000 puts + 300 deletes
        Assert.Equal(sent, lambda.Outcomes.Count);
        Assert.Equal(sent, lambda.Outcomes.Count(o => o.Status == AsyncStatus.Succeeded) + lambda.Outcomes.Count(o => o.Status == AsyncStatus.DeadLettered));
        var dead = lambda.Outcomes.Where(o => o.Status == AsyncStatus.DeadLettered).ToList();
        Assert.All(dead, o => Assert.Equal(3, o.Attempts));
        // Poisoned objects fail on the put and on the delete (when deleted) alike.
        var poisonedDeleted = poisoned.Count(k => int.Parse(k[4..9], System.Globalization.CultureInfo.InvariantCulture) % 10 == 0);
        Assert.Equal(poisoned.Count + poisonedDeleted, dead.Count);
        Assert.InRange(poisoned.Count, 10, 60);
        Assert.True(lambda.Outcomes.Count(o => o.Status == AsyncStatus.Succeeded && o.Attempts > 1) >= flaky.Count);
    }
}
