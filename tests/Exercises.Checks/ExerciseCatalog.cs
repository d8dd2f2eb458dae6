namespace Exercises.Checks;

/// <summary>Every exercise in the course, found by reflection over the <see cref="IExerciseSet"/>s in this assembly.</summary>
public static class ExerciseCatalog
{
    private static readonly Lazy<IReadOnlyList<ExerciseDefinition>> s_all = new(Load);

    /// <summary>All exercises, ordered by id.</summary>
    public static IReadOnlyList<ExerciseDefinition> All => s_all.Value;

    /// <summary>The exercise with this id; throws listing the known ids when there is none.</summary>
    public static ExerciseDefinition Get(string id)
        => All.FirstOrDefault(e => e.Id == id)
           ?? throw new KeyNotFoundException($"No exercise '{id}'. Known: {string.Join(", ", All.Select(e => e.Id))}");

    /// <summary>
    /// Exercises matching a selector: an exercise id (<c>lambda.bill</c>), a service (<c>lambda</c>), or null/empty/"all" for all.
    /// </summary>
    public static IReadOnlyList<ExerciseDefinition> Select(string? selector)
    {
        if (string.IsNullOrEmpty(selector) || selector == "all") return All;
        var exact = All.Where(e => e.Id == selector).ToList();
        if (exact.Count > 0) return exact;
        var service = All.Where(e => e.Service == selector).ToList();
        if (service.Count > 0) return service;
        throw new KeyNotFoundException($"'{selector}' is neither an exercise id nor a service. Services: {string.Join(", ", All.Select(e => e.Service).Distinct())}; exercises: {string.Join(", ", All.Select(e => e.Id))}");
    }

    private static IReadOnlyList<ExerciseDefinition> Load()
    {
        var sets = typeof(ExerciseCatalog).Assembly.GetTypes()
            .Where(t => typeof(IExerciseSet).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IExerciseSet)Activator.CreateInstance(t)!);
        var all = sets.SelectMany(s => s.Exercises).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var dup = all.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"Exercise id '{dup.Key}' is defined {dup.Count()} times.");
        return all;
    }
}
