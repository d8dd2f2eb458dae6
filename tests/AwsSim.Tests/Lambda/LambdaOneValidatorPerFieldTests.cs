using AwsSim.Iam;
using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

/// <summary>
/// One validator per field: a Lambda setting out of range fails with the same error code and the same one-line message
/// wherever it is given (CreateFunction, UpdateFunctionConfiguration, the pricing calculator, LambdaLimits as the CLI
/// calls it).
/// </summary>
public class LambdaOneValidatorPerFieldTests
{
    public static TheoryData<string, long> OutOfRange => new()
    {
        { "MemorySize", 64 },
        { "MemorySize", 10_241 },
        { "Timeout", 0 },
        { "Timeout", 901 },
        { "EphemeralStorage.Size", 511 },
        { "EphemeralStorage.Size", 10_241 },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Every_entry_point_reports_the_same_error(string field, long value)
    {
        var errors = EntryPoints(field, (int)value).Select(act => Assert.Throws<AwsValidationException>(act)).ToList();
        Assert.NotEmpty(errors);
        foreach (var e in errors)
        {
            Assert.Equal("ValidationException", e.ErrorCode); // AWS: "Value … failed to satisfy constraint"
            Assert.Equal(field, e.Field);
            Assert.Equal(errors[0].Message, e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains($"'{value}'", e.Message);
            Assert.Contains("must be an integer from", e.Message);
        }
    }

    private static IEnumerable<Action> EntryPoints(string field, int value)
    {
        var aws = new SimulatedAws();
        var role = aws.Lambda.CreateRole("fn-role", IamPolicy.BasicExecution).Arn;
        aws.Lambda.CreateFunction(new CreateFunctionRequest { FunctionName = "ok", Role = role, Code = LambdaCode.From((e, _) => e) });
        var create = new CreateFunctionRequest { FunctionName = "fn", Role = role, Code = LambdaCode.From((e, _) => e) };
        var update = new UpdateFunctionConfigurationRequest { FunctionName = "ok" };
        switch (field)
        {
            case "MemorySize":
                yield return () => aws.Lambda.CreateFunction(create with { MemorySize = value });
                yield return () => aws.Lambda.UpdateFunctionConfiguration(update with { MemorySize = value });
                yield return () => LambdaPricing.MonthlyBill(new LambdaUsage(1, value, 1));
                yield return () => LambdaLimits.ValidateMemory(value);
                break;
            case "Timeout":
                yield return () => aws.Lambda.CreateFunction(create with { Timeout = value });
                yield return () => aws.Lambda.UpdateFunctionConfiguration(update with { Timeout = value });
                yield return () => LambdaLimits.ValidateTimeout(value);
                break;
            default:
                yield return () => aws.Lambda.CreateFunction(create with { EphemeralStorageSize = value });
                yield return () => aws.Lambda.UpdateFunctionConfiguration(update with { EphemeralStorageSize = value });
                yield return () => LambdaPricing.MonthlyBill(new LambdaUsage(1, 128, 1, EphemeralStorageMb: value));
                yield return () => LambdaLimits.ValidateEphemeral(value);
                break;
        }
    }
}
