namespace AwsSim.Display;

/// <summary>
/// Tells a .NET Interactive kernel (Polyglot Notebooks, <c>course run</c>) which class makes the formatters for the
/// type it is put on, without this library depending on .NET Interactive.
/// </summary>
/// <remarks>
/// Microsoft.DotNet.Interactive.Formatting looks for an attribute whose type is <b>named</b>
/// <c>TypeFormatterSourceAttribute</c> (any namespace) on the value's type and its base classes (not its interfaces),
/// reads its <c>FormatterSourceType</c> property, creates that type, calls its <c>CreateTypeFormatters()</c> and uses
/// every returned object that has a <c>MimeType</c> string property and a <c>bool Format(object, TextWriter)</c>
/// method. It is internal on purpose: each assembly declares its own copy (another assembly of the course copies
/// these few lines and points at <see cref="HtmlFormatterSource"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The class with a public parameterless constructor and a <c>CreateTypeFormatters()</c> method.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types to show, best first (read by newer kernels).</summary>
    public string[] PreferredMimeTypes { get; set; } = [HtmlFormatterSource.HtmlMimeType, HtmlFormatterSource.PlainTextMimeType];
}
