namespace AwsSim.Tests.Core;

public class BillTests
{
    [Fact]
    public void Total_adds_exact_amounts_and_rounds_only_for_display()
    {
        var bill = new Bill();
        bill.Add(new LineItem("S", "a", 1, "u", 0.004m, 0.004m));
        bill.Add(new LineItem("S", "b", 1, "u", 0.004m, 0.004m));
        Assert.Equal(0.008m, bill.Total);
        Assert.Equal("$0.01", Money.Format(bill.Total));
    }

    [Fact]
    public void Text_and_html_show_every_line_and_the_total()
    {
        var bill = new Bill(new[] { new LineItem("AWS Lambda", "Requests", 2_000_000, "requests", 0.0000002m, 0.4m) });
        Assert.Contains("2,000,000 requests", bill.ToText());
        Assert.EndsWith("Total: $0.40", bill.ToText());
        Assert.Contains("<table", bill.ToHtml());
        Assert.Contains("$0.40", bill.ToHtml());
    }

    [Fact]
    public void Summarized_merges_lines_of_the_same_kind()
    {
        var bill = new Bill();
        for (var i = 0; i < 3; i++) bill.Add(new LineItem("S", "a", 2, "u", 1m, 2m));
        var s = bill.Summarized();
        Assert.Single(s.Items);
        Assert.Equal(6m, s.Items[0].Quantity);
        Assert.Equal(bill.Total, s.Total);
    }
}
