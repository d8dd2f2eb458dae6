namespace AwsSim.Tests.Core;

public class PriceListTests
{
    [Fact]
    public void Every_price_has_a_source_and_the_date_it_was_read()
    {
        var list = PriceList.Default;
        Assert.NotEmpty(list.Prices);
        Assert.All(list.Prices, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Source), p.Key);
            Assert.False(string.IsNullOrWhiteSpace(p.SourceDate), p.Key);
            Assert.True(p.Read.Year >= 2026, p.Key);
            Assert.True(p.Price >= 0, p.Key);
        });
    }

    [Theory]
    [InlineData("lambda.requests", "0.0000002")]
    [InlineData("lambda.duration.x86_64.tier1", "0.0000166667")]
    [InlineData("lambda.duration.arm64.tier1", "0.0000133334")]
    [InlineData("lambda.ephemeral", "0.0000000309")]
    public void Lambda_prices_match_the_fact_sheet(string key, string expected)
        => Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PriceList.Default.Get(key).Price);

    [Fact]
    public void An_unknown_key_names_itself_and_its_neighbours()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => PriceList.Default.Get("lambda.nope"));
        Assert.Contains("lambda.nope", ex.Message);
        Assert.Contains("lambda.requests", ex.Message);
    }

    [Fact]
    public void A_price_without_a_source_is_rejected()
    {
        const string json = """{"region":"us-east-1","currency":"USD","prices":[{"key":"x","service":"S","description":"d","unit":"u","price":"1","sourceDate":"2026","read":"2026-11-27"}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => PriceList.Parse(json));
        Assert.Contains("'source'", ex.Message);
    }

    [Fact]
    public void Tiers_are_contiguous()
    {
        foreach (var prefix in new[] { "lambda.duration.x86_64.", "lambda.duration.arm64." })
        {
            var tiers = PriceList.Default.WithPrefix(prefix);
            Assert.Equal(0m, tiers[0].TierStart);
            for (var i = 1; i < tiers.Count; i++) Assert.Equal(tiers[i - 1].TierEnd, tiers[i].TierStart);
            Assert.Null(tiers[^1].TierEnd);
        }
    }
}
