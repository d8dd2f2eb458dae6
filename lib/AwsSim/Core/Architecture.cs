namespace AwsSim;

/// <summary>The instruction set a function runs on. AWS spells them <c>x86_64</c> and <c>arm64</c>.</summary>
public enum Architecture
{
    /// <summary>Intel/AMD, <c>x86_64</c>: the default.</summary>
    X86_64,

    /// <summary>AWS Graviton, <c>arm64</c>: compute is priced 20% lower.</summary>
    Arm64,
}

/// <summary>Converts between <see cref="Architecture"/> and AWS's spelling.</summary>
public static class Architectures
{
    /// <summary>AWS's name: <c>x86_64</c> or <c>arm64</c>.</summary>
    public static string ToAwsName(this Architecture architecture) => architecture == Architecture.Arm64 ? "arm64" : "x86_64";

    /// <summary>Reads AWS's name (<c>x86_64</c> or <c>arm64</c>); anything else is an error naming the field.</summary>
    public static Architecture Parse(string? value, string field = "Architectures") => value switch
    {
        "x86_64" => Architecture.X86_64,
        "arm64" => Architecture.Arm64,
        _ => throw new AwsValidationException(field, value, "must be one of x86_64, arm64"),
    };
}
