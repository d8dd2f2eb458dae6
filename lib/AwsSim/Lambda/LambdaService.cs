using System.Globalization;
using System.Text.RegularExpressions;
using AwsSim.Ecr;

namespace AwsSim.Lambda;

/// <summary>
/// AWS Lambda in the simulated account (<c>aws.Lambda</c>): create functions with AWS's configuration limits, run them
/// synchronously or asynchronously on the simulated clock with cold starts, concurrency limits, throttling, timeouts,
/// retries, dead-letter queues and destinations; write AWS-format logs and metrics; charge every invocation to the bill.
/// Triggers (S3, API Gateway, EventBridge, CloudFront) call it through <see cref="ILambdaInvoker"/>.
/// </summary>
public sealed partial class LambdaService : ILambdaInvoker, ICallerAuthorizer
{
    /// <summary>The init phase may take at most 10 s; after that Lambda retries it inside the first invocation.</summary>
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(10);

    private readonly AccountContext _aws;
    private readonly Dictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IamRole> _roles = new(StringComparer.Ordinal);
    private ulong _idState;
    private readonly Random _random;

    private readonly EcrService _ecr;
    private readonly SimulatedAws _handlerAccount;

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
        _handlerAccount = handlerAccount;
        EventPublisher = events;
        _idState = unchecked((ulong)aws.Seed * 0x2545_F491_4F6C_DD1DUL + 17);
        _random = new Random(unchecked(aws.Seed * 104_729 + 3));
    }

    internal SimulatedAws Account => _handlerAccount;

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
        ImageResolver = uri =>
        {
            try
            {
                var image = _ecr.Pull(uri);
                return new ContainerImageInfo(image.ImageDigest, image.ImageSizeInBytes);
            }
            catch (AwsException)
            {
                return null;
            }
        };
    }

    /// <summary>
    /// Looks up an S3 object's content type for the <c>s3-get-object</c> blueprint (a lesson or test sets it); null when
    /// the object does not exist.
    /// </summary>
    public Func<string, string, string?>? S3ContentTypeLookup { get; set; }

    /// <summary>Where records for EventBridge destinations go: the account's bus (tests may swap in a recorder); they are also listed in <see cref="Deliveries"/>.</summary>
    internal IEventPublisher? EventPublisher { get; set; }

    // ---------------------------------------------------------------- roles

    /// <summary>
    /// Creates an execution role that Lambda can assume, with the given policies (e.g. <see cref="IamPolicy.BasicExecution"/>).
    /// </summary>
    public IamRole CreateRole(string roleName, params IamPolicy[] policies)
    {
        if (roleName is null || roleName.Length is < 1 or > 64 || !Regex.IsMatch(roleName, @"^[\w+=,.@-]+$"))
        {
            throw new AwsValidationException("RoleName", roleName, "must be 1 to 64 characters: letters, digits and + = , . @ _ -", "ValidationError");
        }
        if (_roles.ContainsKey(roleName)) throw new AwsException("EntityAlreadyExists", $"Role with name {roleName} already exists.", 409);
        var role = new IamRole(roleName, $"arn:aws:iam::{_aws.AccountId}:role/{roleName}");
        for (var i = 0; i < policies.Length; i++)
        {
            var policyName = ReferenceEquals(policies[i], IamPolicy.BasicExecution) ? "AWSLambdaBasicExecutionRole"
                : ReferenceEquals(policies[i], IamPolicy.VpcAccessExecution) ? "AWSLambdaVPCAccessExecutionRole"
                : $"policy-{i + 1}";
            role.PutPolicy(policyName, policies[i]);
        }
        _roles[roleName] = role;
        return role;
    }

    /// <summary>A role by name or ARN; <c>NoSuchEntity</c> when there is none.</summary>
    public IamRole GetRole(string nameOrArn)
    {
        var name = nameOrArn.Contains(":role/", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;
        return _roles.TryGetValue(name, out var r) ? r : throw new AwsException("NoSuchEntity", $"The role with name {name} cannot be found.", 404);
    }

    /// <summary>Every role.</summary>
    public IReadOnlyList<IamRole> Roles => _roles.Values.ToList();

    /// <summary>
    /// Creates a role the way the console's "Create a new role with basic Lambda permissions" does:
    /// <c>&lt;function&gt;-role-&lt;8 random characters&gt;</c> with AWSLambdaBasicExecutionRole.
    /// </summary>
    public IamRole CreateDefaultRole(string functionName)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        string name;
        do
        {
            name = $"{functionName}-role-" + new string(Enumerable.Range(0, 8).Select(_ => chars[_random.Next(chars.Length)]).ToArray());
        } while (_roles.ContainsKey(name));
        var role = CreateRole(name);
        role.PutPolicy("AWSLambdaBasicExecutionRole", IamPolicy.BasicExecution);
        return role;
    }

    // ---------------------------------------------------------------- functions

    /// <summary>Creates a function (AWS's CreateFunction), checking every field against Lambda's limits.</summary>
    /// <exception cref="AwsValidationException">A field is out of range (ValidationException / InvalidParameterValueException).</exception>
    /// <exception cref="AwsException">ResourceConflictException when the name is taken; InvalidParameterValueException when the role cannot be used.</exception>
    public FunctionConfiguration CreateFunction(CreateFunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = LambdaValidation.FunctionName(request.FunctionName);
        ArgumentNullException.ThrowIfNull(request.Code, nameof(request.Code));
        if (_functions.TryGetValue(name, out var existing) && !existing.Deleted)
        {
            throw new AwsException("ResourceConflictException", $"Function already exist: {name}", 409);
        }
        var config = BuildConfiguration(request, name);
        var role = RoleFor(config.Role, config.VpcConfig);
        if (request.DeadLetterConfig is { TargetArn: { Length: > 0 } dlq }) ValidateDeadLetterTarget(dlq);
        var fn = new LambdaFunction(config, request.Code, role)
        {
            EnvironmentVariables = request.Environment?.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) ?? new(StringComparer.Ordinal),
        };
        _functions[name] = fn;
        if (request.ReservedConcurrentExecutions is { } reserved)
        {
            try { PutFunctionConcurrency(name, reserved); }
            catch { _functions.Remove(name); throw; }
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
    public IReadOnlyList<FunctionConfiguration> ListFunctions()
        => _functions.Values.Where(f => !f.Deleted).Select(f => f.Config).OrderBy(c => c.FunctionName, StringComparer.Ordinal).ToList();

    /// <summary>Deletes a function. Queued asynchronous events for it are dropped (and counted as such).</summary>
    public void DeleteFunction(string functionName)
    {
        var fn = Find(functionName);
        fn.Deleted = true;
        RecomputeReserved();
        foreach (var env in fn.AllEnvironments) env.Shutdown = true;
        fn.Idle.Clear();
    }

    /// <summary>Changes a function's configuration. Existing execution environments are retired, as on AWS.</summary>
    public FunctionConfiguration UpdateFunctionConfiguration(UpdateFunctionConfigurationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fn = Find(request.FunctionName);
        var c = fn.Config;
        var vpc = request.VpcConfig is null ? c.VpcConfig : request.VpcConfig.SubnetIds.Count == 0 ? null : request.VpcConfig;
        var next = c with
        {
            MemorySize = request.MemorySize is { } m ? LambdaValidation.MemorySize(m) : c.MemorySize,
            Timeout = request.Timeout is { } t ? LambdaValidation.Timeout(t) : c.Timeout,
            EphemeralStorage = request.EphemeralStorageSize is { } e ? new EphemeralStorage(LambdaValidation.EphemeralStorage(e)) : c.EphemeralStorage,
            Role = request.Role is { } r ? LambdaValidation.RoleArn(r) : c.Role,
            Runtime = request.Runtime is { } rt ? LambdaRuntimes.Validate(rt) : c.Runtime,
            Handler = request.Handler is { } h ? LambdaValidation.Handler(h) : c.Handler,
            VpcConfig = vpc,
            DeadLetterConfig = request.DeadLetterConfig is null ? c.DeadLetterConfig : request.DeadLetterConfig.TargetArn.Length == 0 ? null : request.DeadLetterConfig,
            Environment = request.Environment is null ? c.Environment : new EnvironmentResponse(request.Environment),
            LastModified = Timestamp(),
        };
        if (request.Environment is not null) LambdaValidation.Environment(request.Environment);
        LambdaValidation.Vpc(next.VpcConfig);
        if (next.DeadLetterConfig is { } d) ValidateDeadLetterTarget(d.TargetArn);
        var role = RoleFor(next.Role, next.VpcConfig);
        fn.Config = next;
        fn.Role = role;
        if (request.Environment is not null) fn.EnvironmentVariables = request.Environment.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        RetireEnvironments(fn);
        return next;
    }

    /// <summary>Deploys new code (UpdateFunctionCode); the next invocation is a cold start.</summary>
    public FunctionConfiguration UpdateFunctionCode(string functionName, LambdaCode code, string? imageUri = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var fn = Find(functionName);
        if (imageUri is not null)
        {
            if (fn.Config.PackageType != nameof(PackageType.Image)) throw new AwsValidationException("ImageUri", imageUri, "applies only to functions with PackageType Image");
            ResolveImage(imageUri);
            fn.Config = fn.Config with { ImageUri = imageUri };
        }
        fn.Code = code;
        fn.Config = fn.Config with { LastModified = Timestamp() };
        RetireEnvironments(fn);
        return fn.Config;
    }

    /// <summary>
    /// Reserves concurrency for a function (PutFunctionConcurrency): it may never run more than this many at once, and
    /// the rest of the account can never take these. 0 stops the function. The unreserved pool must keep 100.
    /// </summary>
    public int PutFunctionConcurrency(string functionName, int reservedConcurrentExecutions)
    {
        var fn = Find(functionName);
        Validate.Range("ReservedConcurrentExecutions", reservedConcurrentExecutions, 0, Options.AccountConcurrencyLimit, "concurrent executions");
        var others = ReservedTotal() - (fn.Reserved ?? 0);
        if (Options.AccountConcurrencyLimit - others - reservedConcurrentExecutions < Options.MinimumUnreservedConcurrency)
        {
            throw new AwsException("InvalidParameterValueException",
                $"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{Options.MinimumUnreservedConcurrency}].");
        }
        var wasReserved = fn.Reserved.HasValue;
        if (!wasReserved) _unreservedBusy -= fn.Busy;
        fn.Reserved = reservedConcurrentExecutions;
        RecomputeReserved();
        return reservedConcurrentExecutions;
    }

    /// <summary>Removes a function's reserved concurrency: it shares the unreserved pool again.</summary>
    public void DeleteFunctionConcurrency(string functionName)
    {
        var fn = Find(functionName);
        if (fn.Reserved.HasValue) _unreservedBusy += fn.Busy;
        fn.Reserved = null;
        RecomputeReserved();
    }

    /// <summary>A function's reserved concurrency, or null.</summary>
    public int? GetFunctionConcurrency(string functionName) => Find(functionName).Reserved;

    /// <summary>The account's concurrency (GetAccountSettings).</summary>
    public AccountLimit GetAccountSettings() => new(Options.AccountConcurrencyLimit, Options.AccountConcurrencyLimit - ReservedTotal());

    /// <summary>
    /// Sets a function's asynchronous invocation options (PutFunctionEventInvokeConfig): retries 0–2 (default 2),
    /// maximum event age 60–21,600 s (default 6 h) and destinations. Options left out return to their defaults.
    /// </summary>
    public EventInvokeConfig PutFunctionEventInvokeConfig(string functionName, int? maximumRetryAttempts = null, int? maximumEventAgeInSeconds = null, DestinationConfig? destinationConfig = null)
    {
        var fn = Find(functionName);
        var retries = (int)Validate.Range("MaximumRetryAttempts", maximumRetryAttempts ?? 2, 0, 2, "retries", "ValidationException");
        var age = (int)Validate.Range("MaximumEventAgeInSeconds", maximumEventAgeInSeconds ?? 21_600, 60, 21_600, "seconds (1 minute to 6 hours)", "ValidationException");
        if (destinationConfig?.OnSuccess is { } s) LambdaValidation.DestinationKind(s, "DestinationConfig.OnSuccess.Destination");
        if (destinationConfig?.OnFailure is { } f) LambdaValidation.DestinationKind(f, "DestinationConfig.OnFailure.Destination");
        fn.AsyncConfig = new EventInvokeConfig(retries, age, destinationConfig);
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
        ReleaseDue(now);
        return fn.AllEnvironments.Where(e => !e.Shutdown && (e.Busy || e.IsWarmAt(now))).ToList();
    }

    /// <summary>How many execution environments of the function are busy now.</summary>
    public int ConcurrentExecutions(string functionName)
    {
        ReleaseDue(_aws.Clock.Now);
        return Find(functionName).Busy;
    }

    /// <summary>How many execution environments are busy in the account now.</summary>
    public int AccountConcurrentExecutions
    {
        get { ReleaseDue(_aws.Clock.Now); return _accountBusy; }
    }

    /// <summary>The function's CloudWatch metrics.</summary>
    public LambdaMetrics GetMetrics(string functionName) => Find(functionName).Metrics;

    /// <summary>The function's log events (the latest <see cref="LambdaOptions.LogRetentionInvocations"/> invocations), in time order.</summary>
    public IReadOnlyList<LogEvent> GetLogEvents(string functionName, int? lastInvocations = null)
    {
        var fn = Find(functionName);
        var logs = lastInvocations is { } n ? fn.Logs.Skip(Math.Max(0, fn.Logs.Count - n)) : fn.Logs;
        return logs.SelectMany(l => l.Render()).OrderBy(e => e.Timestamp).ToList();
    }

    /// <summary>The function's log lines as text, one per line (what CloudWatch Logs shows).</summary>
    public string GetLogText(string functionName, int? lastInvocations = null)
        => string.Join("\n", GetLogEvents(functionName, lastInvocations).Select(e => e.Message));

    /// <summary>Asynchronous events of one function: received = succeeded + dead-lettered + dropped + in flight.</summary>
    public AsyncEventAccounting GetAsyncAccounting(string functionName) => Find(functionName).Accounting;

    /// <summary>Asynchronous events of the whole account.</summary>
    public AsyncEventAccounting AsyncAccounting { get; } = new();

    // ---------------------------------------------------------------- helpers

    internal LambdaFunction Find(string functionNameOrArn)
    {
        var name = functionNameOrArn;
        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            var i = name.IndexOf(":function:", StringComparison.Ordinal);
            if (i >= 0) name = name[(i + 10)..].Split(':')[0];
        }
        return _functions.TryGetValue(name, out var fn) && !fn.Deleted
            ? fn
            : throw new AwsException("ResourceNotFoundException", $"Function not found: arn:aws:lambda:{_aws.Region}:{_aws.AccountId}:function:{name}", 404);
    }

    private FunctionConfiguration BuildConfiguration(CreateFunctionRequest r, string name)
    {
        var memory = LambdaValidation.MemorySize(r.MemorySize);
        var timeout = LambdaValidation.Timeout(r.Timeout);
        var ephemeral = LambdaValidation.EphemeralStorage(r.EphemeralStorageSize);
        var role = LambdaValidation.RoleArn(r.Role);
        if (r.Description.Length > 256) throw new AwsValidationException("Description", r.Description[..20] + "…", "must be at most 256 characters", "ValidationException");
        LambdaValidation.Environment(r.Environment);
        LambdaValidation.Vpc(r.VpcConfig);
        string? runtime = null, handler = null, image = null;
        if (r.PackageType == PackageType.Zip)
        {
            if (r.ImageUri is not null) throw new AwsValidationException("ImageUri", r.ImageUri, "applies only to PackageType Image");
            runtime = LambdaRuntimes.Validate(r.Runtime);
            handler = LambdaValidation.Handler(r.Handler);
        }
        else
        {
            if (r.ImageUri is null) throw new AwsValidationException("ImageUri", null, "is required for PackageType Image");
            image = r.ImageUri;
            ResolveImage(image);
        }
        return new FunctionConfiguration
        {
            FunctionName = name,
            FunctionArn = $"arn:aws:lambda:{_aws.Region}:{_aws.AccountId}:function:{name}",
            Runtime = runtime,
            Handler = handler,
            Role = role,
            Description = r.Description,
            MemorySize = memory,
            Timeout = timeout,
            EphemeralStorage = new EphemeralStorage(ephemeral),
            Architectures = [r.Architecture.ToAwsName()],
            PackageType = r.PackageType.ToString(),
            ImageUri = image,
            Environment = r.Environment is null ? null : new EnvironmentResponse(r.Environment),
            VpcConfig = r.VpcConfig is { SubnetIds.Count: > 0 } ? r.VpcConfig : null,
            DeadLetterConfig = r.DeadLetterConfig is { TargetArn.Length: > 0 } ? r.DeadLetterConfig : null,
            LastModified = Timestamp(),
        };
    }

    private void ResolveImage(string uri)
    {
        LambdaValidation.ImageUri(uri, _aws.Region);
        if (ImageResolver is null) return;
        var info = ImageResolver(uri) ?? throw new AwsException("InvalidParameterValueException", $"Source image {uri} does not exist. Provide a valid source image.");
        if (info.SizeBytes > LambdaValidation.MaxImageBytes)
        {
            throw new AwsValidationException("ImageUri", uri, $"the image is {info.SizeBytes:#,0} bytes; Lambda runs images up to 10 GB ({LambdaValidation.MaxImageBytes:#,0} bytes) uncompressed");
        }
    }

    private IamRole RoleFor(string roleArn, VpcConfig? vpc)
    {
        var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        if (!roleArn.Contains($"::{_aws.AccountId}:", StringComparison.Ordinal) || !_roles.TryGetValue(name, out var role))
        {
            throw new AwsException("InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda.");
        }
        if (vpc is { SubnetIds.Count: > 0 })
        {
            foreach (var action in new[] { "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface" })
            {
                if (!role.IsAllowed(action, "*"))
                {
                    var op = action[4..];
                    throw new AwsException("InvalidParameterValueException", $"The provided execution role does not have permissions to call {op} on EC2");
                }
            }
        }
        return role;
    }

    private static void ValidateDeadLetterTarget(string arn)
    {
        var kind = LambdaValidation.DestinationKind(arn, "DeadLetterConfig.TargetArn");
        if (kind is not ("sqs" or "sns")) throw new AwsValidationException("DeadLetterConfig.TargetArn", arn, "must be an SQS queue or SNS topic ARN");
    }

    private int _reservedTotal;

    private int ReservedTotal() => _reservedTotal;

    private void RecomputeReserved() => _reservedTotal = _functions.Values.Where(f => !f.Deleted).Sum(f => f.Reserved ?? 0);

    private void RetireEnvironments(LambdaFunction fn)
    {
        foreach (var env in fn.AllEnvironments.Where(e => !e.Busy)) env.Shutdown = true;
        fn.Idle.Clear();
        fn.AllEnvironments.RemoveAll(e => e.Shutdown);
    }

    private string Timestamp() => _aws.Clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

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
