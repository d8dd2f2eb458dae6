using AwsSim;
using AwsSim.ApiGateway;

namespace Course.Commands;

/// <summary><c>course price apigateway --requests N [--type rest|http] [--no-free-tier]</c>.</summary>
internal sealed class ApiGatewayPricer : IPricer
{
    public string Service => "apigateway";

    public string Usage => "apigateway --requests <N> [--type rest|http] [--no-free-tier]";

    public string[] Flags => ["no-free-tier"];

    public (string Title, Bill Bill) Price(Args args)
    {
        var requests = args.Long("requests");
        var type = args.Text("type") ?? "rest";
        var freeTier = !args.Flag("no-free-tier");
        Validate.NonNegative("--requests", requests, "requests");
        var protocol = type switch
        {
            "rest" => ApiProtocol.Rest,
            "http" => ApiProtocol.Http,
            _ => throw new UsageException($"--type = '{type}' is not allowed: must be rest or http"),
        };
        var title = $"Amazon API Gateway, one month: {requests:#,0} {(protocol == ApiProtocol.Rest ? "REST" : "HTTP")} API requests, free tier {(freeTier ? "on" : "off")}";
        return (title, ApiGatewayPricing.MonthlyBill(protocol, requests, freeTier));
    }
}
