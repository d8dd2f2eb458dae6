using AwsSim.Iam;

namespace AwsSim.Lambda;

/// <summary>The service's state for one function.</summary>
internal sealed class LambdaFunction
{
    public LambdaFunction(FunctionConfiguration config, LambdaCode code, IamRole role)
    {
        Config = config;
        Code = code;
        Role = role;
    }

    public FunctionConfiguration Config { get; set; }

    public LambdaCode Code { get; set; }

    public IamRole Role { get; set; }

    public int? Reserved { get; set; }

    public EventInvokeConfig AsyncConfig { get; set; } = new();

    public bool Deleted { get; set; }

    public string RecursiveLoop { get; set; } = "Terminate";

    public InvocationLineage? FreshLineage { get; set; }

    /// <summary>Idle environments, most recently used on top.</summary>
    public Stack<ExecutionEnvironment> Idle { get; } = new();

    public List<ExecutionEnvironment> AllEnvironments { get; } = new();

    public int Busy { get; set; }

    /// <summary>Asynchronous events throttled and waiting for concurrency (with the generation that is still valid).</summary>
    public Queue<(AsyncEvent Event, int Generation)> Waiting { get; } = new();

    public LambdaMetrics Metrics { get; } = new();

    public Queue<InvocationLog> Logs { get; } = new();

    public long LogsDropped { get; set; }

    public AsyncEventAccounting Accounting { get; } = new();

    public int LogPermissionRoleVersion { get; set; } = -1;

    public IamRole? LogPermissionRole { get; set; }

    public bool CanWriteLogs { get; set; }

    public Dictionary<string, string> EnvironmentVariables { get; set; } = new(StringComparer.Ordinal);

    public string Name => Config.FunctionName;
}

/// <summary>The log of one invocation, kept compactly and rendered into AWS's lines on demand.</summary>
internal sealed class InvocationLog
{
    public required string RequestId { get; init; }

    public required string LogStream { get; init; }

    public DateTimeOffset InitStart { get; init; }

    public DateTimeOffset Start { get; init; }

    public TimeSpan Duration { get; init; }

    public long BilledMs { get; init; }

    public int MemoryMb { get; init; }

    public int MaxMemoryMb { get; init; }

    public TimeSpan? Init { get; init; }

    public bool InitTimedOut { get; init; }

    public bool TimedOut { get; init; }

    public int TimeoutSeconds { get; init; }

    public List<(TimeSpan Offset, string Line)>? InitLines { get; init; }

    public List<(TimeSpan Offset, string Line)>? Lines { get; init; }

    public string? ErrorLine { get; init; }

    public IEnumerable<LogEvent> Render()
    {
        if (InitTimedOut) yield return new LogEvent(InitStart + LambdaService.InitLimit, LogStream, LambdaLogFormat.InitTimedOut(LambdaService.InitLimit));
        if (InitLines is not null)
        {
            foreach (var (o, l) in InitLines) yield return new LogEvent(InitStart + o, LogStream, l);
        }
        yield return new LogEvent(Start, LogStream, LambdaLogFormat.Start(RequestId));
        if (Lines is not null)
        {
            foreach (var (o, l) in Lines) yield return new LogEvent(Start + o, LogStream, l);
        }
        var end = Start + Duration;
        if (TimedOut) yield return new LogEvent(end, LogStream, LambdaLogFormat.TimedOut(end, RequestId, TimeoutSeconds));
        else if (ErrorLine is not null) yield return new LogEvent(end, LogStream, ErrorLine);
        yield return new LogEvent(end, LogStream, LambdaLogFormat.End(RequestId));
        yield return new LogEvent(end, LogStream, LambdaLogFormat.Report(RequestId, Duration, BilledMs, MemoryMb, MaxMemoryMb, Init, TimedOut));
    }
}
