using System.Globalization;

namespace Course;

/// <summary>
/// The command line after the command name: positional words, <c>--name value</c> options and <c>--flag</c> switches.
/// Every option read is checked off, so an unknown or misspelled option is an error, not silently ignored.
/// </summary>
internal sealed class Args
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Parses the words. <paramref name="flags"/> are the options that take no value.</summary>
    public Args(IEnumerable<string> words, params string[] flags)
    {
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var w = list[i];
            if (w == "--") { Positional.AddRange(list.Skip(i + 1)); break; }
            if (w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2)
            {
                var eq = w.IndexOf('=');
                var name = eq > 0 ? w[2..eq] : w[2..];
                if (_options.ContainsKey(name)) throw new UsageException($"--{name} is given twice");
                if (eq > 0 && (flags.Contains(name) || name == "help")) throw new UsageException($"--{name} = '{w[(eq + 1)..]}' is not allowed: --{name} is a switch and takes no value");
                if (eq > 0) _options[name] = w[(eq + 1)..];
                else if (flags.Contains(name) || name == "help") _options[name] = null;
                else if (i + 1 < list.Count) _options[name] = list[++i];
                else throw new UsageException($"--{name} needs a value");
            }
            else
            {
                Positional.Add(w);
            }
        }
    }

    /// <summary>Words that are not options, in order.</summary>
    public List<string> Positional { get; } = new();

    /// <summary>True when <c>--help</c> was given.</summary>
    public bool Help => _options.ContainsKey("help");

    /// <summary>True when the switch was given.</summary>
    public bool Flag(string name) { _used.Add(name); return _options.ContainsKey(name); }

    /// <summary>The option's text, or null when it was not given; given empty, it is a usage error.</summary>
    public string? Text(string name)
    {
        _used.Add(name);
        var value = _options.GetValueOrDefault(name);
        if (value is { Length: 0 } || (value is not null && value.Trim().Length == 0))
        {
            throw new UsageException($"--{name} = '{value}' is not allowed: it needs a value");
        }
        return value;
    }

    /// <summary>The option as a whole number, or the default; anything else is a usage error naming the option.</summary>
    public long Long(string name, long? fallback = null)
    {
        var s = Text(name);
        if (s is null) return fallback ?? throw new UsageException($"--{name} is required");
        return long.TryParse(s.Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw new UsageException($"--{name} = '{s}' is not allowed: must be a whole number");
    }

    /// <summary>The option as a number, or the default.</summary>
    public double Double(string name, double? fallback = null)
    {
        var s = Text(name);
        if (s is null) return fallback ?? throw new UsageException($"--{name} is required");
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw new UsageException($"--{name} = '{s}' is not allowed: must be a number");
    }

    /// <summary>Fails on any option that no part of the command read.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k) && k != "help").ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option --{unknown[0]}");
    }
}
