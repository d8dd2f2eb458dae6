using AwsSim.ApiGateway;

namespace AwsSim.Tests.ApiGateway;

public class ApiGatewayPricingTests
{
    [Theory]
    // REST: $3.50/M for the first 333M, $2.80/M for the next 667M, $2.38/M for the next 19B, $1.51/M above 20B.
    [InlineData(ApiProtocol.Rest, 1_000_000, false, "3.5")]
    [InlineData(ApiProtocol.Rest, 333_000_000, false, "1165.5")]
    [InlineData(ApiProtocol.Rest, 1_000_000_000, false, "3033.1")] // 1165.5 + 667 × 2.80
    [InlineData(ApiProtocol.Rest, 21_000_000_000, false, "49763.1")] // 3033.1 + 19,000 × 2.38 (45,220) + 1,000 × 1.51 (1,510)
    [InlineData(ApiProtocol.Rest, 5_000_000, true, "14")] // 4M billable × 3.50
    // HTTP: $1.00/M for the first 300M, $0.90/M after.
    [InlineData(ApiProtocol.Http, 300_000_000, false, "300")]
    [InlineData(ApiProtocol.Http, 400_000_000, false, "390")]
    [InlineData(ApiProtocol.Http, 1_000_000, true, "0")]
    [InlineData(ApiProtocol.Http, 0, true, "0")]
    public void Monthly_cost_follows_the_tiers(ApiProtocol protocol, long requests, bool freeTier, string usd)
        => Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), ApiGatewayPricing.MonthlyCost(protocol, requests, freeTier));

    [Fact]
    public void Rest_and_http_together_each_get_their_own_free_million()
    {
        var bill = ApiGatewayPricing.MonthlyBill(restRequests: 2_000_000, httpRequests: 2_000_000);
        Assert.Equal(3.5m + 1m, bill.Total);
        Assert.All(bill.Items, i => Assert.Equal(ApiGatewayPricing.Service, i.Service));
    }

    [Fact]
    public void Negative_requests_are_refused()
        => Assert.Equal("requests", Assert.Throws<AwsValidationException>(() => ApiGatewayPricing.MonthlyBill(ApiProtocol.Rest, -1)).Field);

    [Fact]
    public void The_tier_for_the_next_request_follows_the_month_so_far()
    {
        Assert.Equal("apigateway.rest.tier1", ApiGatewayPricing.TierFor(ApiProtocol.Rest, 332_999_999).Key);
        Assert.Equal("apigateway.rest.tier2", ApiGatewayPricing.TierFor(ApiProtocol.Rest, 333_000_000).Key);
        Assert.Equal("apigateway.http.tier2", ApiGatewayPricing.TierFor(ApiProtocol.Http, 300_000_000).Key);
    }
}
