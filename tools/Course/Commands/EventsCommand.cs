using System.Text.Json;
using AwsSim;
using AwsSim.Samples;

namespace Course.Commands;

/// <summary>
/// <c>course events check &lt;file.json&gt;</c>: names the kind of AWS event a file is and reports every field a round
/// trip through the course's type would lose or change. <c>course events list</c>: the kinds it knows.
/// <c>course events sample &lt;kind&gt;</c>: prints a real AWS sample event to start from (like SAM CLI's
/// <c>sam local generate-event</c>).
/// </summary>
internal sealed class EventsCommand : ICommand
{
    public string Name => "events";

    public string Summary => "AWS events: course events sample s3-put > e.json; course events check e.json; course events list";

    public string Usage => """
        usage: course events check <file.json | sample>
               course events sample [<kind | name>]
               course events list
          check   names the event kind (s3, cloudfront, …) and lists any field a round trip through the
                  library's type would lose or change. Exit 0: nothing lost; 1: something lost or changed;
                  2: unreadable input (missing file, invalid JSON, or not an event kind the course knows).
          sample  prints one of the real AWS sample events the course bundles (samples/events/, with their
                  sources), e.g. `course events sample s3-put > my-event.json`; with no name, lists them.
        """;

    public int Run(Args args, CommandContext context)
    {
        args.RejectUnknown();
        if (args.Positional.Count == 0) throw new UsageException("name a subcommand: check, sample or list");
        switch (args.Positional[0])
        {
            case "list":
                if (args.Positional.Count != 1) throw new UsageException("list takes no arguments");
                foreach (var (info, type) in AwsEventCatalog.Kinds)
                    context.Out.WriteLine($"{info.Kind,-28} {type.FullName}  (marked by {string.Join(", ", info.Markers)})");
                return 0;
            case "sample":
                if (args.Positional.Count > 2) throw new UsageException("sample takes at most one name: course events sample s3-put");
                return Sample(args.Positional.Count == 2 ? args.Positional[1] : null, context);
            case "check":
                if (args.Positional.Count != 2) throw new UsageException("check takes one file: course events check <file.json>");
                return Check(args.Positional[1], context);
            default:
                throw new UsageException($"unknown subcommand '{args.Positional[0]}': use check, sample or list");
        }
    }

    private static int Sample(string? name, CommandContext context)
    {
        if (name is null)
        {
            foreach (var e in SampleEvents.All) context.Out.WriteLine($"{e.Kind,-28} {e.Name}");
            context.Out.WriteLine("(a kind gives its first file; sources and licences: samples/README.md)");
            return 0;
        }
        var sample = SampleEvents.Find(name)
            ?? throw new UsageException($"no sample event '{name}'; the kinds are {string.Join(", ", SampleEvents.Kinds)}");
        context.Out.WriteLine(sample.Json.TrimEnd());
        return 0;
    }

    private static int Check(string file, CommandContext context)
    {
        var (json, error) = EventInput.Read(file, context.WorkingDirectory);
        if (json is null)
        {
            context.Error.WriteLine("error: " + error);
            return 2;
        }
        try
        {
            AwsJson.Parse(json);
        }
        catch (JsonException ex)
        {
            context.Error.WriteLine($"error: '{file}' is not valid JSON: {ex.Message}");
            return 2;
        }

        (string? Kind, Type? Type, IReadOnlyList<string> Differences) result;
        try
        {
            result = AwsEventCatalog.RoundTrip(json);
        }
        catch (JsonException ex)
        {
            var kind = AwsEventCatalog.Recognise(AwsJson.Parse(json));
            context.Out.WriteLine($"{file}: {kind?.Info.Kind} event ({kind?.Type.FullName})");
            context.Out.WriteLine($"cannot load it into {kind?.Type.Name}: {ex.Message}");
            return 1;
        }
        if (result.Kind is null)
        {
            context.Error.WriteLine($"error: '{file}' is not an event kind the course knows. Known kinds: {string.Join(", ", AwsEventCatalog.Kinds.Select(k => k.Info.Kind))}");
            return 2;
        }
        context.Out.WriteLine($"{file}: {result.Kind} event ({result.Type!.FullName})");
        if (result.Differences.Count == 0)
        {
            context.Out.WriteLine("round trip: nothing lost or changed");
            return 0;
        }
        context.Out.WriteLine($"round trip: {result.Differences.Count} field(s) lost or changed:");
        foreach (var d in result.Differences) context.Out.WriteLine("  " + d);
        return 1;
    }
}
