using System.Reflection;
using AwsSim;

namespace Course;

/// <summary>The entry point of the `course` command.</summary>
public static class Program
{
    /// <summary>Runs <c>course &lt;command&gt; …</c>.</summary>
    public static int Main(string[] args) => Run(args, CommandContext.Console());

    internal static IReadOnlyList<ICommand> Commands { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    internal static int Run(string[] args, CommandContext context)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(context.Out);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "--version")
        {
            context.Out.WriteLine(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
            return 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            context.Error.WriteLine($"error: unknown command '{args[0]}': the commands are {string.Join(", ", Commands.Select(c => c.Name))}");
            return 2;
        }
        try
        {
            var parsed = new Args(args.Skip(1), FlagsOf(command));
            if (parsed.Help)
            {
                context.Out.WriteLine(command.Usage);
                return 0;
            }
            return command.Run(parsed, context);
        }
        catch (UsageException ex)
        {
            context.Error.WriteLine($"error: {OneLine(ex.Message)}");
            context.Error.WriteLine($"try `course {command.Name} --help`");
            return 2;
        }
        catch (AwsValidationException ex)
        {
            context.Error.WriteLine($"error: {OneLine(ex.Message)}");
            return 2;
        }
    }

    /// <summary>An error message as one line: a message that spans lines is joined, so the promise of one line holds.</summary>
    internal static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    private static string[] FlagsOf(ICommand command)
        => command is IHasFlags f ? f.Flags : Array.Empty<string>();

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("course: the AWS Compute Course on the command line");
        w.WriteLine();
        w.WriteLine("usage: course <command> [arguments] [--help]");
        w.WriteLine();
        var width = Commands.Max(c => c.Name.Length);
        foreach (var c in Commands) w.WriteLine($"  {c.Name.PadRight(width)}  {c.Summary}");
    }
}

/// <summary>A command with switches that take no value (e.g. <c>--json</c>).</summary>
internal interface IHasFlags
{
    /// <summary>The names of its switches, without dashes.</summary>
    string[] Flags { get; }
}
