namespace AwsSim.Lambda;

/// <summary>
/// Everything <see cref="LambdaService.CreateFunction(CreateFunctionRequest)"/> needs, named as in AWS's CreateFunction
/// API. <see cref="Code"/> is the C# code the function runs (on AWS: the .zip archive or the container image).
/// </summary>
public sealed record CreateFunctionRequest
{
    /// <summary>1–64 characters: letters, digits, hyphens and underscores.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The code: a C# handler (see <see cref="LambdaCode"/>).</summary>
    public required LambdaCode Code { get; init; }

    /// <summary>The execution role's ARN (<c>arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;</c>); create it with <see cref="LambdaService.CreateRole"/>.</summary>
    public required string Role { get; init; }

    /// <summary>Runtime identifier, e.g. <c>dotnet8</c> (see <see cref="LambdaRuntimes"/>); required for Zip, omitted for Image.</summary>
    public string? Runtime { get; init; } = "dotnet8";

    /// <summary>The handler string, e.g. <c>MyAssembly::MyNamespace.Function::Handler</c>; required for Zip, omitted for Image.</summary>
    public string? Handler { get; init; } = "Function::Function.Function::FunctionHandler";

    /// <summary>What it does, up to 256 characters.</summary>
    public string Description { get; init; } = "";

    /// <summary>Memory, 128–10,240 MB in 1 MB steps (default 128). CPU is allocated in proportion.</summary>
    public int MemorySize { get; init; } = 128;

    /// <summary>Timeout in seconds, 1–900 (default 3).</summary>
    public int Timeout { get; init; } = 3;

    /// <summary>/tmp size, 512–10,240 MB (default 512; above 512 is billed).</summary>
    public int EphemeralStorageSize { get; init; } = 512;

    /// <summary>x86_64 (default) or arm64.</summary>
    public Architecture Architecture { get; init; } = Architecture.X86_64;

    /// <summary>Environment variables; 4 KB in total.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Zip (default) or Image.</summary>
    public PackageType PackageType { get; init; } = PackageType.Zip;

    /// <summary>For Image: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repo&gt;:&lt;tag&gt;</c> or <c>…@sha256:&lt;digest&gt;</c>.</summary>
    public string? ImageUri { get; init; }

    /// <summary>Subnets and security groups when the function runs in a VPC.</summary>
    public VpcConfig? VpcConfig { get; init; }

    /// <summary>A dead-letter queue (SQS queue or SNS topic ARN) for failed asynchronous events.</summary>
    public DeadLetterConfig? DeadLetterConfig { get; init; }

    /// <summary>Reserved concurrency, as PutFunctionConcurrency sets it (null: use the unreserved pool).</summary>
    public int? ReservedConcurrentExecutions { get; init; }
}

/// <summary>Changes for <see cref="LambdaService.UpdateFunctionConfiguration"/>: null means "leave as it is".</summary>
public sealed record UpdateFunctionConfigurationRequest
{
    /// <summary>The function to change.</summary>
    public required string FunctionName { get; init; }

    /// <summary>New memory, MB.</summary>
    public int? MemorySize { get; init; }

    /// <summary>New timeout, seconds.</summary>
    public int? Timeout { get; init; }

    /// <summary>New /tmp size, MB.</summary>
    public int? EphemeralStorageSize { get; init; }

    /// <summary>New environment variables (replace all).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>New role ARN.</summary>
    public string? Role { get; init; }

    /// <summary>New VPC settings; an empty subnet list takes the function out of the VPC.</summary>
    public VpcConfig? VpcConfig { get; init; }

    /// <summary>New dead-letter queue; an empty TargetArn removes it.</summary>
    public DeadLetterConfig? DeadLetterConfig { get; init; }

    /// <summary>New runtime.</summary>
    public string? Runtime { get; init; }

    /// <summary>New handler string.</summary>
    public string? Handler { get; init; }
}
