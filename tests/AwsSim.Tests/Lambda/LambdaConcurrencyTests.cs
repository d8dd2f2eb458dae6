using AwsSim.Lambda;

namespace AwsSim.Tests.Lambda;

public class LambdaConcurrencyTests
{
    private static LambdaCode Busy(int ms) => LambdaCode.From((e, c) => { c.Spend(TimeSpan.FromMilliseconds(ms)); return e; });

    [Fact]
    public void Reserved_concurrency_throttles_the_next_synchronous_call_with_429_and_the_reason()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("fn", Busy(1000));
        aws.Lambda.PutFunctionConcurrency("fn", 2);
        aws.Lambda.Invoke("fn");
        aws.Lambda.Invoke("fn");
        var ex = Assert.Throws<TooManyRequestsException>(() => aws.Lambda.Invoke("fn"));
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("TooManyRequestsException", ex.ErrorCode);
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", ex.ThrottleReason);
        Assert.Contains("Rate Exceeded.", ex.Message);
        Assert.Equal(1, aws.Lambda.GetMetrics("fn").Throttles);
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, aws.Lambda.Invoke("fn").StatusCode);
    }

    [Fact]
    public void The_account_limit_throttles_unreserved_functions_together()
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Lambda = new() { AccountConcurrencyLimit = 150 } });
        aws.Lambda.CreateFunction("a", Busy(1000));
        aws.Lambda.CreateFunction("b", Busy(1000));
        aws.Lambda.CreateFunction("reserved", Busy(1000));
        aws.Lambda.PutFunctionConcurrency("reserved", 50);
        for (var i = 0; i < 60; i++) aws.Lambda.Invoke("a");
        for (var i = 0; i < 40; i++) aws.Lambda.Invoke("b");
        var ex = Assert.Throws<TooManyRequestsException>(() => aws.Lambda.Invoke("b"));
        Assert.Equal("ConcurrentInvocationLimitExceeded", ex.ThrottleReason);
        // The reserved function still has its own 50.
        for (var i = 0; i < 50; i++) aws.Lambda.Invoke("reserved");
        Assert.Equal(150, aws.Lambda.AccountConcurrentExecutions);
    }

    [Fact]
    public void Reserved_concurrency_zero_throttles_every_call()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("fn", Busy(1));
        aws.Lambda.PutFunctionConcurrency("fn", 0);
        Assert.Throws<TooManyRequestsException>(() => aws.Lambda.Invoke("fn"));
        aws.Lambda.DeleteFunctionConcurrency("fn");
        Assert.Equal(200, aws.Lambda.Invoke("fn").StatusCode);
    }

    [Fact]
    public void The_default_account_concurrency_is_1000()
    {
        var aws = new SimulatedAws();
        Assert.Equal(new AccountLimit(1000, 1000), aws.Lambda.GetAccountSettings());
        aws.Lambda.CreateFunction("fn", Busy(5000));
        for (var i = 0; i < 1000; i++) aws.Lambda.Invoke("fn");
        Assert.Throws<TooManyRequestsException>(() => aws.Lambda.Invoke("fn"));
        Assert.Equal(1000, aws.Lambda.GetMetrics("fn").MaxConcurrentExecutions);
    }

    [Fact]
    public void The_ILambdaInvoker_contract_reports_a_throttle_as_429_without_throwing()
    {
        var aws = new SimulatedAws();
        aws.Lambda.CreateFunction("fn", Busy(1));
        aws.Lambda.PutFunctionConcurrency("fn", 0);
        ILambdaInvoker invoker = aws.Lambda;
        var r = invoker.Invoke("fn", "{}");
        Assert.Equal(429, r.StatusCode);
        Assert.Equal("TooManyRequestsException", r.ErrorCode);
    }
}
