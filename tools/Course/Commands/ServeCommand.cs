using AwsSim;
using AwsSim.ApiGateway;
using AwsSim.ApiGateway.Sample;
using AwsSim.Http;

namespace Course.Commands;

/// <summary>
/// <c>course serve [--port N] [--api rest|http]</c>: runs the course's sample API (API Gateway → Lambda → table and
/// bucket) as a real HTTP endpoint on 127.0.0.1, prints its URL and curl commands to try, and stops on Ctrl+C (or
/// when standard input ends: Ctrl+D in a terminal, or with <c>--stop-on-eof</c> when input is piped).
/// </summary>
internal sealed class ServeCommand : ICommand, IHasFlags
{
    public string Name => "serve";

    public string Summary => "run the sample API on http://127.0.0.1 (API Gateway → Lambda → table + bucket): course serve --port 8080";

    public string Usage => "usage: course serve [--port <0-65535>] [--api rest|http] [--stop-on-eof]\n"
        + "  --port         TCP port on 127.0.0.1 (default 0: any free port)\n"
        + "  --api          rest (default: REST API, stage 'prod' in the path) or http (HTTP API, $default stage)\n"
        + "  --stop-on-eof  also stop when standard input ends, even when it is piped";

    public string[] Flags => ["stop-on-eof"];

    public int Run(Args args, CommandContext context)
    {
        var port = args.Long("port", 0);
        var kind = args.Text("api") ?? "rest";
        var stopOnEof = args.Flag("stop-on-eof");
        args.RejectUnknown();
        if (args.Positional.Count > 0) throw new UsageException($"serve takes no arguments, only options; got '{args.Positional[0]}'");
        if (port is < 0 or > 65535) throw new UsageException($"--port = '{port}' is not allowed: must be a whole number from 0 to 65535");
        if (kind is not ("rest" or "http")) throw new UsageException($"--api = '{kind}' is not allowed: must be rest or http");

        var aws = new SimulatedAws();
        var shop = ShopSample.Create(aws);
        var api = kind == "rest" ? shop.RestApi : shop.HttpApi;
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (kill, a service manager, a CI step ending) stops it the same way, so the summary is printed.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            return ServeAsync(aws, shop, api, (int)port, context, stop, stopOnEof || !Console.IsInputRedirected).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> ServeAsync(SimulatedAws aws, ShopSample shop, Api api, int port, CommandContext context, CancellationTokenSource stop, bool watchStdin)
    {
        var server = new LocalApiServer(aws, api.Id, new LocalApiServerOptions { Port = port, ErrorLog = context.Error });
        Uri url;
        try
        {
            url = await server.StartAsync(stop.Token);
        }
        catch (IOException ex)
        {
            context.Error.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {ex.Message}");
            await server.DisposeAsync();
            return 1;
        }
        var baseUrl = url.ToString().TrimEnd('/');
        var protocol = api.Protocol;
        context.Out.WriteLine($"Serving the sample {(protocol == ApiProtocol.Rest ? "REST API" : "HTTP API")} '{api.Name}' (id {api.Id}) on {baseUrl}{(protocol == ApiProtocol.Rest ? "/" + ShopSample.RestStage : "")}");
        context.Out.WriteLine($"(In AWS it would be {api.InvokeUrl(protocol == ApiProtocol.Rest ? ShopSample.RestStage : "$default")}.) Loopback only. Press Ctrl+C to stop.");
        context.Out.WriteLine();
        context.Out.WriteLine("Try:");
        foreach (var c in shop.ExampleCurls(baseUrl, protocol)) context.Out.WriteLine("  " + c);
        context.Out.WriteLine();
        context.Out.Flush();

        if (watchStdin)
        {
            _ = Task.Run(() =>
            {
                try { while (Console.In.ReadLine() is not null) { } }
                catch (IOException) { }
                stop.Cancel();
            });
        }
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }

        await server.DisposeAsync();
        var g = aws.ApiGateway;
        var stage = protocol == ApiProtocol.Rest ? ShopSample.RestStage : "$default";
        var key = protocol == ApiProtocol.Rest ? api.Name : api.Id;
        context.Out.WriteLine($"Stopped after {server.RequestsServed:#,0} requests ({g.Metrics.Sum(protocol == ApiProtocol.Rest ? "4XXError" : "4xx", key, stage):0} 4xx, {g.Metrics.Sum(protocol == ApiProtocol.Rest ? "5XXError" : "5xx", key, stage):0} 5xx). Simulated bill: {Money.Format(aws.Bill.Total)}.");
        return 0;
    }
}
