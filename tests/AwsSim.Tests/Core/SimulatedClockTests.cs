namespace AwsSim.Tests.Core;

public class SimulatedClockTests
{
    [Fact]
    public void Starts_at_the_default_instant_and_only_moves_when_advanced()
    {
        var clock = new SimulatedClock();
        Assert.Equal(SimulatedClock.DefaultStart, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SimulatedClock.DefaultStart.AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void Runs_due_work_in_time_order_and_shows_each_its_own_due_time()
    {
        var clock = new SimulatedClock();
        var seen = new List<(string, DateTimeOffset)>();
        clock.ScheduleAfter(TimeSpan.FromSeconds(30), () => seen.Add(("b", clock.Now)));
        clock.ScheduleAfter(TimeSpan.FromSeconds(10), () => seen.Add(("a", clock.Now)));
        clock.ScheduleAfter(TimeSpan.FromSeconds(30), () => seen.Add(("c", clock.Now)));
        clock.ScheduleAfter(TimeSpan.FromMinutes(2), () => seen.Add(("late", clock.Now)));

        var ran = clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(3, ran);
        Assert.Equal(new[] { "a", "b", "c" }, seen.Select(s => s.Item1));
        Assert.Equal(SimulatedClock.DefaultStart.AddSeconds(10), seen[0].Item2);
        Assert.Equal(SimulatedClock.DefaultStart.AddSeconds(30), seen[1].Item2);
        Assert.Equal(SimulatedClock.DefaultStart.AddMinutes(1), clock.Now);
        Assert.Equal(1, clock.Pending);
    }

    [Fact]
    public void Work_scheduled_by_work_inside_the_window_also_runs()
    {
        var clock = new SimulatedClock();
        var count = 0;
        void Tick() { count++; clock.ScheduleAfter(TimeSpan.FromMinutes(1), Tick); }
        clock.ScheduleAfter(TimeSpan.FromMinutes(1), Tick);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(10, count);
    }

    [Fact]
    public void Cancelled_work_never_runs()
    {
        var clock = new SimulatedClock();
        var ran = false;
        var work = clock.ScheduleAfter(TimeSpan.FromSeconds(1), () => ran = true);
        work.Cancel();
        Assert.Null(clock.NextDue);
        Assert.Equal(0, clock.Pending);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(ran);
    }

    [Fact]
    public void Running_until_idle_does_not_advance_to_cancelled_work()
    {
        var clock = new SimulatedClock();
        clock.ScheduleAfter(TimeSpan.FromMinutes(1), () => { });
        clock.ScheduleAfter(TimeSpan.FromHours(5), () => { }).Cancel();
        clock.RunUntilIdle(clock.Now.AddDays(1));
        Assert.Equal(SimulatedClock.DefaultStart.AddMinutes(1), clock.Now);
    }

    [Fact]
    public void Time_cannot_go_backwards()
    {
        var clock = new SimulatedClock();
        var ex = Assert.Throws<AwsValidationException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal("by", ex.Field);
    }

    [Fact]
    public void Timers_created_through_TimeProvider_fire_on_simulated_time()
    {
        TimeProvider clock = new SimulatedClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        ((SimulatedClock)clock).Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(5, fired);
    }
}
