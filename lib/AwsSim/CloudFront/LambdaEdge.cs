namespace AwsSim.CloudFront;

/// <summary>
/// The four points where CloudFront can run a Lambda@Edge function, and their limits
/// (CloudFront Developer Guide: "Lambda@Edge trigger events", "Quotas on Lambda@Edge", "Restrictions on Lambda@Edge").
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>trigger</term><description>runs when</description></listheader>
/// <item><term>viewer-request</term><description>every request, before the cache lookup</description></item>
/// <item><term>origin-request</term><description>only on a cache miss, before forwarding to the origin</description></item>
/// <item><term>origin-response</term><description>after the origin answers (errors too), before caching; not on a hit</description></item>
/// <item><term>viewer-response</term><description>before returning to the viewer, hit or miss; not when the origin status is ≥ 400, nor for a response a viewer-request function generated</description></item>
/// </list>
/// </remarks>
public static class LambdaEdge
{
    /// <summary>Runs on every request, before the cache.</summary>
    public const string ViewerRequest = "viewer-request";

    /// <summary>Runs on a cache miss, before the origin.</summary>
    public const string OriginRequest = "origin-request";

    /// <summary>Runs after the origin answers, before caching.</summary>
    public const string OriginResponse = "origin-response";

    /// <summary>Runs before the response goes back to the viewer.</summary>
    public const string ViewerResponse = "viewer-response";

    /// <summary>The four event types, in the order a request meets them.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = [ViewerRequest, OriginRequest, OriginResponse, ViewerResponse];

    /// <summary>The only Region Lambda@Edge functions can be created in (they are replicated from there).</summary>
    public const string FunctionRegion = "us-east-1";

    /// <summary>The limits of one trigger point.</summary>
    public static EdgeLimits LimitsFor(string eventType) => Validate.OneOf("EventType", eventType, [.. EventTypes]) switch
    {
        ViewerRequest or ViewerResponse => new EdgeLimits(MaxMemoryMb: 128, MaxTimeout: TimeSpan.FromSeconds(5), MaxGeneratedResponseBytes: 40 * 1024),
        _ => new EdgeLimits(MaxMemoryMb: Lambda.LambdaLimits.MaxMemoryMb, MaxTimeout: TimeSpan.FromSeconds(30), MaxGeneratedResponseBytes: 1024 * 1024),
    };

    /// <summary>True for the two request triggers (a function there may return a request, or generate a response).</summary>
    public static bool IsRequestEvent(string eventType) => eventType is ViewerRequest or OriginRequest;

    /// <summary>
    /// Checks an association as CloudFront does when a distribution is created or updated: the function lives in
    /// us-east-1, is referenced by a numbered version (not <c>$LATEST</c>, not an alias), and — when its settings are
    /// given — fits the trigger's memory and timeout limits and uses no feature Lambda@Edge lacks (VPC, environment
    /// variables, layers, dead-letter queue, container images, arm64, provisioned concurrency, /tmp above 512 MB; runtimes
    /// Node.js and Python only). Throws CloudFront's <c>InvalidLambdaFunctionAssociation</c>.
    /// </summary>
    public static void ValidateAssociation(LambdaFunctionAssociation association)
    {
        var type = Validate.OneOf("EventType", association.EventType, [.. EventTypes]);
        var arn = association.LambdaFunctionArn ?? "";
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
            throw Invalid("LambdaFunctionARN", arn, "must be a function ARN with a version: arn:aws:lambda:us-east-1:<account>:function:<name>:<version>");
        if (parts[3] != FunctionRegion)
            throw Invalid("LambdaFunctionARN", arn, $"the function must be in US East (N. Virginia), {FunctionRegion}, not {parts[3]}");
        if (parts.Length < 8 || !parts[7].All(char.IsAsciiDigit) || parts[7].Length == 0)
            throw Invalid("LambdaFunctionARN", arn, $"must end with a numbered version (e.g. :{(parts.Length >= 8 ? "3" : "1")}), not {(parts.Length < 8 ? "no qualifier" : parts[7])}: $LATEST and aliases are not allowed");

        if (association.Settings is not { } s) return;
        var limits = LimitsFor(type);
        if (s.MemoryMb > limits.MaxMemoryMb) throw Invalid("MemorySize", s.MemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture), $"at most {limits.MaxMemoryMb} MB for a {type} trigger");
        if (s.Timeout > limits.MaxTimeout) throw Invalid("Timeout", s.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), $"at most {limits.MaxTimeout.TotalSeconds:0} s for a {type} trigger");
        if (!(s.Runtime.StartsWith("nodejs", StringComparison.Ordinal) || s.Runtime.StartsWith("python", StringComparison.Ordinal)))
            throw Invalid("Runtime", s.Runtime, "Lambda@Edge supports Node.js and Python runtimes only");
        if (s.Architecture != "x86_64") throw Invalid("Architectures", s.Architecture, "Lambda@Edge functions must be x86_64");
        if (s.EnvironmentVariables > 0) throw Invalid("Environment", $"{s.EnvironmentVariables} variable(s)", "Lambda@Edge functions cannot have environment variables");
        if (s.VpcConfigured) throw Invalid("VpcConfig", "set", "Lambda@Edge functions cannot access a VPC");
        if (s.Layers > 0) throw Invalid("Layers", $"{s.Layers}", "Lambda@Edge functions cannot use layers");
        if (s.DeadLetterQueue) throw Invalid("DeadLetterConfig", "set", "Lambda@Edge functions cannot have a dead-letter queue");
        if (s.ContainerImage) throw Invalid("PackageType", "Image", "Lambda@Edge functions must be .zip packages, not container images");
        if (s.EphemeralStorageMb > 512) throw Invalid("EphemeralStorage.Size", $"{s.EphemeralStorageMb}", "at most 512 MB for Lambda@Edge");
    }

    private static AwsValidationException Invalid(string field, string value, string allowed)
        => new(field, value, allowed, "InvalidLambdaFunctionAssociation");
}

/// <summary>The limits of one Lambda@Edge trigger point.</summary>
/// <param name="MaxMemoryMb">Largest memory setting (128 MB for viewer triggers; Lambda's own maximum for origin triggers).</param>
/// <param name="MaxTimeout">Longest timeout: 5 s viewer, 30 s origin.</param>
/// <param name="MaxGeneratedResponseBytes">Largest response a function may generate (headers + body): 40 KB viewer, 1 MB origin.</param>
public sealed record EdgeLimits(int MaxMemoryMb, TimeSpan MaxTimeout, int MaxGeneratedResponseBytes);

/// <summary>The parts of a function's configuration that Lambda@Edge restricts.</summary>
/// <param name="Runtime">e.g. <c>nodejs20.x</c> or <c>python3.12</c>.</param>
/// <param name="MemoryMb">Memory setting.</param>
/// <param name="TimeoutSetting">Timeout setting (null = Lambda's default, 3 s).</param>
/// <param name="Architecture"><c>x86_64</c> or <c>arm64</c>.</param>
/// <param name="EnvironmentVariables">How many environment variables it has.</param>
/// <param name="VpcConfigured">True when it has a VPC configuration.</param>
/// <param name="Layers">How many layers it uses.</param>
/// <param name="DeadLetterQueue">True when it has a DLQ.</param>
/// <param name="ContainerImage">True for a container-image function.</param>
/// <param name="EphemeralStorageMb">/tmp size.</param>
public sealed record EdgeFunctionSettings(
    string Runtime = "nodejs20.x", int MemoryMb = 128, TimeSpan? TimeoutSetting = null, string Architecture = "x86_64", int EnvironmentVariables = 0,
    bool VpcConfigured = false, int Layers = 0, bool DeadLetterQueue = false, bool ContainerImage = false, int EphemeralStorageMb = 512)
{
    /// <summary>The timeout (Lambda's default 3 s when not given).</summary>
    public TimeSpan Timeout => TimeoutSetting ?? TimeSpan.FromSeconds(3);
}

/// <summary>A function attached to one trigger point of a cache behaviour.</summary>
/// <param name="EventType">One of <see cref="LambdaEdge.EventTypes"/>.</param>
/// <param name="LambdaFunctionArn">The function's ARN with its numbered version, e.g. <c>arn:aws:lambda:us-east-1:123456789012:function:ab-test:3</c>.</param>
/// <param name="Settings">The function's configuration, when you want it checked against the trigger's limits.</param>
public sealed record LambdaFunctionAssociation(string EventType, string LambdaFunctionArn, EdgeFunctionSettings? Settings = null)
{
    /// <summary>The name the function is invoked by (the version is part of the ARN, not of the name).</summary>
    public string FunctionName => LambdaFunctionArn.Split(':') is { Length: >= 7 } p ? p[6] : LambdaFunctionArn;
}
