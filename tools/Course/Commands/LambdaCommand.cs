using AwsSim;
using AwsSim.Lambda;

namespace Course.Commands;

/// <summary>
/// <c>course lambda invoke &lt;sample&gt; --event &lt;file.json&gt;</c>: runs one of the course's sample functions with an
/// event file, like a local invoke, and prints the response and the REPORT line. <c>course lambda samples</c> lists them.
/// </summary>
internal sealed class LambdaCommand : ICommand, IHasFlags
{
    public string Name => "lambda";

    public string Summary => "run a sample function: course lambda invoke echo --event event.json";

    public string[] Flags => ["logs"];

    public string Usage => "usage: course lambda invoke <sample> --event <file.json> [--memory <MB>] [--timeout <s>] [--logs]\n"
        + "       course lambda samples\n"
        + "samples: " + string.Join(", ", LambdaSample.All.Select(s => s.Name));

    public int Run(Args args, CommandContext context)
    {
        var verb = args.Positional.Count > 0 ? args.Positional[0] : throw new UsageException("say what to do: invoke or samples");
        switch (verb)
        {
            case "samples":
                args.RejectUnknown();
                if (args.Positional.Count != 1) throw new UsageException("samples takes no arguments");
                foreach (var s in LambdaSample.All) context.Out.WriteLine($"{s.Name,-12} {s.Description}");
                return 0;
            case "invoke":
                return Invoke(args, context);
            default:
                throw new UsageException($"unknown action '{verb}': use invoke or samples");
        }
    }

    private static int Invoke(Args args, CommandContext context)
    {
        if (args.Positional.Count != 2) throw new UsageException("name one sample function: " + string.Join(", ", LambdaSample.All.Select(s => s.Name)));
        var sample = LambdaSample.Find(args.Positional[1])
            ?? throw new UsageException($"no sample function '{args.Positional[1]}'; samples: {string.Join(", ", LambdaSample.All.Select(s => s.Name))}");
        var eventFile = args.Text("event") ?? throw new UsageException("--event <file.json> is required");
        var memory = args.Text("memory") is null ? (long?)null : args.Long("memory");
        var timeout = args.Text("timeout") is null ? (long?)null : args.Long("timeout");
        var logs = args.Flag("logs");
        args.RejectUnknown();

        var path = Path.GetFullPath(Path.Combine(context.WorkingDirectory, eventFile));
        string payload;
        try
        {
            payload = File.ReadAllText(path).TrimEnd();
            AwsJson.Parse(payload);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            context.Error.WriteLine($"error: cannot read the event {eventFile}: {ex.Message}");
            return 2;
        }

        var aws = new SimulatedAws();
        var function = sample.Create(aws, payload);
        if (memory is not null || timeout is not null)
        {
            aws.Lambda.UpdateFunctionConfiguration(new UpdateFunctionConfigurationRequest
            {
                FunctionName = function,
                MemorySize = memory is { } m ? (int)Math.Clamp(m, int.MinValue, int.MaxValue) : null,
                Timeout = timeout is { } t ? (int)Math.Clamp(t, int.MinValue, int.MaxValue) : null,
            });
        }
        var response = aws.Lambda.Invoke(function, payload);
        context.Out.WriteLine(response.Payload);
        if (logs)
        {
            foreach (var line in response.LogLines) context.Out.WriteLine(line);
        }
        else
        {
            context.Out.WriteLine(response.ReportLine);
        }
        if (response.FunctionError is not null)
        {
            context.Error.WriteLine($"function error: {response.FunctionError}");
            return 1;
        }
        return 0;
    }
}
