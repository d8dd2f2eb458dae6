using System.Globalization;
using AwsSim;
using AwsSim.Lambda;
using Exercises.Lambda;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.Lambda;

/// <summary>The Lambda runtime exercises (lesson 04): power tuning and idempotent handlers.</summary>
public sealed class LambdaRuntimeExercises : IExerciseSet
{
    private static readonly int[] Memories = [128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 10240];

    /// <inheritdoc />
    public string Lesson => "04-lambda";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("lambda.cheapest-memory", "Pick the cheapest memory that meets a latency budget", 3, "exercises/Lambda/CheapestMemory.cs",
            () => Each(
                new (double Cpu, double Wait, int Set, double Budget)[]
                {
                    (2000, 50, 100, 60_000), (2000, 50, 0, 60_000), (2000, 50, 0, 3_000), (2000, 50, 0, 2_200), (200, 1000, 0, 5_000),
                    (200, 1000, 0, 1_500), (30_000, 0, 40, 900_000), (500, 20, 300, 2_000), (100, 5, 1000, 1_000), (2000, 50, 0, 500),
                },
                c => Inv($"cpu {c.Cpu} ms at 1 vCPU, wait {c.Wait} ms, working set {c.Set} MB, budget {c.Budget} ms"),
                c => CheapestMemory.Pick(c.Cpu, c.Wait, c.Set, Memories, c.Budget),
                mb => mb == 0 ? "none within the budget" : mb.ToString(CultureInfo.InvariantCulture) + " MB"),
            [
                "Measure, don't guess: the simulator reports each run's duration, price and error.",
                "Use a fresh SimulatedAws per memory size; a size whose run fails is not a candidate, and neither is one slower than the budget.",
                "Compare what one invocation costs, not how long it takes; a tie goes to the smaller size.",
            ],
            TimeSpan.FromSeconds(20)),

        new("lambda.idempotent", "Charge each order exactly once under retries and duplicates", 4, "exercises/Lambda/IdempotentOrders.cs",
            () => Each(
                new Scenario[]
                {
                    new("no faults", 10, CrashAfter: 0, ProviderFails: 0, Duplicates: 0, Seed: 1),
                    new("crash after charging", 10, CrashAfter: 4, ProviderFails: 0, Duplicates: 0, Seed: 2),
                    new("payment provider fails first", 10, CrashAfter: 0, ProviderFails: 4, Duplicates: 0, Seed: 3),
                    new("every event delivered twice", 10, CrashAfter: 0, ProviderFails: 0, Duplicates: 1.0, Seed: 4),
                    new("all at once", 30, CrashAfter: 7, ProviderFails: 6, Duplicates: 0.3, Seed: 5),
                },
                s => Inv($"{s.Name}: {s.Orders} orders"),
                RunOrders,
                r => r),
            [
                "Retries and duplicate deliveries hand your handler the same order again: it has to recognise an order it has already charged.",
                "Every order has an id that stays the same across retries and duplicates: what could you keep about it?",
                "Think about a crash between charging and remembering, and about a charge that fails: which order of the two steps never charges twice and never skips an order?",
            ]),
    ];

    private sealed record Scenario(string Name, int Orders, int CrashAfter, int ProviderFails, double Duplicates, int Seed);

    private static string RunOrders(Scenario s)
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { Seed = s.Seed, Lambda = new() { DuplicateDeliveryRate = s.Duplicates } });
        var ledger = new PaymentLedger();
        var processed = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = Enumerable.Range(1, s.Orders).Select(i => $"o-{i}").ToList();
        var crashAfter = new HashSet<string>(ids.Take(s.CrashAfter));
        var providerFails = new HashSet<string>(ids.Skip(s.Orders - s.ProviderFails));
        ledger.FailWhen = id => providerFails.Remove(id); // the first call for these orders fails
        var notAttempted = false;
        aws.Lambda.CreateFunction("orders", LambdaCode.From((e, c) =>
        {
            c.Spend(TimeSpan.FromMilliseconds(40));
            string result;
            try
            {
                result = IdempotentOrders.Handle(e, c, ledger, processed);
            }
            catch (NotImplementedException)
            {
                notAttempted = true;
                throw;
            }
            var id = AwsJson.Parse(e)!["orderId"]!.GetValue<string>();
            if (crashAfter.Remove(id)) throw new IOException("writing the receipt failed after the charge");
            return $"\"{result}\"";
        }), timeout: 10);
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            aws.Lambda.InvokeAsync("orders", $"{{\"orderId\":\"{id}\",\"amountCents\":{1000 + i}}}");
        }
        aws.Clock.Advance(TimeSpan.FromHours(1));
        if (notAttempted) throw new NotImplementedException();
        var charged = ids.Count(id => ledger.TimesCharged(id) >= 1);
        var twice = ids.Count(id => ledger.TimesCharged(id) > 1);
        var acc = aws.Lambda.GetAsyncAccounting("orders");
        return Inv($"charged {charged}/{ids.Count}, charged twice {twice}, events: succeeded {acc.Succeeded}, dead-lettered {acc.DeadLettered}, dropped {acc.Dropped}");
    }
}
