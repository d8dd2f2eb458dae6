using System.Text.Json.Serialization;

namespace AwsSim.Ecs;

/// <summary>
/// A task definition: a family of one or more containers with their images, CPU units (1,024 = 1 vCPU) and memory (MiB).
/// Registering it again with the same family makes the next revision (<c>family:1</c>, <c>family:2</c>, …).
/// </summary>
public sealed record TaskDefinition
{
    /// <summary>The family name, e.g. <c>web</c>.</summary>
    [JsonPropertyName("family")] public string Family { get; init; } = "";

    /// <summary>The containers.</summary>
    [JsonPropertyName("containerDefinitions")] public IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; } = Array.Empty<ContainerDefinition>();

    /// <summary>Task-level CPU units (required for Fargate; optional on EC2, 128–10,240). Null when not set.</summary>
    [JsonPropertyName("cpu")] public int? Cpu { get; init; }

    /// <summary>Task-level memory in MiB (required for Fargate). Null when not set.</summary>
    [JsonPropertyName("memory")] public int? Memory { get; init; }

    /// <summary>Launch types it is valid for: <c>EC2</c> and/or <c>FARGATE</c>. Empty means EC2.</summary>
    [JsonPropertyName("requiresCompatibilities")] public IReadOnlyList<string> RequiresCompatibilities { get; init; } = Array.Empty<string>();

    /// <summary><c>X86_64</c> (default) or <c>ARM64</c> (runtimePlatform.cpuArchitecture).</summary>
    [JsonPropertyName("cpuArchitecture")] public string CpuArchitecture { get; init; } = "X86_64";

    /// <summary>Fargate ephemeral storage in GiB (20 included, up to 200).</summary>
    [JsonPropertyName("ephemeralStorageGiB")] public int EphemeralStorageGiB { get; init; } = 20;

    /// <summary>The revision, set when registered.</summary>
    [JsonPropertyName("revision")] public int Revision { get; init; }

    /// <summary>The ARN, set when registered: <c>arn:aws:ecs:&lt;region&gt;:&lt;account&gt;:task-definition/&lt;family&gt;:&lt;revision&gt;</c>.</summary>
    [JsonPropertyName("taskDefinitionArn")] public string? TaskDefinitionArn { get; init; }

    /// <summary>The CPU units a task needs: the task-level value, else the sum of the containers' values.</summary>
    [JsonIgnore] public int RequiredCpu => Cpu ?? ContainerDefinitions.Sum(c => c.Cpu);

    /// <summary>The memory (MiB) a task needs: the task-level value, else the sum of the containers' values.</summary>
    [JsonIgnore] public int RequiredMemory => Memory ?? ContainerDefinitions.Sum(c => c.Memory ?? 0);

    /// <summary><c>family:revision</c>.</summary>
    [JsonIgnore] public string FamilyRevision => $"{Family}:{Revision}";

    /// <summary>A one-container task definition (a common case in lessons).</summary>
    public static TaskDefinition Simple(string family, string image, int cpu, int memory, int? containerPort = null, int? hostPort = null)
        => new()
        {
            Family = family,
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = family, Image = image, Cpu = cpu, Memory = memory,
                    PortMappings = containerPort is null ? [] : [new PortMapping(containerPort.Value, hostPort)],
                },
            ],
        };

    /// <summary>A Fargate task definition with a task-level size (validated against Fargate's table when registered).</summary>
    public static TaskDefinition Fargate(string family, string image, int cpu, int memory, string cpuArchitecture = "X86_64", int ephemeralStorageGiB = 20)
        => new()
        {
            Family = family,
            Cpu = cpu,
            Memory = memory,
            RequiresCompatibilities = ["FARGATE"],
            CpuArchitecture = cpuArchitecture,
            EphemeralStorageGiB = ephemeralStorageGiB,
            ContainerDefinitions = [new ContainerDefinition { Name = family, Image = image }],
        };
}

/// <summary>One container of a task definition.</summary>
public sealed record ContainerDefinition
{
    /// <summary>The container's name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>The image URI, e.g. an ECR URI <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0</c>.</summary>
    [JsonPropertyName("image")] public string Image { get; init; } = "";

    /// <summary>CPU units reserved for the container (0 when not set).</summary>
    [JsonPropertyName("cpu")] public int Cpu { get; init; }

    /// <summary>Hard memory limit in MiB.</summary>
    [JsonPropertyName("memory")] public int? Memory { get; init; }

    /// <summary>Ports the container listens on.</summary>
    [JsonPropertyName("portMappings")] public IReadOnlyList<PortMapping> PortMappings { get; init; } = Array.Empty<PortMapping>();

    /// <summary>When an essential container stops, the whole task stops (default true).</summary>
    [JsonPropertyName("essential")] public bool Essential { get; init; } = true;
}

/// <summary>A port mapping. A fixed <paramref name="HostPort"/> is reserved on the instance (two tasks cannot share it);
/// null or 0 means a dynamic host port, which never conflicts.</summary>
/// <param name="ContainerPort">The port inside the container.</param>
/// <param name="HostPort">The port on the instance, or null for dynamic.</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
public sealed record PortMapping(
    [property: JsonPropertyName("containerPort")] int ContainerPort,
    [property: JsonPropertyName("hostPort")] int? HostPort = null,
    [property: JsonPropertyName("protocol")] string Protocol = "tcp");
