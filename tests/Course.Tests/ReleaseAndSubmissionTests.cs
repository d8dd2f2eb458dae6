using Course.Commands;
using Course.Grading;

namespace Course.Tests;

/// <summary>What the learner edition leaves out, the solution-file edit, and how submissions are found and named.</summary>
public sealed class ReleaseAndSubmissionTests
{
    [Theory]
    [InlineData("solutions/Lambda/LambdaBill.cs", true)]
    [InlineData("solutions/Solutions.csproj", true)]
    [InlineData("tests/Exercises.Checks/Hidden/Extra.cs", true)]
    [InlineData("tests/hidden/x.snap", true)]
    [InlineData("exercises/Lambda/LambdaBill.cs", false)]
    [InlineData("tests/Exercises.Tests/__snapshots__/lambda.bill.snap", false)]
    [InlineData("notebooks/hidden.ipynb", false)]
    [InlineData("lib/AwsSim/Lambda/SolutionsArchitect.cs", false)]
    public void The_learner_edition_leaves_out_solutions_and_hidden_folders(string path, bool withheld)
        => Assert.Equal(withheld, ReleaseCommand.IsWithheld(path));

    private const string Sln = "\r\nMicrosoft Visual Studio Solution File, Format Version 12.00\r\n" +
        "Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"solutions\", \"solutions\", \"{11111111-1111-1111-1111-111111111111}\"\r\nEndProject\r\n" +
        "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Solutions\", \"solutions\\Solutions.csproj\", \"{22222222-2222-2222-2222-222222222222}\"\r\nEndProject\r\n" +
        "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Exercises\", \"exercises\\Exercises.csproj\", \"{33333333-3333-3333-3333-333333333333}\"\r\nEndProject\r\n" +
        "Global\r\n\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\r\n" +
        "\t\t{22222222-2222-2222-2222-222222222222}.Debug|Any CPU.ActiveCfg = Debug|Any CPU\r\n" +
        "\t\t{33333333-3333-3333-3333-333333333333}.Debug|Any CPU.ActiveCfg = Debug|Any CPU\r\n" +
        "\tEndGlobalSection\r\n\tGlobalSection(NestedProjects) = preSolution\r\n" +
        "\t\t{22222222-2222-2222-2222-222222222222} = {11111111-1111-1111-1111-111111111111}\r\n" +
        "\tEndGlobalSection\r\nEndGlobal\r\n";

    [Fact]
    public void Removing_the_solutions_projects_removes_their_blocks_configurations_and_nesting()
    {
        var edited = SolutionFile.RemoveProjects(Sln, ReleaseCommand.IsWithheld);
        Assert.Equal(["exercises/Exercises.csproj"], SolutionFile.ProjectPaths(edited));
        Assert.DoesNotContain("22222222", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("11111111", edited, StringComparison.Ordinal);
        Assert.Contains("{33333333-3333-3333-3333-333333333333}.Debug|Any CPU.ActiveCfg", edited, StringComparison.Ordinal);
        Assert.Contains("\r\n", edited, StringComparison.Ordinal);
        Assert.Equal(SolutionFile.RemoveProjects(edited, ReleaseCommand.IsWithheld), edited);
    }

    [Fact]
    public void The_course_solution_file_parses()
    {
        var paths = SolutionFile.ProjectPaths(File.ReadAllText(Path.Combine(Repo.Root, "Course.sln")));
        Assert.Contains("tests/Exercises.Tests/Exercises.Tests.csproj", paths);
        Assert.Contains("tests/Course.Tests/Course.Tests.csproj", paths);
    }

    [Fact]
    public void Submissions_are_named_after_their_folders_and_a_class_folder_expands()
    {
        using var tmp = new TempFolder();
        tmp.Write("class/alice/exercises/A.cs", "");
        tmp.Write("class/bob/exercises/A.cs", "");
        tmp.Write("class/notes.txt", "");
        tmp.Write("other/alice/exercises/A.cs", "");
        var found = GradeCommand.Submissions([Path.Combine(tmp.Path, "class"), Path.Combine(tmp.Path, "other", "alice")]);
        Assert.Equal(["alice", "bob", "alice-2"], found.Select(f => f.Name));
        Assert.Equal(Path.Combine(tmp.Path, "other", "alice"), found[2].Directory);
    }

    [Fact]
    public void Grading_bad_input_is_a_usage_error()
    {
        var (exit, _, error) = Cli.Run(Repo.Root, "grade");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: name at least one submission folder", error, StringComparison.Ordinal);
        (exit, _, error) = Cli.Run(Repo.Root, "grade", "no-such-folder-here");
        Assert.Equal(2, exit);
        Assert.Contains("'" + Path.Combine(Repo.Root, "no-such-folder-here") + "' is not a folder", error, StringComparison.Ordinal);
        (exit, _, error) = Cli.Run(Repo.Root, "grade", ".", "--jobs", "0");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --jobs = '0' is not allowed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lambda")]
    [InlineData("lambda..bill")]
    [InlineData("../x")]
    public void Check_refuses_what_is_not_a_selector(string selector)
    {
        var (exit, _, error) = Cli.Run(Repo.Root, "check", selector);
        Assert.Equal(2, exit);
        Assert.Contains("is not a lesson, a service or an exercise id", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_refuses_a_folder_that_is_not_empty_and_one_inside_the_course()
    {
        using var tmp = new TempFolder();
        tmp.Write("x.txt", "");
        Assert.Equal(2, Cli.Run(Repo.Root, "release", tmp.Path).Exit);
        Assert.Equal(2, Cli.Run(Repo.Root, "release", Path.Combine(Repo.Root, "..")).Exit);
    }
}
