using System.Globalization;
using AwsSim.Ecr;
using AwsSim.Iam;

namespace AwsSim.Lambda;

/// <summary>
/// AWS Lambda in the simulated account (<c>aws.Lambda</c>): create functions with AWS's configuration limits, run them
/// synchronously or asynchronously on the simulated clock with cold starts, concurrency limits, throttling, timeouts,
/// retries, dead-letter queues and destinations; write AWS-format logs and metrics; charge every invocation to the bill.
/// Triggers (S3, API Gateway, EventBridge, CloudFront) call it through <see cref="ILambdaInvoker"/>.
/// </summary>
public sealed class LambdaService : ILambdaInvoker, ICallerAuthorizer
{
    /// <summary>The init phase may take at most 10 s; after that Lambda retries it inside the first invocation.</summary>
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(10);

    private readonly AccountContext _aws;
    private readonly FunctionStore _store;
    private readonly IamService _iam;
    private readonly Random _random;
    private readonly LambdaIds _ids;
    private readonly LambdaConcurrency _concurrency;
    private readonly LambdaBilling _billing;
    private readonly InvocationRunner _runner;
    private readonly AsyncInvocationQueue _async;
    private readonly EcrService _ecr;

    /// <param name="aws">The account's Region, clock, seed, prices and bill.</param>
    /// <param name="ecr">Where container-image functions' images live (<see cref="ResolveImagesFromEcr"/>).</param>
    /// <param name="events">Where EventBridge destinations go.</param>
    /// <param name="handlerAccount">What a handler sees as <see cref="ILambdaContext.Aws"/>.</param>
    /// <param name="options">Account settings and simulation choices.</param>
    internal LambdaService(AccountContext aws, EcrService ecr, IEventPublisher events, SimulatedAws handlerAccount, LambdaOptions? options = null)
    {
        _aws = aws;
        Options = options ?? new();
        _ecr = ecr;
        Account = handlerAccount;
        EventPublisher = events;
        _random = new Random(unchecked(aws.Seed * 104_729 + 3));
        _iam = new IamService(aws);
        _store = new FunctionStore(aws, _iam, this);
        _ids = new LambdaIds(aws.Seed);
        _concurrency = new LambdaConcurrency(Options);
        _billing = new LambdaBilling(aws, Options);
        _runner = new InvocationRunner(this, aws.Clock, Options, _ids, _concurrency, new LambdaLogs(aws, Options), _billing, _random);
        _async = new AsyncInvocationQueue(this, aws, Options, _ids, _concurrency, _runner, _random);
    }

    internal SimulatedAws Account { get; }

    /// <summary>Which subnets have a NAT gateway; what the internet answers.</summary>
    public LambdaNetwork Network { get; } = new();

    /// <summary>This service's options (fixed when the account is built; see <see cref="LambdaOptions"/>).</summary>
    public LambdaOptions Options { get; }

    /// <summary>
    /// Looks up container images for PackageType Image (<see cref="ResolveImagesFromEcr"/> points it at the account's ECR).
    /// Null (the default): any well-formed URI is accepted.
    /// Returning null means "no such image".
    /// </summary>
    public Func<string, ContainerImageInfo?>? ImageResolver { get; set; }

    /// <summary>
    /// Makes container-image functions resolve their ImageUri in the account's ECR (<c>aws.Ecr</c>): an image that was
    /// never pushed is refused ("Source image … does not exist"), and its size is checked against the 10 GB limit.
    /// </summary>
    public void ResolveImagesFromEcr()
    {
        ImageResolver = FunctionStore.EcrResolver(_ecr);
    }

    /// <summary>
    /// Looks up an S3 object's content type for the <c>s3-get-object</c> blueprint (a lesson or test sets it); null when
    /// the object does not exist.
    /// </summary>
    public Func<string, string, string?>? S3ContentTypeLookup { get; set; }

    /// <summary>Where records for EventBridge destinations go: the account's bus (tests may swap in a recorder); they are also listed in <see cref="Deliveries"/>.</summary>
    internal IEventPublisher? EventPublisher { get; set; }

    // ---------------------------------------------------------------- roles (IAM, lib/AwsSim/Iam)

    /// <summary>
    /// Creates an execution role that Lambda can assume, with the given policies (e.g. <see cref="IamPolicy.BasicExecution"/>).
    /// </summary>
    public IamRole CreateRole(string roleName, params IamPolicy[] policies) => _iam.CreateRole(roleName, policies);

    /// <summary>A role by name or ARN; <c>NoSuchEntity</c> when there is none.</summary>
    public IamRole GetRole(string nameOrArn) => _iam.GetRole(nameOrArn);

    /// <summary>Every role.</summary>
    public IReadOnlyList<IamRole> Roles => _iam.Roles;

    /// <summary>
    /// Creates a role the way the console's "Create a new role with basic Lambda permissions" does:
    /// <c>&lt;function&gt;-role-&lt;8 random characters&gt;</c> with AWSLambdaBasicExecutionRole.
    /// </summary>
    public IamRole CreateDefaultRole(string functionName) => _iam.CreateDefaultRole(functionName, _random);

    // ---------------------------------------------------------------- functions

    /// <summary>Creates a function (AWS's CreateFunction), checking every field against Lambda's limits.</summary>
    /// <exception cref="AwsValidationException">A field is out of range (ValidationException / InvalidParameterValueException).</exception>
    public FunctionConfiguration CreateFunction(CreateFunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = _store.Create(request);
        if (request.ReservedConcurrentExecutions is { } reserved)
        {
            try { PutFunctionConcurrency(config.FunctionName, reserved); }
            catch { _store.Remove(config.FunctionName); throw; }
        }
        return config;
    }

    /// <summary>
    /// Creates a function with the usual defaults (dotnet8, 128 MB, 3 s) and, when <paramref name="roleArn"/> is null,
    /// a new role with basic Lambda permissions, as the console does.
    /// </summary>
    public FunctionConfiguration CreateFunction(string functionName, LambdaCode code, int memorySize = 128, int timeout = 3, string? roleArn = null, Architecture architecture = Architecture.X86_64)
    {
        LambdaValidation.FunctionName(functionName);
        roleArn ??= CreateDefaultRole(functionName).Arn;
        return CreateFunction(new CreateFunctionRequest
        {
            FunctionName = functionName, Code = code, Role = roleArn, MemorySize = memorySize, Timeout = timeout, Architecture = architecture,
        });
    }

    /// <summary>
    /// Creates a function from a blueprint (<see cref="LambdaBlueprints"/>: <c>hello-world</c>, <c>s3-get-object</c>…)
    /// with a new execution role holding the blueprint's policy templates, as the console's "Use a blueprint" does.
    /// </summary>
    public FunctionConfiguration CreateFunctionFromBlueprint(string blueprint, string functionName, Action<CreateFunctionRequest>? inspect = null)
    {
        var bp = LambdaBlueprints.Get(blueprint);
        LambdaValidation.FunctionName(functionName);
        var role = CreateDefaultRole(functionName);
        foreach (var (policyName, policy) in bp.PolicyTemplates) role.PutPolicy(policyName, policy);
        var request = new CreateFunctionRequest
        {
            FunctionName = functionName, Code = bp.Code, Role = role.Arn, Runtime = bp.Runtime, Handler = bp.Handler,
            Description = bp.Description, MemorySize = bp.MemorySize, Timeout = bp.Timeout,
        };
        inspect?.Invoke(request);
        return CreateFunction(request);
    }

    /// <summary>A function's configuration; <c>ResourceNotFoundException</c> (404) when there is none.</summary>
    public FunctionConfiguration GetFunctionConfiguration(string functionName) => Find(functionName).Config;

    /// <summary>Every function, by name.</summary>
    public IReadOnlyList<FunctionConfiguration> ListFunctions() => _store.ListFunctions();

    /// <summary>Deletes a function. Queued asynchronous events for it are dropped (and counted as such).</summary>
    public void DeleteFunction(string functionName) => _store.DeleteFunction(functionName, RecomputeReserved);

    /// <summary>Changes a function's configuration. Existing execution environments are retired, as on AWS.</summary>
    public FunctionConfiguration UpdateFunctionConfiguration(UpdateFunctionConfigurationRequest request) => _store.UpdateFunctionConfiguration(request);

    /// <summary>Deploys new code (UpdateFunctionCode); the next invocation is a cold start.</summary>
    public FunctionConfiguration UpdateFunctionCode(string functionName, LambdaCode code, string? imageUri = null) => _store.UpdateFunctionCode(functionName, code, imageUri);

    /// <summary>
    /// Reserves concurrency for a function (PutFunctionConcurrency): it may never run more than this many at once, and
    /// the rest of the account can never take these. 0 stops the function. The unreserved pool must keep 100.
    /// </summary>
    public int PutFunctionConcurrency(string functionName, int reservedConcurrentExecutions)
    {
        var fn = Find(functionName);
        _concurrency.Put(fn, reservedConcurrentExecutions, _store.All);
        return reservedConcurrentExecutions;
    }

    /// <summary>Removes a function's reserved concurrency: it shares the unreserved pool again.</summary>
    public void DeleteFunctionConcurrency(string functionName)
    {
        var fn = Find(functionName);
        _concurrency.Unreserve(fn);
        RecomputeReserved();
    }

    /// <summary>A function's reserved concurrency, or null.</summary>
    public int? GetFunctionConcurrency(string functionName) => Find(functionName).Reserved;

    /// <summary>The account's concurrency (GetAccountSettings).</summary>
    public AccountLimit GetAccountSettings() => new(Options.AccountConcurrencyLimit, Options.AccountConcurrencyLimit - _concurrency.ReservedTotal);

    /// <summary>
    /// Sets a function's asynchronous invocation options (PutFunctionEventInvokeConfig): retries 0–2 (default 2),
    /// maximum event age 60–21,600 s (default 6 h) and destinations. Options left out return to their defaults.
    /// </summary>
    public EventInvokeConfig PutFunctionEventInvokeConfig(string functionName, int? maximumRetryAttempts = null, int? maximumEventAgeInSeconds = null, DestinationConfig? destinationConfig = null)
    {
        var fn = Find(functionName);
        fn.AsyncConfig = LambdaValidation.EventInvokeConfig(maximumRetryAttempts, maximumEventAgeInSeconds, destinationConfig);
        return fn.AsyncConfig;
    }

    /// <summary>
    /// Sets recursive loop detection for a function (PutFunctionRecursionConfig): <c>Terminate</c> (the default) stops
    /// the 17th invocation of the function in one chain of events; <c>Allow</c> lets the loop run.
    /// </summary>
    public string PutFunctionRecursionConfig(string functionName, string recursiveLoop)
    {
        var fn = Find(functionName);
        fn.RecursiveLoop = Validate.OneOf("RecursiveLoop", recursiveLoop, "Allow", "Terminate");
        return fn.RecursiveLoop;
    }

    /// <summary>A function's asynchronous invocation options.</summary>
    public EventInvokeConfig GetFunctionEventInvokeConfig(string functionName) => Find(functionName).AsyncConfig;

    /// <summary>The function's execution role.</summary>
    public IamRole GetFunctionRole(string functionName) => Find(functionName).Role;

    /// <summary>Execution environments of a function that are alive (busy or warm) now.</summary>
    public IReadOnlyList<ExecutionEnvironment> GetEnvironments(string functionName)
    {
        var fn = Find(functionName);
        var now = _aws.Clock.Now;
        _concurrency.ReleaseDue(now);
        return fn.AllEnvironments.Where(e => !e.Shutdown && (e.Busy || e.IsWarmAt(now))).ToList();
    }

    /// <summary>How many execution environments of the function are busy now.</summary>
    public int ConcurrentExecutions(string functionName)
    {
        _concurrency.ReleaseDue(_aws.Clock.Now);
        return Find(functionName).Busy;
    }

    /// <summary>How many execution environments are busy in the account now.</summary>
    public int AccountConcurrentExecutions
    {
        get { _concurrency.ReleaseDue(_aws.Clock.Now); return _concurrency.AccountBusy; }
    }

    /// <summary>The function's CloudWatch metrics.</summary>
    public LambdaMetrics GetMetrics(string functionName) => Find(functionName).Metrics;

    /// <summary>The function's log events (the latest <see cref="LambdaOptions.LogRetentionInvocations"/> invocations), in time order.</summary>
    public IReadOnlyList<LogEvent> GetLogEvents(string functionName, int? lastInvocations = null)
        => LambdaLogs.Events(Find(functionName), lastInvocations);

    /// <summary>The function's log lines as text, one per line (what CloudWatch Logs shows).</summary>
    public string GetLogText(string functionName, int? lastInvocations = null)
        => string.Join("\n", GetLogEvents(functionName, lastInvocations).Select(e => e.Message));

    /// <summary>Asynchronous events of one function: received = succeeded + dead-lettered + dropped + in flight.</summary>
    public AsyncEventAccounting GetAsyncAccounting(string functionName) => Find(functionName).Accounting;

    /// <summary>Asynchronous events of the whole account.</summary>
    public AsyncEventAccounting AsyncAccounting { get; } = new();

    // ---------------------------------------------------------------- invoking

    /// <summary>Largest synchronous request or response payload: 6 MB.</summary>
    public const int MaxSyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Largest asynchronous event: 1 MB (current Invoke API; the 2023 guide said 256 KB).</summary>
    public const int MaxAsyncPayloadBytes = 1024 * 1024;

    /// <summary>The function whose code is running right now (null outside handlers).</summary>
    public string? CurrentFunctionName => _runner.Current?.Function.Name;

    /// <summary>The context of the handler running right now (null outside handlers).</summary>
    public ILambdaContext? CurrentContext => _runner.Current?.Context;

    /// <summary>
    /// For other services (S3, SQS…): checks that the function whose code is calling — if any — may do
    /// <paramref name="action"/> on <paramref name="resource"/>. Calls from outside a function (the account owner in a
    /// notebook) are allowed. Throws <paramref name="errorCode"/> (403), e.g. S3 passes <c>AccessDenied</c>.
    /// </summary>
    public void Authorize(string action, string resource, string errorCode = "AccessDeniedException")
    {
        if (_runner.Current is { } active) AuthorizeRole(active.Function, action, resource, errorCode);
    }

    void ICallerAuthorizer.AuthorizeCaller(string action, string resource, string errorCode) => Authorize(action, resource, errorCode);

    internal void AuthorizeRole(LambdaFunction fn, string action, string resource, string errorCode)
        => IamService.Authorize(fn.Role, fn.Name, _aws.AccountId, action, resource, errorCode);

    /// <summary>
    /// Invokes a function (AWS's Invoke). RequestResponse runs it now and returns its result (a function error is
    /// still HTTP 200, with <see cref="InvokeResponse.FunctionError"/> "Unhandled"); Event queues it (202); DryRun
    /// checks only (204). The simulated clock does not move: the execution environment stays busy until the
    /// invocation's end, and <c>aws.Clock.Advance</c> moves on.
    /// </summary>
    /// <exception cref="TooManyRequestsException">No concurrency is available (429).</exception>
    /// <exception cref="AwsException">ResourceNotFoundException (404), RequestTooLargeException (413).</exception>
    public InvokeResponse Invoke(string functionName, string payload = "{}", InvocationType invocationType = InvocationType.RequestResponse)
    {
        payload ??= "";
        var fn = Find(functionName);
        if (invocationType == InvocationType.Event)
        {
            return new InvokeResponse { StatusCode = 202, RequestId = InvokeAsync(functionName, payload), MemorySizeMb = fn.Config.MemorySize };
        }
        InvocationRunner.CheckPayload(payload, MaxSyncPayloadBytes);
        if (invocationType == InvocationType.DryRun) return new InvokeResponse { StatusCode = 204, RequestId = _ids.NewRequestId(), MemorySizeMb = fn.Config.MemorySize };
        return _runner.InvokeSync(fn, payload);
    }

    /// <inheritdoc />
    LambdaInvokeResult ILambdaInvoker.Invoke(string functionName, string payloadJson)
    {
        try
        {
            var r = Invoke(functionName, payloadJson);
            return new LambdaInvokeResult(r.StatusCode, r.Payload, r.FunctionError, r.Duration);
        }
        catch (AwsException ex) when (ex is not AwsValidationException)
        {
            return new LambdaInvokeResult(ex.StatusCode, $"{{\"message\":{System.Text.Json.JsonSerializer.Serialize(ex.Reason)}}}", null, TimeSpan.Zero, ex.ErrorCode);
        }
    }

    /// <summary>Every message sent to a dead-letter queue or destination, in order.</summary>
    public IReadOnlyList<DestinationDelivery> Deliveries => _async.Deliveries;

    /// <summary>The messages sent to one queue, topic, function or bus ARN (the simulator's stand-in for reading the queue).</summary>
    public IReadOnlyList<DestinationDelivery> ReceiveMessages(string targetArn) => _async.Deliveries.Where(d => d.TargetArn == targetArn).ToList();

    /// <inheritdoc />
    void ILambdaInvoker.InvokeAsync(string functionName, string payloadJson, string? source)
    {
        try
        {
            InvokeAsync(functionName, payloadJson, source);
        }
        catch (AwsException ex) when (ex is not AwsValidationException)
        {
            // A trigger (S3, EventBridge…) sent an event Lambda could not accept (no such function, too large): the
            // sender is not told, but the event is not lost silently either.
            AsyncAccounting.Received++;
            AsyncAccounting.Drop(new DroppedEvent("", functionName, $"{ex.ErrorCode}: {ex.Reason}", _aws.Clock.Now));
        }
    }

    /// <summary>
    /// Queues an asynchronous (Event) invocation and returns its request id (HTTP 202). The event runs on the clock:
    /// throttled attempts go back to the queue with backoff from 1 s to 5 min; function errors are retried after
    /// 1 min and 2 min (<see cref="PutFunctionEventInvokeConfig"/>); events older than the maximum age, or out of
    /// retries, go to the on-failure destination and/or dead-letter queue, or are dropped with the reason recorded.
    /// </summary>
    /// <param name="functionName">The function name or ARN.</param>
    /// <param name="payloadJson">The event, up to 1 MB.</param>
    /// <param name="source">Who sent it (e.g. <c>aws:s3</c>), for the record.</param>
    public string InvokeAsync(string functionName, string payloadJson, string? source = null) => _async.Enqueue(Find(functionName), payloadJson, source);

    // ---------------------------------------------------------------- billing (LambdaBilling)
    /// <summary>
    /// The account's Lambda usage in a month (requests, GB-seconds per architecture, ephemeral GB-seconds), added up
    /// invocation by invocation.
    /// </summary>
    public LambdaMonthlyTotals GetMonthlyTotals(int year, int month) => _billing.GetMonthlyTotals(year, month);

    /// <summary>
    /// The month's Lambda bill recomputed from the month's totals, with the free tier applied once for the month (not
    /// per invocation). The lines posted to <c>aws.Bill</c> always add up to this.
    /// </summary>
    public Bill GetMonthlyBill(int year, int month) => _billing.GetMonthlyBill(year, month);

    /// <summary>
    /// Posts what Lambda has charged since the last posting to <c>aws.Bill</c>: for each month, the difference between
    /// the recomputed month bill and what was already posted, one line per usage type. Runs by itself on the clock
    /// (see <see cref="LambdaOptions.BillingInterval"/>) and after every synchronous invoke; call it to post at once.
    /// </summary>
    public void PostCharges() => _billing.PostCharges();

    // ---------------------------------------------------------------- helpers

    internal LambdaFunction Find(string functionNameOrArn) => _store.Find(functionNameOrArn);

    private void RecomputeReserved() => _concurrency.RecomputeReserved(_store.All);

    /// <summary>Share of vCPUs for a memory size: memory / 1,769 MB, at most 6 (aws-facts §1.2).</summary>
    public static double VcpusFor(int memoryMb) => Math.Min(6.0, memoryMb / (double)LambdaLimits.MemoryMbPerVcpu);

    /// <summary>
    /// How long CPU work that takes <paramref name="atOneVcpu"/> on one vCPU takes with <paramref name="memoryMb"/>:
    /// a thread runs at most on one vCPU, the function gets memory / 1,769 MB vCPUs (at most 6). Managed runtimes also
    /// slow down near their memory limit (garbage collection): the simulator multiplies CPU time by
    /// 1 + 2 × (working set / memory)² — a course model, not an AWS figure — which gives the U-shaped cost curve that
    /// power-tuning tools show.
    /// </summary>
    public static TimeSpan CpuTime(TimeSpan atOneVcpu, int memoryMb, int threads = 1, int workingSetMb = 0)
    {
        var speed = Math.Min(Math.Max(1, threads), VcpusFor(memoryMb));
        var pressure = Math.Clamp(workingSetMb / (double)memoryMb, 0, 1);
        var gc = 1 + 2 * pressure * pressure;
        return TimeSpan.FromTicks((long)Math.Ceiling(atOneVcpu.Ticks / speed * gc));
    }
}
