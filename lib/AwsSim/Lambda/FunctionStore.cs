using System.Globalization;
using AwsSim.Iam;

namespace AwsSim.Lambda;

/// <summary>
/// The account's functions and their configuration: CreateFunction, UpdateFunctionConfiguration, UpdateFunctionCode
/// and DeleteFunction with every field checked (<see cref="LambdaValidation"/>), container images resolved, and the
/// execution role checked (it must exist in this account and, for a VPC, allow managing network interfaces).
/// </summary>
internal sealed class FunctionStore(AccountContext aws, IamService iam, LambdaService service)
{
    private readonly Dictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);
    private readonly AccountContext _aws = aws;

    /// <summary>Every function ever created, deleted ones included (they are marked).</summary>
    internal IReadOnlyCollection<LambdaFunction> All => _functions.Values;

    /// <summary>Creates a function (reserved concurrency is the caller's to apply).</summary>
    internal FunctionConfiguration Create(CreateFunctionRequest request)
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
        return config;
    }

    /// <summary>Forgets a function that could not be created after all.</summary>
    internal void Remove(string name) => _functions.Remove(name);

    internal IReadOnlyList<FunctionConfiguration> ListFunctions()
        => _functions.Values.Where(f => !f.Deleted).Select(f => f.Config).OrderBy(c => c.FunctionName, StringComparer.Ordinal).ToList();

    /// <summary>Deletes a function. Queued asynchronous events for it are dropped (and counted as such).</summary>
    internal void DeleteFunction(string functionName, Action recomputeReserved)
    {
        var fn = Find(functionName);
        fn.Deleted = true;
        recomputeReserved();
        foreach (var env in fn.AllEnvironments) env.Shutdown = true;
        fn.Idle.Clear();
    }

    /// <summary>Changes a function's configuration. Existing execution environments are retired, as on AWS.</summary>
    internal FunctionConfiguration UpdateFunctionConfiguration(UpdateFunctionConfigurationRequest request)
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
    internal FunctionConfiguration UpdateFunctionCode(string functionName, LambdaCode code, string? imageUri = null)
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
        if (service.ImageResolver is not { } resolve) return;
        var info = resolve(uri) ?? throw new AwsException("InvalidParameterValueException", $"Source image {uri} does not exist. Provide a valid source image.");
        if (info.SizeBytes > LambdaValidation.MaxImageBytes)
        {
            throw new AwsValidationException("ImageUri", uri, $"the image is {info.SizeBytes:#,0} bytes; Lambda runs images up to 10 GB ({LambdaValidation.MaxImageBytes:#,0} bytes) uncompressed");
        }
    }

    private IamRole RoleFor(string roleArn, VpcConfig? vpc)
    {
        var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        if (!roleArn.Contains($"::{_aws.AccountId}:", StringComparison.Ordinal) || !iam.TryGet(name, out var role))
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

    internal static void RetireEnvironments(LambdaFunction fn)
    {
        foreach (var env in fn.AllEnvironments.Where(e => !e.Busy)) env.Shutdown = true;
        fn.Idle.Clear();
        fn.AllEnvironments.RemoveAll(e => e.Shutdown);
    }

    private string Timestamp() => _aws.Clock.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    /// <summary>Resolves image URIs in the account's ECR: null for an image that was never pushed.</summary>
    internal static Func<string, ContainerImageInfo?> EcrResolver(Ecr.EcrService ecr) => uri =>
    {
        try
        {
            var image = ecr.Pull(uri);
            return new ContainerImageInfo(image.ImageDigest, image.ImageSizeInBytes);
        }
        catch (AwsException)
        {
            return null;
        }
    };
}
