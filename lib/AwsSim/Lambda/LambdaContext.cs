using System.Globalization;
using System.Net.Http;

namespace AwsSim.Lambda;

/// <summary>The context handed to a handler (or to init code). Tracks simulated time and memory as the code runs.</summary>
internal sealed class LambdaContext : ILambdaContext, ILambdaLogger
{
    private readonly LambdaService _service;
    private readonly LambdaFunction _fn;
    private readonly TimeSpan _limit;
    private int _memoryMb;
    private string? _partial;

    public LambdaContext(LambdaService service, LambdaFunction fn, string requestId, string logStream, DateTimeOffset start, TimeSpan limit, int runtimeMemoryMb, bool initPhase)
    {
        _service = service;
        _fn = fn;
        AwsRequestId = requestId;
        LogStreamName = logStream;
        Start = start;
        _limit = limit;
        _memoryMb = runtimeMemoryMb;
        MaxMemoryUsedMb = runtimeMemoryMb;
        InitPhase = initPhase;
        MemoryLimitInMB = fn.Config.MemorySize;
        Vcpus = LambdaService.VcpusFor(MemoryLimitInMB);
    }

    public DateTimeOffset Start { get; }

    public bool InitPhase { get; }

    public bool TimedOut { get; private set; }

    public bool OutOfMemory { get; private set; }

    public int MaxMemoryUsedMb { get; private set; }

    public int CurrentMemoryMb => _memoryMb;

    public List<(TimeSpan Offset, string Line)>? Lines { get; private set; }

    public string AwsRequestId { get; }

    public string FunctionName => _fn.Name;

    public string FunctionVersion => "$LATEST";

    public string InvokedFunctionArn => _fn.Config.FunctionArn;

    public int MemoryLimitInMB { get; }

    public TimeSpan RemainingTime => _limit > Elapsed ? _limit - Elapsed : TimeSpan.Zero;

    public ILambdaLogger Logger => this;

    public string LogGroupName => "/aws/lambda/" + _fn.Name;

    public string LogStreamName { get; }

    public DateTimeOffset Now => Start + Elapsed;

    public TimeSpan Elapsed { get; private set; }

    public double Vcpus { get; }

    public SimulatedAws Aws => _service.Account;

    public void Spend(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new AwsValidationException("duration", duration.ToString(), "must not be negative");
        ThrowIfStopped();
        if (Elapsed + duration > _limit)
        {
            Elapsed = _limit;
            TimedOut = true;
            throw new LambdaStoppedException("timed out");
        }
        Elapsed += duration;
    }

    public void SpendCpu(TimeSpan atOneVcpu, int threads = 1)
    {
        if (threads < 1) throw new AwsValidationException("threads", threads.ToString(CultureInfo.InvariantCulture), "must be 1 or more");
        Spend(LambdaService.CpuTime(atOneVcpu, MemoryLimitInMB, threads, _memoryMb));
    }

    public Task SpendAsync(TimeSpan duration)
    {
        Spend(duration);
        return Task.CompletedTask;
    }

    public void UseMemory(int megabytes)
    {
        if (megabytes < 0) throw new AwsValidationException("megabytes", megabytes.ToString(CultureInfo.InvariantCulture), "must not be negative");
        ThrowIfStopped();
        _memoryMb += megabytes;
        if (_memoryMb > MemoryLimitInMB)
        {
            MaxMemoryUsedMb = MemoryLimitInMB;
            OutOfMemory = true;
            throw new LambdaStoppedException("out of memory");
        }
        MaxMemoryUsedMb = Math.Max(MaxMemoryUsedMb, _memoryMb);
    }

    public void FreeMemory(int megabytes) => _memoryMb = Math.Max(0, _memoryMb - Math.Max(0, megabytes));

    public void Authorize(string action, string resource) => _service.AuthorizeRole(_fn, action, resource, "AccessDeniedException");

    public HttpResult HttpGet(string url, TimeSpan? clientTimeout = null)
    {
        ThrowIfStopped();
        if (!_service.Network.HasInternetAccess(_fn.Config.VpcConfig))
        {
            // In a VPC without a NAT gateway the TCP connection never completes: the call waits until the client
            // gives up or the function times out (the symptom learners see on AWS: "Task timed out").
            if (clientTimeout is { } t && t < RemainingTime)
            {
                Spend(t);
                throw new HttpRequestException($"Connection to {url} timed out after {t.TotalSeconds:0.###} s: the function is in a VPC and its subnets have no route to a NAT gateway.");
            }
            Spend(RemainingTime + TimeSpan.FromTicks(1));
        }
        Spend(_service.Network.InternetLatency);
        return _service.Network.Respond(url);
    }

    public string? GetEnvironmentVariable(string name) => name switch
    {
        "AWS_REGION" or "AWS_DEFAULT_REGION" => _service.Account.Region,
        "AWS_LAMBDA_FUNCTION_NAME" => _fn.Name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" => MemoryLimitInMB.ToString(CultureInfo.InvariantCulture),
        "AWS_LAMBDA_FUNCTION_VERSION" => "$LATEST",
        "AWS_LAMBDA_LOG_GROUP_NAME" => LogGroupName,
        "AWS_LAMBDA_LOG_STREAM_NAME" => LogStreamName,
        "_HANDLER" => _fn.Config.Handler,
        _ => _fn.EnvironmentVariables.GetValueOrDefault(name),
    };

    public void Log(string message)
    {
        _partial = (_partial ?? "") + message;
    }

    public void LogLine(string message)
    {
        var line = (_partial ?? "") + message;
        _partial = null;
        (Lines ??= new()).Add((Elapsed, line));
    }

    public void FlushPartial()
    {
        if (_partial is not null) LogLine("");
    }

    private void ThrowIfStopped()
    {
        if (TimedOut || OutOfMemory) throw new LambdaStoppedException("stopped");
    }
}

/// <summary>Thrown into a handler to stop it (timeout, out of memory); the runtime decides the outcome, not the handler.</summary>
internal sealed class LambdaStoppedException(string why) : Exception("The invocation was stopped: " + why);
