using System.Text.Json.Serialization;

namespace AwsSim.Lambda;

/// <summary>A function's configuration as GetFunctionConfiguration returns it (AWS's field names).</summary>
public sealed record FunctionConfiguration
{
    /// <summary>The name.</summary>
    [JsonPropertyName("FunctionName")] public required string FunctionName { get; init; }

    /// <summary><c>arn:aws:lambda:&lt;region&gt;:&lt;account&gt;:function:&lt;name&gt;</c>.</summary>
    [JsonPropertyName("FunctionArn")] public required string FunctionArn { get; init; }

    /// <summary>The runtime identifier (null for container images).</summary>
    [JsonPropertyName("Runtime")] public string? Runtime { get; init; }

    /// <summary>The execution role's ARN.</summary>
    [JsonPropertyName("Role")] public required string Role { get; init; }

    /// <summary>The handler string (null for container images).</summary>
    [JsonPropertyName("Handler")] public string? Handler { get; init; }

    /// <summary>What it does.</summary>
    [JsonPropertyName("Description")] public string Description { get; init; } = "";

    /// <summary>Timeout, seconds.</summary>
    [JsonPropertyName("Timeout")] public int Timeout { get; init; }

    /// <summary>Memory, MB.</summary>
    [JsonPropertyName("MemorySize")] public int MemorySize { get; init; }

    /// <summary>/tmp, MB.</summary>
    [JsonPropertyName("EphemeralStorage")] public EphemeralStorage EphemeralStorage { get; init; } = new(512);

    /// <summary>One of x86_64, arm64.</summary>
    [JsonPropertyName("Architectures")] public IReadOnlyList<string> Architectures { get; init; } = ["x86_64"];

    /// <summary>Zip or Image.</summary>
    [JsonPropertyName("PackageType")] public string PackageType { get; init; } = "Zip";

    /// <summary>For container images: the image URI.</summary>
    [JsonPropertyName("ImageUri")] public string? ImageUri { get; init; }

    /// <summary>Environment variables.</summary>
    [JsonPropertyName("Environment")] public EnvironmentResponse? Environment { get; init; }

    /// <summary>VPC settings, when in a VPC.</summary>
    [JsonPropertyName("VpcConfig")] public VpcConfig? VpcConfig { get; init; }

    /// <summary>Dead-letter queue, when set.</summary>
    [JsonPropertyName("DeadLetterConfig")] public DeadLetterConfig? DeadLetterConfig { get; init; }

    /// <summary>Always <c>$LATEST</c> (versions are not simulated).</summary>
    [JsonPropertyName("Version")] public string Version { get; init; } = "$LATEST";

    /// <summary>Always Active (functions are ready at once in the simulator).</summary>
    [JsonPropertyName("State")] public string State { get; init; } = "Active";

    /// <summary>When the configuration last changed, ISO-8601.</summary>
    [JsonPropertyName("LastModified")] public string LastModified { get; init; } = "";

    /// <summary>The architecture as an enum.</summary>
    [JsonIgnore] public Architecture Architecture => AwsSim.Architectures.Parse(Architectures[0]);
}

/// <summary>/tmp size.</summary>
/// <param name="Size">MB, 512–10,240.</param>
public sealed record EphemeralStorage([property: JsonPropertyName("Size")] int Size);

/// <summary>Environment variables as GetFunctionConfiguration shows them.</summary>
/// <param name="Variables">Name → value.</param>
public sealed record EnvironmentResponse([property: JsonPropertyName("Variables")] IReadOnlyDictionary<string, string> Variables);
