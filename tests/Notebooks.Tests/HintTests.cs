using System.Text.RegularExpressions;
using Exercises.Checks;

namespace Notebooks.Tests;

/// <summary>
/// Hints nudge: every exercise has two or three, shown one at a time, and none gives away the reference answer (no hint
/// repeats a line or a string of the solution), and no lesson prints one either.
/// </summary>
public sealed partial class HintTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var e in ExerciseCatalog.All) data.Add(e.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_exercise_has_two_or_three_different_hints_shown_one_at_a_time(string id)
    {
        var hints = ExerciseCatalog.Get(id).Hints;
        Assert.InRange(hints.Count, 2, 3);
        Assert.Equal(hints.Count, hints.Distinct(StringComparer.Ordinal).Count());
        var first = HintBook.Show(id, 1);
        Assert.StartsWith($"hint 1 of {hints.Count}: {hints[0]}", first, StringComparison.Ordinal);
        Assert.Contains($"course check {id} --hint 2", first, StringComparison.Ordinal);
        Assert.DoesNotContain(hints[1], first, StringComparison.Ordinal);
        Assert.Contains("last hint", HintBook.Show(id, hints.Count), StringComparison.Ordinal);
        Assert.Contains($"ask for one of 1–{hints.Count}", HintBook.Show(id, hints.Count + 1), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void No_hint_and_no_lesson_repeats_the_reference_answer(string id)
    {
        var exercise = ExerciseCatalog.Get(id);
        Paths.RequireSolutions();
        var solution = File.ReadAllText(Path.Combine(Paths.Root, "solutions", exercise.StubFile["exercises/".Length..]));
        var stub = File.ReadAllText(Path.Combine(Paths.Root, exercise.StubFile));
        var hints = exercise.Hints.Select(Normalize).ToList();
        var lessons = string.Join('\n', Paths.NotebookNames.SelectMany(n => Paths.Cells(n)).Select(c => Normalize(c.Source)));

        // The answer's statements (what the stub does not already have), and its string literals (e.g. an expression).
        var statements = solution.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length >= 24 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("///", StringComparison.Ordinal)
                        && !l.StartsWith("public ", StringComparison.Ordinal) && !l.StartsWith("using ", StringComparison.Ordinal)
                        && !stub.Contains(l, StringComparison.Ordinal))
            .Select(l => Normalize(l.TrimEnd(';')));
        var literals = StringLiteral().Matches(solution).Select(m => m.Groups[1].Value)
            .Where(s => !stub.Contains(s, StringComparison.Ordinal)).Select(s => Normalize(s).Trim())
            .Where(s => s.Length >= 8 && s.Any(char.IsLetter));
        foreach (var answer in statements.Concat(literals).Distinct())
        {
            Assert.False(hints.Any(h => h.Contains(answer, StringComparison.Ordinal)), $"{id}: a hint gives away part of the reference answer: {answer}");
        }

        // A lesson teaches the API the answers use, so it is held to the answers themselves: what a method returns as is.
        foreach (var answer in ReturnedLiteral().Matches(solution).Select(m => m.Groups[1].Value).Where(s => s.Length >= 6))
        {
            Assert.False(lessons.Contains(answer, StringComparison.Ordinal), $"{id}: a lesson prints a reference answer: {answer}");
        }
    }

    private static string Normalize(string s) => Whitespace().Replace(s, " ");

    [GeneratedRegex("=>\\s*\"([^\"]+)\"\\s*;")]
    private static partial Regex ReturnedLiteral();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();
}
