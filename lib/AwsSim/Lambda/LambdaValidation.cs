using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsSim.Lambda;

/// <summary>
/// Checks of CreateFunction's fields, with AWS's limits (aws-facts §1.2 and the CreateFunction API reference). One check
/// per field: memory, timeout and ephemeral storage are <see cref="LambdaLimits"/>'s (InvalidParameterValueException, as
/// the CLI's <c>price lambda</c> reports them too); names, handler, role, environment and VPC are checked here.
/// </summary>
internal static partial class LambdaValidation
{
    /// <summary>Longest timeout, seconds (15 minutes).</summary>
    public const int MaxTimeoutSeconds = LambdaLimits.MaxTimeoutSeconds;

    /// <summary>Environment variables may total at most 4 KB.</summary>
    public const int MaxEnvironmentBytes = 4 * 1024;

    /// <summary>Largest container image: 10 GB uncompressed.</summary>
    public const long MaxImageBytes = 10L * 1024 * 1024 * 1024;

    /// <summary>Function names: 1–64 letters, digits, hyphens, underscores (the API pattern <c>[a-zA-Z0-9-_]+</c>).</summary>
    public static string FunctionName(string? name)
    {
        if (name is null || name.Length is < 1 or > 64 || !NamePattern().IsMatch(name))
        {
            throw new AwsValidationException("FunctionName", name, "must be 1 to 64 characters: letters, digits, hyphens (-) and underscores (_)", "ValidationException");
        }
        return name;
    }

    /// <summary>Memory: 128–10,240 MB in 1 MB steps (the one check: <see cref="LambdaLimits.ValidateMemory"/>).</summary>
    public static int MemorySize(int mb) => LambdaLimits.ValidateMemory(mb);

    /// <summary>Timeout: 1–900 seconds (the one check: <see cref="LambdaLimits.ValidateTimeout"/>).</summary>
    public static int Timeout(int seconds) => LambdaLimits.ValidateTimeout(seconds);

    /// <summary>Ephemeral storage: 512–10,240 MB (the one check: <see cref="LambdaLimits.ValidateEphemeral"/>).</summary>
    public static int EphemeralStorage(int mb) => LambdaLimits.ValidateEphemeral(mb);

    /// <summary>Handler strings: 1–128 characters without whitespace.</summary>
    public static string Handler(string? handler)
    {
        if (handler is null || handler.Length is < 1 or > 128 || handler.Any(char.IsWhiteSpace))
        {
            throw new AwsValidationException("Handler", handler, "must be 1 to 128 characters without spaces, e.g. MyAssembly::MyNamespace.Function::Handler", "ValidationException");
        }
        return handler;
    }

    /// <summary>Role ARNs: <c>arn:aws:iam::&lt;12 digits&gt;:role/&lt;name&gt;</c>.</summary>
    public static string RoleArn(string? arn)
    {
        if (arn is null || !RolePattern().IsMatch(arn))
        {
            throw new AwsValidationException("Role", arn, "must be a role ARN: arn:aws:iam::<12-digit account>:role/<name>", "ValidationException");
        }
        return arn;
    }

    /// <summary>Environment variables: names start with a letter (letters, digits, underscores); AWS's reserved names are refused; 4 KB in total.</summary>
    public static void Environment(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null) return;
        foreach (var (name, _) in variables)
        {
            if (Reserved.Contains(name))
            {
                throw new AwsException("InvalidParameterValueException",
                    $"Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {name}");
            }
            if (!EnvNamePattern().IsMatch(name))
            {
                throw new AwsValidationException("Environment.Variables", name, "names must start with a letter and contain only letters, digits and underscores", "ValidationException");
            }
        }
        // AWS measures the variables as the JSON object it stores: {"NAME":"value",...}.
        var size = Encoding.UTF8.GetByteCount(AwsJson.Serialize(variables));
        if (size > MaxEnvironmentBytes)
        {
            throw new AwsValidationException("Environment.Variables", size.ToString("#,0", CultureInfo.InvariantCulture) + " bytes",
                $"must total at most 4 KB ({MaxEnvironmentBytes:#,0} bytes); Lambda was unable to configure your environment variables because they exceeded the 4KB limit");
        }
    }

    /// <summary>Names Lambda sets itself and a function may not (a selection of AWS's reserved keys).</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    /// <summary>A VPC configuration: up to 16 subnets (<c>subnet-…</c>) and up to 5 security groups (<c>sg-…</c>).</summary>
    public static void Vpc(VpcConfig? vpc)
    {
        if (vpc is null || vpc.SubnetIds.Count == 0) return;
        if (vpc.SubnetIds.Count > 16) throw new AwsValidationException("VpcConfig.SubnetIds", vpc.SubnetIds.Count.ToString(CultureInfo.InvariantCulture) + " subnets", "must list at most 16 subnets", "ValidationException");
        if (vpc.SecurityGroupIds.Count is < 1 or > 5) throw new AwsValidationException("VpcConfig.SecurityGroupIds", vpc.SecurityGroupIds.Count.ToString(CultureInfo.InvariantCulture) + " groups", "must list 1 to 5 security groups", "ValidationException");
        foreach (var s in vpc.SubnetIds) SubnetId(s, "VpcConfig.SubnetIds");
        foreach (var g in vpc.SecurityGroupIds)
        {
            if (!SecurityGroupPattern().IsMatch(g)) throw new AwsValidationException("VpcConfig.SecurityGroupIds", g, "must be security group ids like sg-0123456789abcdef0", "ValidationException");
        }
    }

    /// <summary>A subnet id like <c>subnet-0123456789abcdef0</c>.</summary>
    public static string SubnetId(string id, string field)
        => SubnetPattern().IsMatch(id) ? id : throw new AwsValidationException(field, id, "must be subnet ids like subnet-0123456789abcdef0", "ValidationException");

    /// <summary>
    /// An ECR image URI (aws-facts §7): <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repo&gt;:&lt;tag&gt;</c> or
    /// <c>…/&lt;repo&gt;@sha256:&lt;64 hex&gt;</c>, in the function's Region.
    /// </summary>
    public static (string Account, string Region, string Repository, string Reference) ImageUri(string? uri, string functionRegion)
    {
        var m = uri is null ? Match.Empty : ImagePattern().Match(uri);
        if (!m.Success)
        {
            throw new AwsValidationException("ImageUri", uri,
                "must be an ECR image: <12-digit account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or .../<repository>@sha256:<64 hex digits>");
        }
        var region = m.Groups["region"].Value;
        if (region != functionRegion)
        {
            throw new AwsValidationException("ImageUri", uri, $"must be in the function's Region ({functionRegion}), not {region}");
        }
        var repo = m.Groups["repo"].Value;
        if (repo.Length is < 2 or > 256) throw new AwsValidationException("ImageUri", uri, "the repository name must be 2 to 256 characters");
        return (m.Groups["acct"].Value, region, repo, m.Groups["tag"].Success ? m.Groups["tag"].Value : m.Groups["digest"].Value);
    }

    /// <summary>The kind of a destination ARN: sqs, sns, lambda or events; anything else is an error.</summary>
    public static string DestinationKind(string arn, string field)
    {
        var parts = arn.Split(':');
        if (parts.Length >= 6 && parts[0] == "arn" && parts[2] is "sqs" or "sns" or "lambda" or "events") return parts[2];
        throw new AwsValidationException(field, arn, "must be the ARN of an SQS queue, SNS topic, Lambda function or EventBridge event bus");
    }

    /// <summary>
    /// PutFunctionEventInvokeConfig's options: retries 0–2 (default 2), maximum event age 60–21,600 s (default 6 h),
    /// destinations that are SQS, SNS, Lambda or EventBridge ARNs.
    /// </summary>
    public static EventInvokeConfig EventInvokeConfig(int? maximumRetryAttempts, int? maximumEventAgeInSeconds, DestinationConfig? destinationConfig)
    {
        var retries = (int)Validate.Range("MaximumRetryAttempts", maximumRetryAttempts ?? 2, 0, 2, "retries", "ValidationException");
        var age = (int)Validate.Range("MaximumEventAgeInSeconds", maximumEventAgeInSeconds ?? 21_600, 60, 21_600, "seconds (1 minute to 6 hours)", "ValidationException");
        if (destinationConfig?.OnSuccess is { } s) DestinationKind(s, "DestinationConfig.OnSuccess.Destination");
        if (destinationConfig?.OnFailure is { } f) DestinationKind(f, "DestinationConfig.OnFailure.Destination");
        return new EventInvokeConfig(retries, age, destinationConfig);
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")] private static partial Regex NamePattern();
    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-/]+$")] private static partial Regex RolePattern();
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")] private static partial Regex EnvNamePattern();
    [GeneratedRegex("^subnet-[0-9a-f]{8,17}$")] private static partial Regex SubnetPattern();
    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")] private static partial Regex SecurityGroupPattern();
    [GeneratedRegex(@"^(?<acct>\d{12})\.dkr\.ecr\.(?<region>[a-z]{2}(-[a-z]+)+-\d)\.amazonaws\.com/(?<repo>(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,299})|@(?<digest>sha256:[0-9a-f]{64}))$")]
    private static partial Regex ImagePattern();
}
