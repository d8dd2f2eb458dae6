using AwsSim;
using AwsSim.Iam;
using AwsSim.Lambda;
using AwsSim.Samples;

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

    public string Usage => "usage: course lambda invoke <sample> --event <file.json | sample event> [--memory <MB>] [--timeout <s>] [--logs]\n"
        + "       course lambda samples\n"
        + "samples: " + string.Join(", ", SampleFunctions.Names) + "\n"
        + "sample events (a name instead of a file): " + string.Join(", ", SampleEvents.Kinds);

    public int Run(Args args, CommandContext context)
    {
        var verb = args.Positional.Count > 0 ? args.Positional[0] : throw new UsageException("say what to do: invoke or samples");
        switch (verb)
        {
            case "samples":
                args.RejectUnknown();
                if (args.Positional.Count != 1) throw new UsageException("samples takes no arguments");
                foreach (var s in SampleFunctions.All) context.Out.WriteLine($"{s.Name,-17} {s.Description}");
                return 0;
            case "invoke":
                return Invoke(args, context);
            default:
                throw new UsageException($"unknown action '{verb}': use invoke or samples");
        }
    }

    private static int Invoke(Args args, CommandContext context)
    {
        if (args.Positional.Count != 2) throw new UsageException("name one sample function: " + string.Join(", ", SampleFunctions.Names));
        var sample = SampleFunctions.Get(args.Positional[1])
            ?? throw new UsageException($"no sample function '{args.Positional[1]}'; samples: {string.Join(", ", SampleFunctions.Names)}");
        var eventFile = args.Text("event") ?? throw new UsageException("--event <file.json> is required");
        var memory = args.Text("memory") is null ? (long?)null : args.Long("memory");
        var timeout = args.Text("timeout") is null ? (long?)null : args.Long("timeout");
        var logs = args.Flag("logs");
        args.RejectUnknown();

        var (json, error) = EventInput.Read(eventFile, context.WorkingDirectory);
        if (json is null)
        {
            context.Error.WriteLine("error: " + error);
            return 2;
        }
        var payload = json.TrimEnd();
        try
        {
            AwsJson.Parse(payload);
        }
        catch (System.Text.Json.JsonException ex)
        {
            context.Error.WriteLine($"error: the event {eventFile} is not valid JSON: {ex.Message}");
            return 2;
        }

        // A fresh account, the sample's prerequisites (e.g. the bucket and photo a thumbnail event names), and the sample
        // deployed as a real function of the simulated Lambda: cold start, REPORT line and bill included.
        var aws = new SimulatedAws();
        sample.Prepare?.Invoke(aws, payload);
        var role = aws.Lambda.CreateRole($"{sample.Name}-role", IamPolicy.BasicExecution,
            IamPolicy.Allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::*"]));
        var function = sample.Name;
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = function, Role = role.Arn, Description = sample.Description,
            MemorySize = memory is { } m ? (int)Math.Clamp(m, int.MinValue, int.MaxValue) : 512,
            Timeout = timeout is { } t ? (int)Math.Clamp(t, int.MinValue, int.MaxValue) : 30,
            Code = LambdaCode.From((e, c) => sample.Handler(c.Aws, e)),
        });
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
