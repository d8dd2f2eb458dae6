namespace Exercises.Checks;

/// <summary>
/// .NET Interactive finds formatter sources by the attribute's <b>name</b>, so declaring our own keeps this library free of
/// any dependency on it: in a notebook a verdict shows as its coloured HTML card (and as text in a terminal).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>Creates the HTML and plain-text formatters for <see cref="Verdict"/> and verdict lists.</summary>
internal sealed class VerdictFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new VerdictFormatter("text/html", v => v.ToHtml());
        yield return new VerdictFormatter("text/plain", v => v.ToString());
    }

    private sealed class VerdictFormatter(string mimeType, Func<Verdict, string> render)
    {
        public string MimeType { get; } = mimeType;

        public Type Type => typeof(Verdict);

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Verdict v) return false;
            writer.Write(render(v));
            return true;
        }
    }
}
