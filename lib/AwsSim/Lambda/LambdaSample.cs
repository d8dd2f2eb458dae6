using System.Reflection;

namespace AwsSim.Lambda;

/// <summary>
/// A sample function of the course, runnable with <c>course lambda invoke &lt;name&gt; --event &lt;file.json&gt;</c>.
/// Add one by writing a class that derives from this anywhere in the library: the registry finds it by reflection.
/// </summary>
public abstract class LambdaSample
{
    private static readonly Lazy<IReadOnlyList<LambdaSample>> s_all = new(() => typeof(LambdaSample).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LambdaSample)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (LambdaSample)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Name, StringComparer.Ordinal).ToList());

    /// <summary>The name on the command line, e.g. <c>echo</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line about what it does.</summary>
    public abstract string Description { get; }

    /// <summary>An event to try it with.</summary>
    public virtual string ExampleEvent => "{}";

    /// <summary>
    /// Creates the function in <paramref name="aws"/> (with its role and anything it needs, e.g. buckets) and returns
    /// its name. <paramref name="eventJson"/> is the event it will receive, so a sample can prepare what the event names.
    /// </summary>
    public abstract string Create(SimulatedAws aws, string eventJson);

    /// <summary>Every sample in the library, by name.</summary>
    public static IReadOnlyList<LambdaSample> All => s_all.Value;

    /// <summary>A sample by name, or null.</summary>
    public static LambdaSample? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>The <c>echo</c> sample: logs the event and returns it unchanged.</summary>
public sealed class EchoSample : LambdaSample
{
    /// <inheritdoc />
    public override string Name => "echo";

    /// <inheritdoc />
    public override string Description => "returns the event unchanged (and logs its size)";

    /// <inheritdoc />
    public override string ExampleEvent => """{"hello":"world"}""";

    /// <inheritdoc />
    public override string Create(SimulatedAws aws, string eventJson)
    {
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "echo",
            Role = aws.Lambda.CreateDefaultRole("echo").Arn,
            Runtime = "dotnet8",
            Handler = "Echo::Echo.Function::FunctionHandler",
            Description = "Returns the event unchanged.",
            Code = LambdaCode.From((e, c) =>
            {
                c.Logger.LogLine($"Received {System.Text.Encoding.UTF8.GetByteCount(e)} bytes");
                c.Spend(TimeSpan.FromMilliseconds(1));
                return e;
            }) with { InitDuration = TimeSpan.FromMilliseconds(100) },
        });
        return "echo";
    }
}
