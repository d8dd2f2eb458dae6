using System.Buffers;
using System.Net;
using AwsSim.ApiGateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AwsSim.Http;

/// <summary>
/// A real HTTP endpoint on your machine for one simulated API: Kestrel on 127.0.0.1 (loopback only) forwards every
/// request through the simulated API Gateway (routing, keys, throttling, the Lambda proxy integration) and writes
/// back what API Gateway would answer. Malformed requests get Kestrel's 400, oversized headers 431, bodies over
/// 10 MB 413.
/// </summary>
/// <example>
/// <code>
/// await using var server = new LocalApiServer(aws, shop.RestApi.Id);
/// var url = await server.StartAsync();           // http://127.0.0.1:54321
/// var text = await new HttpClient().GetStringAsync(url + "prod/hello");
/// await server.StopAsync();
/// </code>
/// </example>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly SimulatedAws _aws;
    private WebApplication? _app;
    private long _served;
    private long _failed;

    /// <summary>Creates a server for the API <paramref name="apiId"/> of <paramref name="aws"/> (not started yet).</summary>
    public LocalApiServer(SimulatedAws aws, string apiId, LocalApiServerOptions? options = null)
    {
        _aws = aws ?? throw new ArgumentNullException(nameof(aws));
        Api = aws.ApiGateway.GetApi(apiId);
        Options = options ?? new LocalApiServerOptions();
        Validate.Range("Port", Options.Port, 0, 65535);
    }

    /// <summary>The API it serves.</summary>
    public Api Api { get; }

    /// <summary>Its settings.</summary>
    public LocalApiServerOptions Options { get; }

    /// <summary>The base URL once started, e.g. <c>http://127.0.0.1:54321/</c>; null before.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>True between <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _app is not null;

    /// <summary>Requests answered through the API Gateway model.</summary>
    public long RequestsServed => Interlocked.Read(ref _served);

    /// <summary>Requests that failed inside the server (answered 500).</summary>
    public long RequestsFailed => Interlocked.Read(ref _failed);

    /// <summary>Creates and starts a server; returns it running.</summary>
    public static async Task<LocalApiServer> StartNewAsync(SimulatedAws aws, string apiId, int port = 0, CancellationToken cancellationToken = default)
    {
        var server = new LocalApiServer(aws, apiId, new LocalApiServerOptions { Port = port });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts listening on 127.0.0.1 and returns the base URL.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null) throw new InvalidOperationException($"The server is already running at {BaseAddress}.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Loopback only: nothing outside this machine can reach the simulator.
            k.Listen(IPAddress.Loopback, Options.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Options.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = Options.MaxRequestHeadersTotalBytes;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _app = app;
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return BaseAddress;
    }

    /// <summary>Stops listening; in-flight requests finish first (up to a few seconds).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            BaseAddress = null;
        }
    }

    /// <summary>Stops the server if it is running.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>The full URL of a path on this server, e.g. <c>Url("prod/hello")</c>.</summary>
    public Uri Url(string pathAndQuery)
        => new(BaseAddress ?? throw new InvalidOperationException("Start the server first."), pathAndQuery.TrimStart('/'));

    private async Task HandleAsync(HttpContext ctx)
    {
        byte[]? body;
        try
        {
            body = await ReadBodyAsync(ctx, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(ctx, ex.StatusCode == 413 ? GatewayResponses.RequestTooLarge() : GatewayResponses.Json(ex.StatusCode, "BAD_REQUEST", "Bad Request")).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return; // the client went away
        }

        ApiResponse response;
        try
        {
            // Only the simulation step is serialized (inside the model); reading, parsing and writing run in parallel.
            response = _aws.ApiGateway.SendAfter(Options.SimulatedTimePerRequest, Api.Id, ToApiRequest(ctx, body));
            Interlocked.Increment(ref _served);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            Options.ErrorLog?.WriteLine($"error: {ctx.Request.Method} {ctx.Request.Path}: {ex.GetType().Name}: {ex.Message}");
            response = GatewayResponses.Json(500, "DEFAULT_5XX", Api.Protocol == ApiProtocol.Rest ? "Internal server error" : "Internal Server Error") with { Problem = ex.Message };
        }
        await WriteAsync(ctx, response).ConfigureAwait(false);
    }

    private async Task<byte[]?> ReadBodyAsync(HttpContext ctx, CancellationToken ct)
    {
        var request = ctx.Request;
        // A request without Content-Length or chunked encoding (a plain GET) has no body: read nothing, allocate nothing.
        if (request.ContentLength == 0 || ctx.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false) return null;
        if (request.ContentLength > Options.MaxRequestBodyBytes) throw new BadHttpRequestException("Request body too large.", 413);
        if (request.ContentLength is { } length)
        {
            // Known length: read straight into an array of that size.
            var body = new byte[length];
            var read = 0;
            while (read < body.Length)
            {
                var n = await request.Body.ReadAsync(body.AsMemory(read), ct).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read == 0 ? null : read == body.Length ? body : body[..read];
        }
        // Chunked: grow a buffer from the pool.
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var total = 0;
            int m;
            while ((m = await request.Body.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0)
            {
                total += m;
                if (total > Options.MaxRequestBodyBytes) throw new BadHttpRequestException("Request body too large.", 413);
                if (total == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
            return total == 0 ? null : buffer[..total];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ApiRequest ToApiRequest(HttpContext ctx, byte[]? body)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString).ToString();
        if (!raw.StartsWith('/'))
        {
            // absolute-form (http://host/path) or asterisk-form (*)
            raw = Uri.TryCreate(raw, UriKind.Absolute, out var u) ? u.PathAndQuery : "/";
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in ctx.Request.Headers)
        {
            foreach (var v in h.Value) headers.Add(new(h.Key, v ?? ""));
        }
        return new ApiRequest(ctx.Request.Method, raw, headers, body)
        {
            SourceIp = ctx.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            Protocol = ctx.Request.Protocol,
        };
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResponse response)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (IsHopByHop(name)) continue;
            try { ctx.Response.Headers.Append(name, value); }
            catch (InvalidOperationException) { /* a header Kestrel refuses (e.g. control characters) is dropped */ }
        }
        if (response.RequestId is not null) ctx.Response.Headers["x-amzn-RequestId"] = response.RequestId;
        ctx.Response.ContentLength = response.Body.Length;
        if (response.Body.Length > 0 && !HttpMethods.IsHead(ctx.Request.Method))
        {
            try { await ctx.Response.Body.WriteAsync(response.Body, ctx.RequestAborted).ConfigureAwait(false); }
            catch (Exception ex) when (ex is OperationCanceledException or IOException) { /* the client went away */ }
        }
    }

    private static bool IsHopByHop(string name)
        => name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
           || name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
           || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase);
}
