using System.Globalization;
using System.Net;
using System.Text;
using AwsSim.Display;

namespace AwsSim;

/// <summary>
/// An itemized bill. Every charge the simulator makes is a <see cref="LineItem"/> here, priced from the
/// <see cref="PriceList"/>; nothing is charged anywhere else. In a notebook it displays as its <see cref="ToHtml"/> table.
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class Bill : IHtmlDisplayable
{
    private readonly List<LineItem> _items = new();
    private readonly object _gate = new();

    /// <summary>Creates an empty bill.</summary>
    public Bill(IEnumerable<LineItem>? items = null)
    {
        if (items is not null) _items.AddRange(items);
    }

    /// <summary>The lines, in the order they were added.</summary>
    public IReadOnlyList<LineItem> Items { get { lock (_gate) { return _items.ToArray(); } } }

    /// <summary>The exact total in USD (lines are not rounded one by one).</summary>
    public decimal Total { get { lock (_gate) { return _items.Sum(i => i.Amount); } } }

    /// <summary>Adds a line.</summary>
    public void Add(LineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate) { _items.Add(item); }
    }

    /// <summary>Adds several lines.</summary>
    public void AddRange(IEnumerable<LineItem> items)
    {
        foreach (var i in items) Add(i);
    }

    /// <summary>The total per service, largest first.</summary>
    public IReadOnlyList<(string Service, decimal Amount)> ByService()
        => Items.GroupBy(i => i.Service).Select(g => (g.Key, g.Sum(i => i.Amount)))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The lines with the same service, usage type, unit and unit price merged into one (quantities and amounts
    /// added), in first-seen order: what a monthly invoice shows.
    /// </summary>
    public Bill Summarized()
        => new(Items.GroupBy(i => (i.Service, i.UsageType, i.Unit, i.UnitPrice, i.PriceKey))
            .Select(g => g.First() with { Quantity = g.Sum(i => i.Quantity), Amount = g.Sum(i => i.Amount), Note = g.Select(i => i.Note).Distinct().Count() == 1 ? g.First().Note : null }));

    /// <summary>The bill as an aligned text table with a total line.</summary>
    public string ToText()
    {
        var rows = Items.Select(i => new[] { i.Service, i.UsageType, Money.Quantity(i.Quantity) + " " + i.Unit, Money.UnitPrice(i.UnitPrice), Money.Format(i.Amount), i.Note ?? "" }).ToList();
        var header = new[] { "Service", "Usage", "Quantity", "Unit price", "Amount", "Note" };
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in all)
        {
            sb.AppendLine(string.Join("  ", r.Select((cell, c) => c is 2 or 3 or 4 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
        sb.Append("Total: ").Append(Money.Format(Total));
        return sb.ToString();
    }

    /// <summary>The bill as an HTML table, for notebooks and exported pages.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"aws-bill\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">");
        sb.Append("<thead><tr>");
        foreach (var h in new[] { "Service", "Usage", "Quantity", "Unit price", "Amount", "Note" })
            sb.Append("<th style=\"text-align:left;border-bottom:2px solid #232f3e;padding:4px 8px\">").Append(h).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var i in Items)
        {
            sb.Append("<tr>");
            Cell(sb, i.Service); Cell(sb, i.UsageType); Cell(sb, Money.Quantity(i.Quantity) + " " + i.Unit, right: true);
            Cell(sb, Money.UnitPrice(i.UnitPrice), right: true); Cell(sb, Money.Format(i.Amount), right: true); Cell(sb, i.Note ?? "");
            sb.Append("</tr>");
        }
        sb.Append("</tbody><tfoot><tr><td colspan=\"4\" style=\"padding:4px 8px;font-weight:bold;border-top:2px solid #232f3e\">Total</td>");
        sb.Append("<td style=\"padding:4px 8px;font-weight:bold;text-align:right;border-top:2px solid #232f3e\">").Append(Money.Format(Total)).Append("</td><td style=\"border-top:2px solid #232f3e\"></td></tr></tfoot></table>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    private static void Cell(StringBuilder sb, string text, bool right = false)
        => sb.Append("<td style=\"padding:4px 8px;border-bottom:1px solid #ddd").Append(right ? ";text-align:right" : "").Append("\">")
             .Append(WebUtility.HtmlEncode(text)).Append("</td>");

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
