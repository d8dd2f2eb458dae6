namespace Course;

/// <summary>
/// One `course` command (e.g. <c>price</c>, <c>run</c>, <c>check</c>). Commands are found by reflection: add a class,
/// nothing else to register.
/// </summary>
internal interface ICommand
{
    /// <summary>The word after <c>course</c>.</summary>
    string Name { get; }

    /// <summary>One line for the help listing.</summary>
    string Summary { get; }

    /// <summary>The usage text shown for <c>--help</c> and after a usage error.</summary>
    string Usage { get; }

    /// <summary>Runs the command. Exit codes: 0 success, 1 a check failed, 2 bad input.</summary>
    int Run(Args args, CommandContext context);
}

/// <summary>Where a command writes, and the folder it works in (the repository root by default).</summary>
internal sealed record CommandContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>The console, in the current directory.</summary>
    public static CommandContext Console() => new(System.Console.Out, System.Console.Error, Environment.CurrentDirectory);
}

/// <summary>A usage error: printed as one <c>error: …</c> line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
