using AwsSim.ApiGateway;

namespace AwsSim.Http;

/// <summary>Settings for <see cref="LocalApiServer"/>.</summary>
public sealed record LocalApiServerOptions
{
    /// <summary>The TCP port on 127.0.0.1; 0 (the default) lets the system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// How far the simulated clock moves for each request (1 ms by default), so token buckets refill and request times
    /// advance while real requests arrive. <see cref="TimeSpan.Zero"/> leaves the clock alone.
    /// </summary>
    public TimeSpan SimulatedTimePerRequest { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Largest request body accepted (API Gateway's 10 MB); larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = ApiGatewayLimits.MaxPayloadBytes;

    /// <summary>
    /// Largest total size of request headers (names and values): API Gateway's quota of 10,240 bytes by default.
    /// Larger header sections get 431 Request Header Fields Too Large from Kestrel.
    /// </summary>
    public int MaxRequestHeadersTotalBytes { get; init; } = ApiGatewayLimits.MaxHeaderBytes;

    /// <summary>Where errors inside the server are written (null: nowhere).</summary>
    public TextWriter? ErrorLog { get; init; }
}
