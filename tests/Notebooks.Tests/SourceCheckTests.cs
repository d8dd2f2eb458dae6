using Exercises.Checks;

namespace Notebooks.Tests;

/// <summary>
/// A check cell and <c>course check</c> grade the learner's current files: compiled from source in-process, no build,
/// no kernel restart, and the same verdicts as <c>dotnet test</c>.
/// </summary>
public sealed class SourceCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "source-check-" + Guid.NewGuid().ToString("N")[..8]);

    public SourceCheckTests()
    {
        foreach (var file in SourceBuild.SourceFiles(Path.Combine(Paths.Root, "exercises")))
        {
            var target = Path.Combine(_root, "exercises", Path.GetRelativePath(Path.Combine(Paths.Root, "exercises"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Snapshots => Path.Combine(Paths.Root, "tests", "Exercises.Tests", "__snapshots__");

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(_root, relative), text);

    private Verdict Check(string id)
    {
        var result = SourceCheck.Grade([id], _root, "exercises", Snapshots);
        Assert.Empty(result.CompileErrors);
        return Assert.Single(result.Verdicts);
    }

    [Fact]
    public void An_edit_is_graded_at_once_without_a_build()
    {
        Paths.RequireSolutions();
        Assert.Equal(VerdictStatus.NotAttempted, Check("lambda.bill").Status);

        var solution = File.ReadAllText(Path.Combine(Paths.Root, "solutions", "Lambda", "LambdaBill.cs"));
        Write("exercises/Lambda/LambdaBill.cs", solution);
        var passed = Check("lambda.bill");
        Assert.Equal(VerdictStatus.Passed, passed.Status);
        Assert.Equal(3, passed.PointsEarned);

        // Unchanged sources are not compiled again.
        Assert.False(SourceCheck.Grade(["lambda.bill"], _root, "exercises", Snapshots).Compiled);

        Write("exercises/Lambda/LambdaBill.cs", solution.Replace("return ", "return 1m + ", StringComparison.Ordinal));
        var failed = Check("lambda.bill");
        Assert.Equal(VerdictStatus.Failed, failed.Status);
        Assert.Contains(failed.Details, d => d.StartsWith("hint: ", StringComparison.Ordinal) && d.Contains("--hint 2", StringComparison.Ordinal));

        Write("exercises/Lambda/GbSeconds.cs", "namespace Exercises.Lambda;\noops\n");
        var broken = SourceCheck.Grade(["lambda.bill"], _root, "exercises", Snapshots);
        Assert.Empty(broken.Verdicts);
        Assert.Contains(broken.CompileErrors, e => e.StartsWith("exercises/Lambda/GbSeconds.cs(2,", StringComparison.Ordinal) && e.Contains(": error CS", StringComparison.Ordinal));
    }

    [Fact]
    public void Compiled_from_source_the_reference_answers_pass_every_exercise_as_under_dotnet_test()
    {
        Paths.RequireSolutions();
        var ids = ExerciseCatalog.All.Select(e => e.Id).ToList();
        var result = SourceCheck.Grade(ids, Paths.Root, "solutions", Snapshots);
        Assert.Empty(result.CompileErrors);
        Assert.Equal(ids, result.Verdicts.Select(v => v.Exercise.Id));
        var notPassed = result.Verdicts.Where(v => v.Status != VerdictStatus.Passed).Select(v => v.ToString()).ToList();
        Assert.True(notPassed.Count == 0, string.Join("\n", notPassed));
    }

    [Fact]
    public void The_stubs_compiled_from_source_are_not_attempted_as_under_dotnet_test()
    {
        var ids = ExerciseCatalog.All.Select(e => e.Id).ToList();
        var result = SourceCheck.Grade(ids, Paths.Root, "exercises", Snapshots);
        Assert.All(result.Verdicts, v => Assert.Equal(Grader.Grade(v.Exercise, Snapshots).Status, v.Status));
        Assert.All(result.Verdicts, v => Assert.Equal(VerdictStatus.NotAttempted, v.Status));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
