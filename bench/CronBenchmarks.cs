using AwsSim.EventBridge;
using CronosExpression = Cronos.CronExpression;
using BenchmarkDotNet.Attributes;

namespace Bench;

/// <summary>
/// The next 1,000 fire times of a mix of schedules: the course's AWS cron engine against Cronos (a widely used .NET cron
/// library) on the equivalent Unix expressions, in the same run. Setup checks that both give the same times.
/// </summary>
[MemoryDiagnoser]
public class CronBenchmarks
{
    // (AWS expression, equivalent Unix expression for Cronos)
    private static readonly (string Aws, string Unix)[] s_mix =
    [
        ("cron(0/15 * * * ? *)", "*/15 * * * *"),
        ("cron(0 10 ? * MON-FRI *)", "0 10 * * 1-5"),
        ("cron(5,35 14 * * ? *)", "5,35 14 * * *"),
        ("cron(0 0 L * ? *)", "0 0 L * *"),
        ("cron(0 9 ? * 2#1 *)", "0 9 * * 1#1"),
        ("cron(0 0 3W * ? *)", "0 0 3W * *"),
        ("cron(0/5 8-17 ? * MON-FRI *)", "*/5 8-17 * * 1-5"),
    ];

    private const int Count = 1000;
    private static readonly DateTimeOffset s_from = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ScheduleExpression[] _aws = [];
    private CronosExpression[] _cronos = [];

    /// <summary>Parses the expressions once and checks both engines agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _aws = s_mix.Select(m => ScheduleExpression.Parse(m.Aws)).ToArray();
        _cronos = s_mix.Select(m => CronosExpression.Parse(m.Unix)).ToArray();
        for (var i = 0; i < s_mix.Length; i++)
        {
            var a = _aws[i].Next(s_from, Count).Select(t => t.UtcDateTime).ToList();
            var c = CronosNext(_cronos[i]).ToList();
            if (!a.SequenceEqual(c)) throw new InvalidOperationException($"{s_mix[i].Aws} and {s_mix[i].Unix} disagree");
        }
    }

    /// <summary>Cronos: next 1,000 for each expression.</summary>
    [Benchmark(Baseline = true)]
    public long CronosNext1000()
    {
        long sum = 0;
        foreach (var c in _cronos) foreach (var t in CronosNext(c)) sum += t.Ticks;
        return sum;
    }

    /// <summary>The course's engine: next 1,000 for each expression.</summary>
    [Benchmark]
    public long AwsSimNext1000()
    {
        long sum = 0;
        foreach (var s in _aws) foreach (var t in s.Next(s_from, Count)) sum += t.UtcTicks;
        return sum;
    }

    private static IEnumerable<DateTime> CronosNext(CronosExpression c)
    {
        var t = s_from.UtcDateTime;
        for (var i = 0; i < Count; i++)
        {
            var n = c.GetNextOccurrence(t);
            if (n is null) yield break;
            yield return n.Value;
            t = n.Value;
        }
    }
}
