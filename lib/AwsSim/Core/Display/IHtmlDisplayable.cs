namespace AwsSim.Display;

/// <summary>
/// An object that can show itself as HTML (a table, a card, an inline SVG picture). In a notebook, a type that
/// implements this and carries <c>[TypeFormatterSource(typeof(HtmlFormatterSource))]</c> displays as that HTML when a
/// cell returns it or calls <c>display(x)</c>; in a terminal it prints its <see cref="object.ToString"/>.
/// </summary>
public interface IHtmlDisplayable
{
    /// <summary>The object as a self-contained HTML fragment: inline styles, no scripts, nothing from the network.</summary>
    string ToHtml();
}
