namespace AwsSim.Lambda;

/// <summary>
/// Lambda's runtime identifiers as AWS spells them (<c>dotnet8</c>, <c>nodejs24.x</c>, <c>python3.14</c>,
/// <c>provided.al2023</c>…). Go, Rust and .NET Native AOT run on the OS-only runtimes <c>provided.al2023</c> /
/// <c>provided.al2</c> with a runtime interface client.
/// </summary>
/// <remarks>
/// Sources: aws-facts §1.5 (Lambda runtimes page: <c>nodejs24.x</c>, <c>python3.14</c>; CDK lists <c>dotnet10</c>;
/// <c>dotnet8</c>/<c>dotnet10</c> dates and <c>java25</c>, <c>ruby3.4</c>, <c>python3.13</c> from endoflife.date, a secondary
/// source). Retired identifiers are rejected as AWS rejects them when creating a function.
/// </remarks>
public static class LambdaRuntimes
{
    /// <summary>The managed and OS-only runtimes a new function may use.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "dotnet8", "dotnet10",
        "nodejs22.x", "nodejs24.x",
        "python3.12", "python3.13", "python3.14",
        "java21", "java25",
        "ruby3.3", "ruby3.4",
        "provided.al2023", "provided.al2",
    ];

    /// <summary>Retired identifiers, each with the one AWS recommends instead.</summary>
    public static IReadOnlyDictionary<string, string> Deprecated { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnetcore3.1"] = "dotnet8",
        ["dotnet6"] = "dotnet8",
        ["nodejs16.x"] = "nodejs22.x",
        ["nodejs18.x"] = "nodejs22.x",
        ["python3.8"] = "python3.12",
        ["ruby2.7"] = "ruby3.3",
        ["go1.x"] = "provided.al2023",
        ["java8"] = "java21",
    };

    /// <summary>The language family of a runtime, e.g. ".NET" for <c>dotnet8</c>, "OS-only" for <c>provided.al2023</c>.</summary>
    public static string Language(string runtime) => runtime switch
    {
        _ when runtime.StartsWith("dotnet", StringComparison.Ordinal) => ".NET",
        _ when runtime.StartsWith("nodejs", StringComparison.Ordinal) => "Node.js",
        _ when runtime.StartsWith("python", StringComparison.Ordinal) => "Python",
        _ when runtime.StartsWith("java", StringComparison.Ordinal) => "Java",
        _ when runtime.StartsWith("ruby", StringComparison.Ordinal) => "Ruby",
        _ when runtime.StartsWith("provided", StringComparison.Ordinal) => "OS-only (Go, Rust, .NET Native AOT, custom)",
        _ => "unknown",
    };

    /// <summary>Checks a runtime identifier: retired ones and unknown ones are errors naming the field and the choices.</summary>
    public static string Validate(string? runtime, string field = "Runtime")
    {
        if (runtime is not null && Deprecated.TryGetValue(runtime, out var instead))
        {
            throw new AwsException("InvalidParameterValueException",
                $"The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime ({instead}) while creating or updating functions.");
        }
        if (runtime is null || !Supported.Contains(runtime))
        {
            throw new AwsValidationException(field, runtime, "must be one of " + string.Join(", ", Supported), "ValidationException");
        }
        return runtime;
    }
}
