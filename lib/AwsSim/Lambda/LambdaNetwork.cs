namespace AwsSim.Lambda;

/// <summary>
/// The network as functions see it. A function outside a VPC reaches the internet. A function in a VPC reaches the
/// internet only if one of its subnets routes to a NAT gateway (<see cref="AddNatGateway"/>); otherwise an outbound
/// connection hangs, which on AWS usually ends in "Task timed out".
/// </summary>
public sealed class LambdaNetwork
{
    private readonly HashSet<string> _natSubnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpResult> _responses = new(StringComparer.Ordinal);

    /// <summary>
    /// How long an internet request takes from a function (50 ms by default: a simulator assumption, not an AWS figure).
    /// </summary>
    public TimeSpan InternetLatency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Routes <paramref name="subnetId"/>'s internet traffic through a NAT gateway.</summary>
    public void AddNatGateway(string subnetId) => _natSubnets.Add(LambdaValidation.SubnetId(subnetId, "subnetId"));

    /// <summary>Removes the NAT route of a subnet.</summary>
    public bool RemoveNatGateway(string subnetId) => _natSubnets.Remove(subnetId);

    /// <summary>True when the subnet routes to a NAT gateway.</summary>
    public bool HasNatGateway(string subnetId) => _natSubnets.Contains(subnetId);

    /// <summary>Sets what a URL answers (by default: 200 with a short page).</summary>
    public void SetResponse(string url, HttpResult response) => _responses[url] = response;

    /// <summary>True when a function with this VPC configuration can reach the internet.</summary>
    public bool HasInternetAccess(VpcConfig? vpc) => vpc is null || vpc.SubnetIds.Count == 0 || vpc.SubnetIds.Any(_natSubnets.Contains);

    internal HttpResult Respond(string url) => _responses.TryGetValue(url, out var r) ? r : new HttpResult(200, $"<html><body>Simulated page for {url}</body></html>");
}
