using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Exercises.Checks;

/// <summary>
/// A ladder of hints, from a gentle nudge to a specific pointer, shown one at a time (<c>course check &lt;id&gt; --hint 1</c>,
/// then <c>--hint 2</c>; in a notebook <c>Check.Hint("&lt;id&gt;", 1)</c>). No hint states the whole answer. Nothing is
/// remembered between calls: the learner asks for the level they want. Anything with an id can carry one (an exercise,
/// a later lab): see <see cref="IHintSource"/> and <see cref="HintBook"/>.
/// </summary>
[CollectionBuilder(typeof(Hints), nameof(Create))]
public sealed class Hints : IReadOnlyList<string>
{
    private readonly string[] _steps;

    /// <summary>Hints in order of increasing specificity.</summary>
    public Hints(params IEnumerable<string> steps)
    {
        _steps = steps.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToArray();
    }

    /// <summary>No hints.</summary>
    public static Hints None { get; } = new();

    /// <summary>For collection expressions: <c>["first nudge", "more specific"]</c>.</summary>
    public static Hints Create(ReadOnlySpan<string> steps) => new(steps.ToArray());

    /// <summary>A single hint (what exercise definitions had before hints became a ladder).</summary>
    public static implicit operator Hints(string hint) => new(hint);

    /// <inheritdoc />
    public int Count => _steps.Length;

    /// <inheritdoc />
    public string this[int index] => _steps[index];

    /// <summary>
    /// Hint <paramref name="level"/> (1-based) as shown to a learner: "hint 1 of 3: …", then how to ask for the next one.
    /// <paramref name="ask"/> turns a level into the command that shows it (e.g. <c>n =&gt; $"course check lambda.bill --hint {n}"</c>).
    /// </summary>
    public string Show(int level, Func<int, string> ask)
    {
        if (_steps.Length == 0) return "There are no hints for this one.";
        if (level < 1 || level > _steps.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"There are {_steps.Length} hints: ask for one of 1–{_steps.Length} ({ask(1)}).");
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"hint {level} of {_steps.Length}: {_steps[level - 1]}");
        return level < _steps.Length
            ? text + string.Create(CultureInfo.InvariantCulture, $"\n(still stuck? {ask(level + 1)})")
            : text + "\n(that is the last hint: the lesson's worked examples show the rest)";
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_steps).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Something other than an exercise that has hints (a lab, a guided task): found by reflection, like exercise sets.</summary>
public interface IHintSource
{
    /// <summary>Hint ladders by id (ids share the exercises' namespace: <c>&lt;area&gt;.&lt;name&gt;</c>).</summary>
    IEnumerable<KeyValuePair<string, Hints>> Hints { get; }
}

/// <summary>Every hint ladder: the exercises' and those of any <see cref="IHintSource"/> in this assembly.</summary>
public static class HintBook
{
    private static readonly Lazy<IReadOnlyDictionary<string, Hints>> s_all = new(Load);

    /// <summary>The ladder for an id, or null when there is none.</summary>
    public static Hints? Find(string id) => s_all.Value.GetValueOrDefault(id);

    /// <summary>Every id with hints.</summary>
    public static IEnumerable<string> Ids => s_all.Value.Keys;

    /// <summary>
    /// What <c>course check &lt;id&gt; --hint &lt;level&gt;</c> prints; <paramref name="ask"/> names the command for another
    /// level (default: the course CLI's).
    /// </summary>
    public static string Show(string id, int level, Func<int, string>? ask = null)
    {
        var hints = Find(id) ?? throw new KeyNotFoundException($"No hints for '{id}'. Ids with hints: {string.Join(", ", Ids)}");
        return hints.Show(level, ask ?? (n => string.Create(CultureInfo.InvariantCulture, $"course check {id} --hint {n}")));
    }

    private static IReadOnlyDictionary<string, Hints> Load()
    {
        var all = new Dictionary<string, Hints>(StringComparer.Ordinal);
        foreach (var e in ExerciseCatalog.All) all[e.Id] = e.Hints;
        var sources = typeof(HintBook).Assembly.GetTypes()
            .Where(t => typeof(IHintSource).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IHintSource)Activator.CreateInstance(t)!);
        foreach (var (id, hints) in sources.SelectMany(s => s.Hints))
        {
            if (!all.TryAdd(id, hints)) throw new InvalidOperationException($"Hints for '{id}' are defined twice.");
        }
        return all;
    }
}
