namespace Exercises.Checks;

/// <summary>Every exercise in the course, found by reflection over the <see cref="IExerciseSet"/>s in this assembly.</summary>
public static class ExerciseCatalog
{
    private static readonly Lazy<IReadOnlyList<ExerciseDefinition>> s_all = new(Load);

    /// <summary>All exercises in lesson order (lesson, then the order the lesson introduces them); any without a lesson last, by id.</summary>
    public static IReadOnlyList<ExerciseDefinition> All => s_all.Value;

    /// <summary>The exercise with this id; throws listing the known ids when there is none.</summary>
    public static ExerciseDefinition Get(string id)
        => All.FirstOrDefault(e => e.Id == id)
           ?? throw new KeyNotFoundException($"No exercise '{id}'. Known: {string.Join(", ", All.Select(e => e.Id))}");

    /// <summary>
    /// Exercises matching a selector, in lesson order: an exercise id (<c>lambda.bill</c>), a service (<c>lambda</c>), a
    /// lesson by name or number (<c>06-cron</c>, <c>cron</c>, <c>06</c>, <c>6</c>), or null/empty/"all" for all.
    /// </summary>
    public static IReadOnlyList<ExerciseDefinition> Select(string? selector)
    {
        if (string.IsNullOrEmpty(selector) || selector == "all") return All;
        var exact = All.Where(e => e.Id == selector).ToList();
        if (exact.Count > 0) return exact;
        var service = All.Where(e => e.Service == selector).ToList();
        if (service.Count > 0) return service;
        var lesson = All.Where(e => IsLesson(e.Lesson, selector)).ToList();
        if (lesson.Count > 0) return lesson;
        throw new KeyNotFoundException($"'{selector}' is not an exercise id, a service or a lesson. Lessons: {string.Join(", ", All.Select(e => e.Lesson).Where(l => l.Length > 0).Distinct())}; services: {string.Join(", ", All.Select(e => e.Service).Distinct())}; exercises: {string.Join(", ", All.Select(e => e.Id))}");
    }

    /// <summary>
    /// True when <paramref name="selector"/> names <paramref name="lesson"/> (<c>06-cron</c>): in full, by the name after its
    /// number (<c>cron</c>) or by its number (<c>06</c> or <c>6</c>).
    /// </summary>
    public static bool IsLesson(string lesson, string selector)
    {
        if (lesson.Length == 0 || selector.Length == 0) return false;
        if (string.Equals(lesson, selector, StringComparison.OrdinalIgnoreCase)) return true;
        var dash = lesson.IndexOf('-', StringComparison.Ordinal);
        var number = dash < 0 ? lesson : lesson[..dash];
        if (dash >= 0 && string.Equals(lesson[(dash + 1)..], selector, StringComparison.OrdinalIgnoreCase)) return true;
        return int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
               && int.TryParse(selector, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
               && n == m;
    }

    private static IReadOnlyList<ExerciseDefinition> Load()
    {
        var sets = typeof(ExerciseCatalog).Assembly.GetTypes()
            .Where(t => typeof(IExerciseSet).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IExerciseSet)Activator.CreateInstance(t)!);
        var all = sets
            .SelectMany(s => s.Exercises.Select((e, i) => (Exercise: e.Lesson.Length == 0 ? e with { Lesson = s.Lesson } : e, Index: i)))
            .OrderBy(x => x.Exercise.Lesson.Length == 0 ? 1 : 0)
            .ThenBy(x => x.Exercise.Lesson, StringComparer.Ordinal)
            .ThenBy(x => x.Exercise.Lesson.Length == 0 ? x.Exercise.Id : "", StringComparer.Ordinal)
            .Select(x => x.Exercise)
            .ToList();
        var dup = all.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"Exercise id '{dup.Key}' is defined {dup.Count()} times.");
        return all;
    }
}
