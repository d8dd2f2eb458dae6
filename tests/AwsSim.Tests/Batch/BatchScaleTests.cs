namespace AwsSim.Tests.Batch;

/// <summary>
/// Scale, checked without a stopwatch: what Batch does per job must not grow with the number of jobs. Benchmarks in
/// bench/ report the time; these count the work.
/// </summary>
public class BatchScaleTests
{
    [Fact]
    public void No_event_is_built_when_no_rule_or_log_wants_one_and_event_ids_stay_the_same()
    {
        var quiet = BatchTestKit.Ec2();
        var recorded = BatchTestKit.Ec2();
        var bus = new RecordingPublisher();
        recorded.Batch.EventPublisher = bus;
        var a = quiet.Batch.Submit("a");
        var c = quiet.Batch.Submit("c");
        recorded.Batch.Submit("a");
        recorded.Batch.Submit("c");
        quiet.Batch.RunToCompletion();
        recorded.Batch.RunToCompletion();
        Assert.False(quiet.Aws.Events.Wants("aws.batch"));
        Assert.Equal(a.Statuses().Count + c.Statuses().Count, bus.Events.Count);
        // An event built later carries the id it would have had if every earlier one had been built.
        Assert.Equal(bus.Events.Count + 1, int.Parse(quiet.Batch.ToEvent(a).Id![..8], System.Globalization.NumberStyles.HexNumber));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void Allocation_per_job_does_not_grow_with_the_array_size(int children)
    {
        static long Allocated(int n)
        {
            var (aws, b) = BatchTestKit.Ec2(max: 256);
            var before = GC.GetAllocatedBytesForCurrentThread();
            b.Submit("arr", arraySize: n);
            b.RunToCompletion(TimeSpan.FromDays(365));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        var small = Allocated(100) / 100.0;
        var large = Allocated(children) / (double)children;
        Assert.True(large <= small * 1.5, $"{large:F0} bytes per job at {children} jobs vs {small:F0} at 100");
    }
}
