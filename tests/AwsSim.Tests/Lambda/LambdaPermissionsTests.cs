using System.Text.Json.Nodes;
using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaPermissionsTests
{
    private static readonly VpcConfig Vpc = new(["subnet-0a1b2c3d4e5f60718"], ["sg-0123456789abcdef0"]);

    [Fact]
    public void A_function_without_s3_PutObject_gets_AccessDenied_as_on_AWS()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("thumbnail", LambdaCode.From((e, c) => { c.Authorize("s3:PutObject", "arn:aws:s3:::photosresized/cat.jpg"); return e; }));
        var r = aws.Lambda.Invoke("thumbnail");
        var error = JsonNode.Parse(r.Payload!)!;
        Assert.Equal("AwsException", error["errorType"]!.GetValue<string>());
        var role = aws.Lambda.GetFunctionRole("thumbnail");
        Assert.Equal(
            $"AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/{role.RoleName}/thumbnail is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::photosresized/cat.jpg\" because no identity-based policy allows the s3:PutObject action",
            error["errorMessage"]!.GetValue<string>());
        role.PutPolicy("write-resized", IamPolicy.Allow("s3:PutObject", "arn:aws:s3:::photosresized/*"));
        Assert.Null(aws.Lambda.Invoke("thumbnail").FunctionError);
    }

    [Fact]
    public void An_explicit_deny_wins_over_an_allow()
    {
        var policy = new IamPolicy([
            new IamStatement(IamEffect.Allow, ["s3:*"], ["*"]),
            new IamStatement(IamEffect.Deny, ["s3:DeleteObject"], ["arn:aws:s3:::prod/*"]),
        ]);
        Assert.Equal(IamDecision.Allowed, policy.Evaluate("s3:GetObject", "arn:aws:s3:::prod/a"));
        Assert.Equal(IamDecision.ExplicitDeny, policy.Evaluate("s3:DeleteObject", "arn:aws:s3:::prod/a"));
        Assert.Equal(IamDecision.Allowed, policy.Evaluate("S3:DeleteObject", "arn:aws:s3:::dev/a")); // actions ignore case
        Assert.Equal(IamDecision.ImplicitDeny, policy.Evaluate("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q"));
    }

    [Fact]
    public void Policies_parse_from_AWS_JSON()
    {
        var p = IamPolicy.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::photos/*"]}]}
            """);
        Assert.True(p.Evaluate("s3:GetObject", "arn:aws:s3:::photos/x.jpg") == IamDecision.Allowed);
        Assert.True(p.Evaluate("s3:GetObject", "arn:aws:s3:::photosresized/x.jpg") == IamDecision.ImplicitDeny);
        Assert.Equal(p.Statements, IamPolicy.Parse(p.ToJson()).Statements, (a, b) => a.Effect == b.Effect && a.Actions.SequenceEqual(b.Actions) && a.Resources.SequenceEqual(b.Resources));
    }

    [Fact]
    public void Other_services_ask_the_calling_functions_role_through_Authorize()
    {
        var aws = new SimulatedAws();
        aws.Lambda.Authorize("s3:PutObject", "arn:aws:s3:::b/k"); // the account owner, outside any function: allowed
        aws.Lambda.CreateFunction("fn", LambdaCode.From((e, c) =>
        {
            Assert.Equal("fn", c.Aws.Lambda.CurrentFunctionName);
            c.Aws.Lambda.Authorize("s3:PutObject", "arn:aws:s3:::b/k", "AccessDenied"); // what S3's PutObject does
            return e;
        }));
        var r = aws.Lambda.Invoke("fn");
        Assert.Contains("AccessDenied: User: arn:aws:sts::123456789012:assumed-role/", r.Payload);
        Assert.Null(aws.Lambda.CurrentFunctionName);
    }

    [Fact]
    public void In_a_VPC_without_a_NAT_gateway_an_internet_call_hangs_until_the_function_times_out()
    {
        var aws = new SimulatedAws();
        var role = aws.Lambda.CreateRole("vpc-role", IamPolicy.VpcAccessExecution);
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "fetch", Role = role.Arn, VpcConfig = Vpc, Timeout = 6,
            Code = LambdaCode.From((_, c) => c.HttpGet("https://example.com/").StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });
        var r = aws.Lambda.Invoke("fetch");
        Assert.True(r.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(6), r.Duration);
        aws.Lambda.Network.AddNatGateway("subnet-0a1b2c3d4e5f60718");
        aws.Clock.Advance(TimeSpan.FromSeconds(7));
        var ok = aws.Lambda.Invoke("fetch");
        Assert.Equal("200", ok.Payload);
        Assert.Equal(aws.Lambda.Network.InternetLatency, ok.Duration);
    }

    [Fact]
    public void Outside_a_VPC_the_internet_is_reachable_and_a_client_timeout_fails_fast_inside_one()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("open", LambdaCode.From((_, c) => c.HttpGet("https://example.com/").Body.Length > 0 ? "true" : "false"));
        Assert.Equal("true", aws.Lambda.Invoke("open").Payload);

        var role = aws.Lambda.CreateRole("vpc-role", IamPolicy.VpcAccessExecution);
        aws.Lambda.CreateFunction(new CreateFunctionRequest
        {
            FunctionName = "careful", Role = role.Arn, VpcConfig = Vpc, Timeout = 10,
            Code = LambdaCode.From((_, c) => c.HttpGet("https://example.com/", TimeSpan.FromSeconds(2)).Body),
        });
        var r = aws.Lambda.Invoke("careful");
        Assert.False(r.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(2), r.Duration);
        Assert.Contains("HttpRequestException", r.Payload);
        Assert.Contains("NAT gateway", r.Payload);
    }

    [Fact]
    public void The_s3_get_object_blueprint_reads_the_object_the_event_names()
    {
        var aws = new SimulatedAws();
        aws.Lambda.S3ContentTypeLookup = (bucket, key) => bucket == "example-bucket" && key == "test/key" ? "image/jpeg" : null;
        aws.Lambda.CreateFunctionFromBlueprint("s3-get-object", "reader");
        var r = aws.Lambda.Invoke("reader", LambdaBlueprints.S3GetObject.ExampleEvent);
        Assert.Equal("""{"contentType":"image/jpeg"}""", r.Payload);
        Assert.Contains("CONTENT TYPE: image/jpeg", aws.Lambda.GetLogText("reader"));
    }

    [Fact]
    public void The_hello_world_blueprint_logs_the_values_and_returns_key1()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunctionFromBlueprint("hello-world", "hello");
        var r = aws.Lambda.Invoke("hello", LambdaBlueprints.HelloWorld.ExampleEvent);
        Assert.Equal("\"value1\"", r.Payload);
        Assert.Contains("value2 = value2", aws.Lambda.GetLogText("hello"));
        Assert.Equal(TimeSpan.FromMilliseconds(120), r.InitDuration);
    }
}
