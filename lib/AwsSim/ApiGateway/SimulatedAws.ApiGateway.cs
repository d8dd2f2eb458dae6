using AwsSim.ApiGateway;

namespace AwsSim;

public sealed partial class SimulatedAws
{
    private ApiGatewayService? _apiGateway;

    /// <summary>Amazon API Gateway: REST and HTTP APIs in front of Lambda functions.</summary>
    public ApiGatewayService ApiGateway => _apiGateway ??= new ApiGatewayService(this);
}
