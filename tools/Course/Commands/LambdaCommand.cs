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

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";

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

        var payload = EventInput.Read(eventFile, context.WorkingDirectory).TrimEnd();
        if (sample.EventKind is { } wanted && AwsEventCatalog.Recognise(AwsJson.Parse(payload))?.Info.Kind is var kind && kind != wanted)
        {
            throw new UsageException($"--event = '{eventFile}' is not allowed: the {sample.Name} sample takes {Article(wanted)} {wanted} event (e.g. --event {SampleEvents.Kinds.First(k => k.StartsWith(wanted, StringComparison.Ordinal))}); this is {(kind is null ? "not an AWS event the course knows" : $"{Article(kind)} {kind} event")}");
        }
        var lambdaLimits = (Memory: memory is { } mm ? LambdaLimits.ValidateMemory(mm, "--memory") : 512, Timeout: timeout is { } tt ? LambdaLimits.ValidateTimeout(tt, "--timeout") : 30);

        // A fresh account, the sample's prerequisites (e.g. the bucket and photo a thumbnail event names), and the sample
        // deployed as a real function of the simulated Lambda: cold start, REPORT line and bill included.
        var aws = new SimulatedAws();
        try
        {
            sample.Prepare?.Invoke(aws, payload);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException or AwsException)
        {
            throw new UsageException($"--event = '{eventFile}' is not allowed: the {sample.Name} sample cannot use it: {e.Message.Split('\n')[0]}");
        }
        var role = aws.Lambda.CreateRole($"{sample.Name}-role", IamPolicy.BasicExecution,
            IamPolicy.Allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::*"]));
        var function = sample.Name;
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = function, Role = role.Arn, Description = sample.Description,
            MemorySize = lambdaLimits.Memory,
            Timeout = lambdaLimits.Timeout,
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
