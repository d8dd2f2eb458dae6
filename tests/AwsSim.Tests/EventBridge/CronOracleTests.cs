using System.Globalization;
using AwsSim.EventBridge;

namespace AwsSim.Tests.EventBridge;

/// <summary>Every line of samples/cron-examples.tsv (AWS's documented examples with expected fire times).</summary>
public class CronOracleTests
{
    public static IEnumerable<TheoryDataRow<int, string, string, int, string[]>> Lines()
    {
        var path = Path.Combine(Paths.Oracles, "cron-examples.tsv");
        var n = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            n++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            yield return new TheoryDataRow<int, string, string, int, string[]>(n, cols[0], cols[1], int.Parse(cols[2], CultureInfo.InvariantCulture), cols[3..])
            {
                TestDisplayName = $"line {n}: {cols[0]} after {cols[1]}",
            };
        }
    }

    [Fact]
    public void The_oracle_file_has_its_thirty_lines()
    {
        Assert.Equal(30, Lines().Count());
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Agrees_with_the_documented_example(int line, string expression, string start, int count, string[] expected)
    {
        var from = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var ended = expected.Length > 0 && expected[^1] == "END";
        var times = ended ? expected[..^1] : expected;
        Assert.True(ended || times.Length == count, $"line {line}: {count} times announced, {times.Length} given");

        foreach (var form in new[] { expression, $"cron({expression})" })
        {
            var schedule = ScheduleExpression.Parse(form);
            var actual = schedule.Next(from, count).Select(ScheduleExpression.Format).ToArray();
            Assert.Equal(times, actual);
            if (ended) Assert.True(actual.Length < count, "the schedule should end");
        }
    }
}
