using Exercises.Checks;
using Snapshooter;
using Snapshooter.Xunit3;
using Xunit;

[assembly: AssemblyFixture(typeof(Exercises.Tests.Scoreboard))]

namespace Exercises.Tests;

/// <summary>
/// One test per exercise you have attempted (generated from the catalog, in lesson order): failed with the first
/// differing line when the answer is wrong, passed when it matches the instructor's snapshot. Exercises not attempted
/// yet (the stub still throws NotImplementedException) get no test of their own; the last test, "score", reports them
/// in one line with the score table, as a skipped test's message: the test platform shows that at the end of
/// <c>dotnet test</c>, in a terminal or a pipe, where it hides a passing test's output.
/// </summary>
[TestCaseOrderer(typeof(LessonOrder))]
public sealed class ExerciseTests(Scoreboard scoreboard)
{
    /// <summary>The row of the last test, which reports the score.</summary>
    public const string ScoreRow = "score";

    /// <summary>How long a stub may take to show it is one (it throws at once).</summary>
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    /// <summary>Every exercise attempted, with its id, title and points as the test's name and traits; then the score.</summary>
    public static IEnumerable<TheoryDataRow<string>> Exercises()
        => ExerciseCatalog.All.Where(e => !Grader.IsNotAttempted(e, Probe)).Select(e => new TheoryDataRow<string>(e.Id)
        {
            TestDisplayName = $"{e.Id}: {e.Title} ({e.Points} points)",
            Traits = new Dictionary<string, HashSet<string>>
            {
                ["exercise"] = [e.Id],
                ["service"] = [e.Service],
                ["lesson"] = [e.Lesson],
                ["points"] = [e.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["title"] = [e.Title],
            },
        }).Append(new TheoryDataRow<string>(ScoreRow) { TestDisplayName = "Your exercise score (not a test: its message is the score table)" });

    /// <summary>Grades one exercise, or (the last row) reports the score.</summary>
    [Theory]
    [MemberData(nameof(Exercises))]
    public void Exercise(string id)
    {
        if (id == ScoreRow)
        {
            ReportScore();
            return;
        }
        scoreboard.Starting(id);
        var exercise = ExerciseCatalog.Get(id);
        var snapshots = SnapshotFile.Directory();
        var verdict = Grader.Grade(exercise, snapshots);
        var recording = SnapshotFile.TryRead(id, snapshots) is null && !StrictMode;
        if (!(recording && verdict.Status != VerdictStatus.NotAttempted && verdict.Actual.Count > 0))
        {
            scoreboard.Record(verdict);
        }

        switch (verdict.Status)
        {
            case VerdictStatus.NotAttempted:
                Assert.Skip(verdict.Summary);
                break;
            case VerdictStatus.Failed when !recording:
                Assert.Fail(verdict.ToString());
                break;
        }

        // Snapshooter has the last word: strict mode fails on a missing snapshot; with strict mode off it records one.
        // Snapshooter adds the __snapshots__ folder itself, so it is given the folder above it.
        Snapshot.Match(verdict.Actual.ToArray(), new SnapshotFullName(SnapshotFile.FileName(id), Path.GetDirectoryName(snapshots)!));
        if (recording) scoreboard.Record(Grader.Grade(exercise, snapshots));
    }

    /// <summary>
    /// Grades what has no test (the exercises not attempted), waits until the other test programs of this
    /// <c>dotnet test</c> have finished (so this message comes last), and reports the score table as the skip message.
    /// </summary>
    private void ReportScore()
    {
        foreach (var e in ExerciseCatalog.All.Where(e => !scoreboard.Has(e.Id)))
        {
            if (Grader.IsNotAttempted(e, Probe)) scoreboard.Record(Grader.Grade(e, SnapshotFile.Directory()));
        }
        SiblingTestPrograms.WaitUntilDone(TimeSpan.FromMinutes(30));
        Assert.Skip(scoreboard.Summary());
    }

    private static bool StrictMode
        => !string.Equals(Environment.GetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE"), "false", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Runs the exercises in lesson order (the catalog's) and the score last.</summary>
public sealed class LessonOrder : Xunit.v3.ITestCaseOrderer
{
    /// <inheritdoc />
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, Xunit.Sdk.ITestCase
    {
        var order = ExerciseCatalog.All.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        int Position(TTestCase t)
        {
            var id = t.Traits.TryGetValue("exercise", out var ids) ? ids.FirstOrDefault() : null;
            return id is not null && order.TryGetValue(id, out var i) ? i : int.MaxValue;
        }
        return testCases.OrderBy(Position).ThenBy(t => t.TestCaseDisplayName, StringComparer.Ordinal).ToList();
    }
}
