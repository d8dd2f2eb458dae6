using AwsSim.ApiGateway;
using AwsSim.Compute;
using AwsSim.Batch;
using AwsSim.CloudFront;
using AwsSim.Ecr;
using AwsSim.Ecs;
using AwsSim.EventBridge;
using AwsSim.Lambda;
using AwsSim.Lightsail;
using AwsSim.S3;

namespace AwsSim;

/// <summary>
/// One simulated AWS account in one Region: the services, the clock they share and the bill they charge to.
/// Start every lesson with <c>var aws = new SimulatedAws();</c>.
/// </summary>
/// <remarks>
/// Everything is deterministic: time only moves when you call <c>aws.Clock.Advance(…)</c>, identifiers are counters,
/// and anything random takes its seed from <see cref="Seed"/>.
/// </remarks>
public sealed class SimulatedAws
{
    /// <summary>Creates an account.</summary>
    /// <param name="region">The Region, e.g. <c>us-east-1</c> (the price list is for us-east-1).</param>
    /// <param name="accountId">The 12-digit account id used in ARNs.</param>
    /// <param name="start">When the simulated clock starts; <see cref="SimulatedClock.DefaultStart"/> by default.</param>
    /// <param name="seed">The seed for everything random (cold-start jitter, Spot interruptions, injected failures).</param>
    /// <param name="prices">The price list; the course's own by default.</param>
    public SimulatedAws(string region = "us-east-1", string accountId = "123456789012", DateTimeOffset? start = null, int seed = 42, PriceList? prices = null)
        : this(new SimulatedAwsOptions { Region = region, AccountId = accountId, Start = start, Seed = seed, Prices = prices })
    {
    }

    /// <summary>Creates an account from options (each service's too); every option is checked here, once.</summary>
    public SimulatedAws(SimulatedAwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Region = options.Region;
        AccountId = options.AccountId;
        Seed = options.Seed;
        Clock = new SimulatedClock(options.Start);
        Prices = options.Prices ?? PriceList.Default;
        Bill = new Bill();

        // The composition root: every service is built here, once, and given what it uses. Nothing else wires services.
        var account = new AccountContext(Region, AccountId, Seed, Clock, Prices, Bill);
        var bus = new EventBus();
        Ecr = new EcrService(account);
        Lambda = new LambdaService(account, Ecr, bus, this, options.Lambda);
        Events = new EventBridgeService(account, Lambda, options.Events);
        bus.Connect(Events);
        S3 = new S3Service(account, Lambda, Lambda);
        CloudFront = new CloudFrontService(account, Lambda);
        ApiGateway = new ApiGatewayService(account, Lambda, options.ApiGateway);
        var compute = new ComputeBilling(account);
        Ecs = new EcsService(account, Ecr, compute, bus, options.Ecs);
        Batch = new BatchService(account, compute, bus, options.Batch);
        Lightsail = new LightsailService(account);
    }

    /// <summary>What the account was built with.</summary>
    public SimulatedAwsOptions Options { get; }

    /// <summary>The Region, e.g. <c>us-east-1</c>.</summary>
    public string Region { get; }

    /// <summary>The 12-digit account id.</summary>
    public string AccountId { get; }

    /// <summary>The seed everything random derives from.</summary>
    public int Seed { get; }

    /// <summary>Simulated time, shared by every service.</summary>
    public SimulatedClock Clock { get; }

    /// <summary>The prices every charge uses.</summary>
    public PriceList Prices { get; }

    /// <summary>Every charge the account has run up.</summary>
    public Bill Bill { get; }

    /// <summary>AWS Lambda: functions, invocations, execution roles, logs, metrics; charges go to <see cref="Bill"/>.</summary>
    public LambdaService Lambda { get; }

    /// <summary>Amazon EventBridge (CloudWatch Events): rules, schedules on <see cref="Clock"/>, targets, the delivery log.</summary>
    public EventBridgeService Events { get; }

    /// <summary>Amazon S3: buckets, objects, and event notifications to Lambda.</summary>
    public S3Service S3 { get; }

    /// <summary>Amazon CloudFront with Lambda@Edge.</summary>
    public CloudFrontService CloudFront { get; }

    /// <summary>Amazon API Gateway: REST and HTTP APIs in front of Lambda functions.</summary>
    public ApiGatewayService ApiGateway { get; }

    /// <summary>Amazon ECR: the account's private container registry in this Region.</summary>
    public EcrService Ecr { get; }

    /// <summary>Amazon ECS (EC2 and Fargate launch types) in this account and Region.</summary>
    public EcsService Ecs { get; }

    /// <summary>AWS Batch: compute environments, job queues, job definitions and jobs, run on <see cref="Clock"/>.</summary>
    public BatchService Batch { get; }

    /// <summary>Amazon Lightsail: bundles, blueprints, instances, static IPs, snapshots, databases, load balancers.</summary>
    public LightsailService Lightsail { get; }
}
