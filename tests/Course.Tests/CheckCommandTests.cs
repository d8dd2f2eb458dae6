using Exercises.Checks;

namespace Course.Tests;

/// <summary>course check takes the names learners use, lists in lesson order, and gives hints one at a time.</summary>
public sealed class CheckCommandTests
{
    [Theory]
    [InlineData("cron")]
    [InlineData("06")]
    [InlineData("6")]
    [InlineData("06-cron")]
    [InlineData("eventbridge")]
    public void A_lesson_by_name_or_number_or_its_service_checks_its_exercises_in_lesson_order(string selector)
    {
        var (exit, output, error) = Cli.Run(Repo.Root, "check", selector);
        Assert.True(exit == 1, output + error); // the stubs are not attempted
        var rows = output.Split('\n').Where(l => l.StartsWith("eventbridge.", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["eventbridge.expression", "eventbridge.count", "eventbridge.fix"], rows);
        Assert.Contains("Total (exercises): 0/8 points", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_lists_its_exercises_in_the_order_the_lesson_teaches_them()
    {
        var (_, output, _) = Cli.Run(Repo.Root, "check", "lambda");
        var rows = output.Split('\n').Where(l => l.StartsWith("lambda.", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(ExerciseCatalog.All.Where(e => e.Service == "lambda").Select(e => e.Id), rows);
        Assert.Equal("lambda.gb-seconds", rows[0]);
    }

    [Fact]
    public void Hints_come_one_at_a_time_each_naming_the_next()
    {
        var hints = ExerciseCatalog.Get("lambda.bill").Hints;
        var (exit, output, _) = Cli.Run(Repo.Root, "check", "lambda.bill", "--hint", "1");
        Assert.Equal(0, exit);
        Assert.StartsWith($"hint 1 of {hints.Count}: {hints[0]}", output, StringComparison.Ordinal);
        Assert.Contains("course check lambda.bill --hint 2", output, StringComparison.Ordinal);
        Assert.DoesNotContain(hints[1], output, StringComparison.Ordinal);
        (exit, output, _) = Cli.Run(Repo.Root, "check", "lambda.bill", "--hint", "2");
        Assert.Equal(0, exit);
        Assert.StartsWith($"hint 2 of {hints.Count}: {hints[1]}", output, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run(Repo.Root, "check", "lambda", "--hint", "1").Exit);
        Assert.Equal(2, Cli.Run(Repo.Root, "check", "lambda.nosuch", "--hint", "1").Exit);
    }
}
