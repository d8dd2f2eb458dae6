using System.Net;
using System.Reflection;

namespace AwsSim.Display;

/// <summary>
/// The formatters a notebook kernel uses for the library's objects, found by convention through
/// <see cref="TypeFormatterSourceAttribute"/>: <c>text/html</c> from <see cref="IHtmlDisplayable.ToHtml"/> (or a public
/// <c>string ToHtml()</c> / <c>string ToSvg()</c> method), and <c>text/plain</c> from <see cref="object.ToString"/>.
/// </summary>
public sealed class HtmlFormatterSource
{
    /// <summary>The HTML MIME type.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>The plain-text MIME type.</summary>
    public const string PlainTextMimeType = "text/plain";

    /// <summary>The formatters, in the shape the kernel expects (<c>MimeType</c> and <c>Format(object, TextWriter)</c>).</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new HtmlFormatter();
        yield return new PlainTextFormatter();
    }

    /// <summary>
    /// The object's HTML: <see cref="IHtmlDisplayable.ToHtml"/>, else a public parameterless <c>ToHtml()</c> or
    /// <c>ToSvg()</c> returning a string; null when it has none.
    /// </summary>
    public static string? HtmlOf(object? value)
    {
        switch (value)
        {
            case null: return null;
            case IHtmlDisplayable d: return d.ToHtml();
        }
        foreach (var name in new[] { "ToHtml", "ToSvg" })
        {
            // A picture method may take optional settings (a title, a width): call it with their defaults.
            var method = value.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == name && m.ReturnType == typeof(string) && m.GetParameters().All(p => p.IsOptional))
                .OrderBy(m => m.GetParameters().Length)
                .FirstOrDefault();
            if (method is not null) return (string?)method.Invoke(value, method.GetParameters().Select(p => p.DefaultValue).ToArray());
        }
        return null;
    }

    /// <summary>Writes <c>text/html</c> for an object that has HTML (see <see cref="HtmlOf"/>).</summary>
    public sealed class HtmlFormatter
    {
        /// <summary>Always <c>text/html</c>.</summary>
        public string MimeType => HtmlMimeType;

        /// <summary>Writes the object's HTML; false (so the kernel falls back) when it has none.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            var html = HtmlOf(instance);
            if (html is null) return false;
            writer.Write(html);
            return true;
        }
    }

    /// <summary>Writes <c>text/plain</c>: the object's <see cref="object.ToString"/> (e.g. a bill's aligned table).</summary>
    public sealed class PlainTextFormatter
    {
        /// <summary>Always <c>text/plain</c>.</summary>
        public string MimeType => PlainTextMimeType;

        /// <summary>Writes the object's text.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (instance is null) return false;
            writer.Write(instance.ToString());
            return true;
        }
    }

    /// <summary>Encodes text for HTML (a small convenience for types that build their own <c>ToHtml</c>).</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
