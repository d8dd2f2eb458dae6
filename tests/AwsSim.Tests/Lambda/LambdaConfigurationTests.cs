using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaConfigurationTests
{
    private static (SimulatedAws Aws, string Role) Account()
    {
        var aws = new SimulatedAws();
        var role = aws.Lambda.CreateRole("fn-role", IamPolicy.BasicExecution);
        return (aws, role.Arn);
    }

    private static CreateFunctionRequest Request(string role, string name = "fn") => new()
    {
        FunctionName = name, Role = role, Code = LambdaCode.From((e, _) => e),
    };

    [Fact]
    public void Defaults_are_AWS_defaults_128_MB_3_s_512_MB_tmp_x86_64()
    {
        var (aws, role) = Account();
        var c = aws.Lambda.CreateFunction(Request(role));
        Assert.Equal(128, c.MemorySize);
        Assert.Equal(3, c.Timeout);
        Assert.Equal(512, c.EphemeralStorage.Size);
        Assert.Equal(["x86_64"], c.Architectures);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:fn", c.FunctionArn);
        Assert.Equal("Zip", c.PackageType);
    }

    [Theory]
    [InlineData(127, false)]
    [InlineData(128, true)]
    [InlineData(129, true)]
    [InlineData(1769, true)]
    [InlineData(10_240, true)]
    [InlineData(10_241, false)]
    [InlineData(0, false)]
    public void Memory_is_128_to_10240_MB_in_1_MB_steps(int mb, bool ok)
    {
        var (aws, role) = Account();
        var act = () => aws.Lambda.CreateFunction(Request(role) with { MemorySize = mb });
        if (ok) { Assert.Equal(mb, act().MemorySize); return; }
        var ex = Assert.Throws<AwsValidationException>(act);
        Assert.Equal("MemorySize", ex.Field);
        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Contains("128 to 10,240", ex.Message);
        Assert.Contains($"'{mb}'", ex.Message);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(900, true)]
    [InlineData(901, false)]
    [InlineData(-3, false)]
    public void Timeout_is_1_to_900_seconds(int seconds, bool ok)
    {
        var (aws, role) = Account();
        var act = () => aws.Lambda.CreateFunction(Request(role) with { Timeout = seconds });
        if (ok) { Assert.Equal(seconds, act().Timeout); return; }
        var ex = Assert.Throws<AwsValidationException>(act);
        Assert.Equal("Timeout", ex.Field);
        Assert.Contains("1 to 900", ex.Message);
    }

    [Theory]
    [InlineData(511, false)]
    [InlineData(512, true)]
    [InlineData(10_240, true)]
    [InlineData(10_241, false)]
    public void Ephemeral_storage_is_512_to_10240_MB(int mb, bool ok)
    {
        var (aws, role) = Account();
        var act = () => aws.Lambda.CreateFunction(Request(role) with { EphemeralStorageSize = mb });
        if (ok) { Assert.Equal(mb, act().EphemeralStorage.Size); return; }
        Assert.Equal("EphemeralStorage.Size", Assert.Throws<AwsValidationException>(act).Field);
    }

    [Theory]
    [InlineData("my-function", true)]
    [InlineData("My_Function_2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("dot.name", false)]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", true)]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345", false)]
    public void Function_names_are_1_to_64_letters_digits_hyphens_underscores(string name, bool ok)
    {
        var (aws, role) = Account();
        var act = () => aws.Lambda.CreateFunction(Request(role, name));
        if (ok) { Assert.Equal(name, act().FunctionName); return; }
        Assert.Equal("FunctionName", Assert.Throws<AwsValidationException>(act).Field);
    }

    [Theory]
    [InlineData("dotnet8")]
    [InlineData("dotnet10")]
    [InlineData("nodejs22.x")]
    [InlineData("nodejs24.x")]
    [InlineData("python3.12")]
    [InlineData("python3.14")]
    [InlineData("java21")]
    [InlineData("ruby3.4")]
    [InlineData("provided.al2023")]
    [InlineData("provided.al2")]
    public void Current_runtime_identifiers_are_accepted(string runtime)
    {
        var (aws, role) = Account();
        Assert.Equal(runtime, aws.Lambda.CreateFunction(Request(role) with { Runtime = runtime }).Runtime);
    }

    [Theory]
    [InlineData("dotnet6", "dotnet8")]
    [InlineData("go1.x", "provided.al2023")]
    [InlineData("python3.8", "python3.12")]
    public void Retired_runtimes_are_refused_with_the_recommended_one(string runtime, string instead)
    {
        var (aws, role) = Account();
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request(role) with { Runtime = runtime }));
        Assert.Equal("InvalidParameterValueException", ex.ErrorCode);
        Assert.Contains($"runtime parameter of {runtime} is no longer supported", ex.Message);
        Assert.Contains($"({instead})", ex.Message);
    }

    [Fact]
    public void Unknown_runtime_lists_the_choices()
    {
        var (aws, role) = Account();
        var ex = Assert.Throws<AwsValidationException>(() => aws.Lambda.CreateFunction(Request(role) with { Runtime = "csharp" }));
        Assert.Equal("Runtime", ex.Field);
        Assert.Contains("dotnet8", ex.Allowed);
    }

    [Fact]
    public void Environment_variables_may_total_4_KB()
    {
        var (aws, role) = Account();
        var fits = new Dictionary<string, string> { ["A"] = new string('x', 4096 - 8) }; // {"A":"…"} = 8 + value
        Assert.NotNull(aws.Lambda.CreateFunction(Request(role) with { Environment = fits }).Environment);
        var tooBig = new Dictionary<string, string> { ["A"] = new string('x', 4096 - 7) };
        var ex = Assert.Throws<AwsValidationException>(() => aws.Lambda.CreateFunction(Request(role, "fn2") with { Environment = tooBig }));
        Assert.Equal("Environment.Variables", ex.Field);
        Assert.Contains("4 KB", ex.Message);
    }

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("_HANDLER")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void Reserved_environment_variables_are_refused(string name)
    {
        var (aws, role) = Account();
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request(role) with { Environment = new Dictionary<string, string> { [name] = "x" } }));
        Assert.Equal("InvalidParameterValueException", ex.ErrorCode);
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void A_taken_name_is_a_ResourceConflictException()
    {
        var (aws, role) = Account();
        aws.Lambda.CreateFunction(Request(role));
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request(role)));
        Assert.Equal("ResourceConflictException", ex.ErrorCode);
        Assert.Equal(409, ex.StatusCode);
    }

    [Fact]
    public void An_unknown_function_is_a_ResourceNotFoundException()
    {
        var ex = Assert.Throws<AwsException>(() => new SimulatedAws().Lambda.Invoke("nope"));
        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("function:nope", ex.Message);
    }

    [Fact]
    public void A_role_that_does_not_exist_cannot_be_assumed()
    {
        var (aws, _) = Account();
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request("arn:aws:iam::123456789012:role/ghost")));
        Assert.Equal("InvalidParameterValueException", ex.ErrorCode);
        Assert.Contains("cannot be assumed by Lambda", ex.Message);
    }

    [Fact]
    public void Reserved_concurrency_must_leave_100_unreserved()
    {
        var (aws, role) = Account();
        aws.Lambda.CreateFunction(Request(role));
        aws.Lambda.CreateFunction(Request(role, "other"));
        aws.Lambda.PutFunctionConcurrency("fn", 800);
        Assert.Equal(new AccountLimit(1000, 200), aws.Lambda.GetAccountSettings());
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.PutFunctionConcurrency("other", 101));
        Assert.Equal("InvalidParameterValueException", ex.ErrorCode);
        Assert.Contains("below its minimum value of [100]", ex.Message);
        aws.Lambda.PutFunctionConcurrency("other", 100);
        Assert.Equal(100, aws.Lambda.GetAccountSettings().UnreservedConcurrentExecutions);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/thumbnails:v1", true)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team-a/web-app:latest", true)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1", false)]
    [InlineData("docker.io/library/app:v1", false)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/App:v1", false)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:1234", false)]
    public void Container_images_need_an_ECR_URI_in_the_functions_Region(string uri, bool ok)
    {
        var (aws, role) = Account();
        var act = () => aws.Lambda.CreateFunction(Request(role) with { PackageType = PackageType.Image, ImageUri = uri, Runtime = null, Handler = null });
        if (ok) { Assert.Equal("Image", act().PackageType); return; }
        Assert.Equal("ImageUri", Assert.Throws<AwsValidationException>(act).Field);
    }

    [Fact]
    public void An_image_resolver_refuses_missing_and_oversized_images()
    {
        var (aws, role) = Account();
        const string uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1";
        aws.Lambda.ImageResolver = u => u.EndsWith(":v1", StringComparison.Ordinal) ? new ContainerImageInfo("sha256:" + new string('a', 64), 11L << 30) : null;
        var big = Assert.Throws<AwsValidationException>(() => aws.Lambda.CreateFunction(Request(role) with { PackageType = PackageType.Image, ImageUri = uri }));
        Assert.Contains("10 GB", big.Message);
        var missing = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request(role) with { PackageType = PackageType.Image, ImageUri = uri.Replace(":v1", ":v2") }));
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public void A_function_in_a_VPC_needs_network_interface_permissions()
    {
        var (aws, role) = Account();
        var vpc = new VpcConfig(["subnet-0123456789abcdef0"], ["sg-0123456789abcdef0"]);
        var ex = Assert.Throws<AwsException>(() => aws.Lambda.CreateFunction(Request(role) with { VpcConfig = vpc }));
        Assert.Equal("The provided execution role does not have permissions to call CreateNetworkInterface on EC2", ex.Reason);
        var vpcRole = aws.Lambda.CreateRole("vpc-role", IamPolicy.VpcAccessExecution);
        Assert.Equal(vpc, aws.Lambda.CreateFunction(Request(vpcRole.Arn) with { VpcConfig = vpc }).VpcConfig);
    }

    [Theory]
    [InlineData(-1, 60)]
    [InlineData(3, 60)]
    [InlineData(2, 59)]
    [InlineData(2, 21_601)]
    public void Async_settings_are_0_to_2_retries_and_60_s_to_6_h(int retries, int age)
    {
        var (aws, role) = Account();
        aws.Lambda.CreateFunction(Request(role));
        var ex = Assert.Throws<AwsValidationException>(() => aws.Lambda.PutFunctionEventInvokeConfig("fn", retries, age));
        Assert.Contains(ex.Field, new[] { "MaximumRetryAttempts", "MaximumEventAgeInSeconds" });
    }

    [Fact]
    public void Blueprints_create_a_role_with_basic_permissions_and_their_templates()
    {
        var aws = new SimulatedAws();
        var c = aws.Lambda.CreateFunctionFromBlueprint("s3-get-object", "reader");
        var role = aws.Lambda.GetRole(c.Role);
        Assert.Matches("^reader-role-[a-z0-9]{8}$", role.RoleName);
        Assert.True(role.IsAllowed("s3:GetObject", "arn:aws:s3:::photos/cat.jpg"));
        Assert.False(role.IsAllowed("s3:PutObject", "arn:aws:s3:::photos/cat.jpg"));
        Assert.True(role.IsAllowed("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/reader:*"));
    }
}
