using Exercises.Checks;

namespace Course.Tests;

/// <summary>
/// One exercise's exception, endless loop or flood of output is contained: it scores 0 for that exercise only, and the
/// exercises graded after it are unaffected. Hand-made exercise definitions, graded against hand-written snapshots.
/// </summary>
public sealed class GraderContainmentTests : IDisposable
{
    private readonly TempFolder _snapshots = new("grader-snaps");

    public GraderContainmentTests()
    {
        foreach (var id in new[] { "t.good", "t.throws", "t.loops", "t.prints", "t.huge", "t.after" })
        {
            _snapshots.Write(SnapshotFile.FileName(id), "[\n  \"1 → 2\",\n  \"2 → 4\"\n]");
        }
    }

    public void Dispose() => _snapshots.Dispose();

    private static ExerciseDefinition Def(string id, Func<int, int> answer, double seconds = 5)
        => new(id, "test " + id, 2, $"exercises/T/{id}.cs",
            () => Cases.Each(new[] { 1, 2 }, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), answer, r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "double it", TimeSpan.FromSeconds(seconds));

    private static ExerciseDefinition Raw(string id, Func<IReadOnlyList<string>> answer, double seconds = 5)
        => new(id, "test " + id, 2, $"exercises/T/{id}.cs", answer, "double it", TimeSpan.FromSeconds(seconds));

    [Fact]
    public void A_right_answer_passes_with_its_points()
    {
        var v = Grader.Grade(Def("t.good", i => i * 2), _snapshots.Path);
        Assert.Equal(VerdictStatus.Passed, v.Status);
        Assert.Equal(2, v.PointsEarned);
    }

    [Fact]
    public void An_exception_is_one_line_of_the_answer_and_fails_only_that_exercise()
    {
        var bad = Grader.Grade(Def("t.throws", i => i == 2 ? throw new InvalidOperationException("no twos") : i * 2), _snapshots.Path);
        var good = Grader.Grade(Def("t.after", i => i * 2), _snapshots.Path);
        Assert.Equal(VerdictStatus.Failed, bad.Status);
        Assert.Equal(0, bad.PointsEarned);
        Assert.Contains("line 2 differs", bad.Summary, StringComparison.Ordinal);
        Assert.Contains(bad.Details, d => d.Contains("threw InvalidOperationException: no twos", StringComparison.Ordinal));
        Assert.Contains(bad.Details, d => d == "hint: double it");
        Assert.Equal(VerdictStatus.Passed, good.Status);
    }

    [Fact]
    public void An_exception_outside_the_cases_fails_the_exercise_naming_it()
    {
        var v = Grader.Grade(Raw("t.throws", () => throw new ArgumentException("bad start")), _snapshots.Path);
        Assert.Equal(VerdictStatus.Failed, v.Status);
        Assert.Equal("your code threw ArgumentException", v.Summary);
        Assert.Contains("ArgumentException: bad start", v.Details);
    }

    [Fact]
    public void An_endless_loop_times_out_with_the_limit_in_the_message_and_the_next_exercise_still_passes()
    {
        var loop = Grader.Grade(Def("t.loops", i => { while (true) { } }, seconds: 0.3), _snapshots.Path);
        var after = Grader.Grade(Def("t.after", i => i * 2), _snapshots.Path);
        Assert.Equal(VerdictStatus.Failed, loop.Status);
        Assert.StartsWith("timed out after 0.3 s", loop.Summary, StringComparison.Ordinal);
        Assert.Equal(0, loop.PointsEarned);
        Assert.Equal(VerdictStatus.Passed, after.Status);
    }

    [Fact]
    public void The_time_limit_variable_overrides_the_definition()
    {
        var old = Environment.GetEnvironmentVariable(Grader.TimeLimitVariable);
        Environment.SetEnvironmentVariable(Grader.TimeLimitVariable, "0.2");
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(0.2), Grader.TimeLimitOf(Def("t.loops", i => i, seconds: 30)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Grader.TimeLimitVariable, old);
        }
        Assert.Equal(TimeSpan.FromSeconds(30), Grader.TimeLimitOf(Def("t.loops", i => i, seconds: 30)));
    }

    [Fact]
    public void A_flood_of_printing_is_cut_and_shown_only_with_its_own_exercise()
    {
        var original = Console.Out;
        var console = new StringWriter();
        Console.SetOut(console);
        try
        {
            var flood = Grader.Grade(Raw("t.prints", () =>
            {
                for (var i = 0; i < 200_000; i++) Console.WriteLine("spam spam spam " + i);
                throw new InvalidOperationException("after the flood");
            }), _snapshots.Path);
            var after = Grader.Grade(Def("t.after", i => i * 2), _snapshots.Path);

            Assert.Equal(VerdictStatus.Failed, flood.Status);
            var printed = Assert.Single(flood.Details, d => d.StartsWith("your code printed: ", StringComparison.Ordinal));
            Assert.True(printed.Length < 10_000, $"the captured output is bounded, was {printed.Length} characters");
            Assert.Contains("(output cut)", printed, StringComparison.Ordinal);
            Assert.Equal(VerdictStatus.Passed, after.Status);
            Assert.DoesNotContain("spam", console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public void A_loop_that_keeps_printing_after_its_time_limit_never_reaches_the_console_or_the_next_exercise()
    {
        var original = Console.Out;
        var console = new StringWriter();
        Console.SetOut(console);
        var stop = false;
        try
        {
            var loop = Grader.Grade(Raw("t.loops", () =>
            {
                while (!Volatile.Read(ref stop)) Console.WriteLine("still here");
                return Array.Empty<string>();
            }, seconds: 0.3), _snapshots.Path);
            var after = Grader.Grade(Raw("t.after", () =>
            {
                Console.WriteLine("mine");
                return ["1 → 3", "2 → 4"];
            }), _snapshots.Path);

            Assert.StartsWith("timed out after 0.3 s", loop.Summary, StringComparison.Ordinal);
            Assert.Equal(VerdictStatus.Failed, after.Status);
            Assert.Equal("not quite: line 1 differs", after.Summary);
            Assert.DoesNotContain("still here", string.Join("\n", after.Details), StringComparison.Ordinal);
            Assert.DoesNotContain("still here", console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            Console.SetOut(original);
        }
    }

    [Fact]
    public void A_huge_answer_fails_as_too_large()
    {
        var v = Grader.Grade(Raw("t.huge", () => Enumerable.Range(0, Grader.MaxLines + 1).Select(i => "x").ToList()), _snapshots.Path);
        Assert.Equal(VerdictStatus.Failed, v.Status);
        Assert.StartsWith("your answer is too large", v.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stub_is_not_attempted_even_when_the_exception_is_wrapped()
    {
        var direct = Grader.Grade(Raw("t.good", () => throw new NotImplementedException()), _snapshots.Path);
        var wrapped = Grader.Grade(Raw("t.good", () => throw new AggregateException(new NotImplementedException())), _snapshots.Path);
        Assert.Equal(VerdictStatus.NotAttempted, direct.Status);
        Assert.Equal(VerdictStatus.NotAttempted, wrapped.Status);
        Assert.Equal("not attempted yet: edit exercises/T/t.good.cs", direct.Summary);
    }
}
