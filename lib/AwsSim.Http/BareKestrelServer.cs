using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AwsSim.Http;

/// <summary>
/// The baseline for benchmarks: plain Kestrel on 127.0.0.1 answering every request with the same fixed body, no
/// simulation at all. Comparing it with <see cref="LocalApiServer"/> shows what the API Gateway and Lambda
/// simulation cost per request.
/// </summary>
public sealed class BareKestrelServer : IAsyncDisposable
{
    private readonly byte[] _body;
    private readonly string _contentType;
    private WebApplication? _app;

    /// <summary>Creates a server that will answer 200 with <paramref name="body"/>.</summary>
    public BareKestrelServer(byte[] body, string contentType = "application/json")
    {
        _body = body;
        _contentType = contentType;
    }

    /// <summary>The base URL once started.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts on 127.0.0.1 (port 0: any free port).</summary>
    public async Task<Uri> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => { k.Listen(IPAddress.Loopback, port); k.AddServerHeader = false; });
        var app = builder.Build();
        app.Run(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = _contentType;
            ctx.Response.ContentLength = _body.Length;
            await ctx.Response.Body.WriteAsync(_body, ctx.RequestAborted);
        });
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return BaseAddress;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
