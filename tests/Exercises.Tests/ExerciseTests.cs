using Exercises.Checks;
using Snapshooter;
using Snapshooter.Xunit3;
using Xunit;

[assembly: AssemblyFixture(typeof(Exercises.Tests.Scoreboard))]

namespace Exercises.Tests;

/// <summary>
/// One test per exercise (generated from the catalog): skipped while the stub is untouched, failed with the first
/// differing line when the answer is wrong, passed when it matches the instructor's snapshot.
/// </summary>
public sealed class ExerciseTests(Scoreboard scoreboard)
{
    /// <summary>Every exercise, with its id, title and points as the test's name and traits.</summary>
    public static IEnumerable<TheoryDataRow<string>> Exercises()
        => ExerciseCatalog.All.Select(e => new TheoryDataRow<string>(e.Id)
        {
            TestDisplayName = $"{e.Id}: {e.Title} ({e.Points} points)",
            Traits = new Dictionary<string, HashSet<string>>
            {
                ["exercise"] = [e.Id],
                ["service"] = [e.Service],
                ["points"] = [e.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["title"] = [e.Title],
            },
        });

    /// <summary>Grades one exercise.</summary>
    [Theory]
    [MemberData(nameof(Exercises))]
    public void Exercise(string id)
    {
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

    private static bool StrictMode
        => !string.Equals(Environment.GetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE"), "false", StringComparison.OrdinalIgnoreCase);
}
