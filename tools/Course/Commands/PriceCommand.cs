using System.Text.Json;
using AwsSim;
using AwsSim.Lambda;

namespace Course.Commands;

/// <summary><c>course price &lt;service&gt; …</c>: an itemized monthly bill from the course's price list.</summary>
internal sealed class PriceCommand : ICommand, IHasFlags
{
    /// <summary>Pricers by service; each service's issue adds its own (see <see cref="IPricer"/>).</summary>
    private static readonly IReadOnlyList<IPricer> s_pricers = typeof(PriceCommand).Assembly.GetTypes()
        .Where(t => typeof(IPricer).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .Select(t => (IPricer)Activator.CreateInstance(t)!).OrderBy(p => p.Service, StringComparer.Ordinal).ToList();

    public string Name => "price";

    public string Summary => "print an itemized monthly bill: course price lambda --memory 512 --requests 3000000 --duration-ms 1000";

    public string[] Flags => s_pricers.SelectMany(p => p.Flags).Append("json").Distinct().ToArray();

    public string Usage => "usage: course price <service> [options] [--json]\n" + string.Join("\n", s_pricers.Select(p => "  " + p.Usage));

    public int Run(Args args, CommandContext context)
    {
        if (args.Positional.Count != 1) throw new UsageException("name one service: " + string.Join(", ", s_pricers.Select(p => p.Service)));
        var pricer = s_pricers.FirstOrDefault(p => p.Service == args.Positional[0])
            ?? throw new UsageException($"no pricing for '{args.Positional[0]}'; services: {string.Join(", ", s_pricers.Select(p => p.Service))}");
        var json = args.Flag("json");
        var (title, bill) = pricer.Price(args);
        args.RejectUnknown();
        if (json)
        {
            context.Out.WriteLine(BillJson.Serialize(title, bill, PriceList.Default));
        }
        else
        {
            context.Out.WriteLine(title);
            context.Out.WriteLine();
            context.Out.WriteLine(bill.ToText());
            var sources = bill.Items.Select(i => i.PriceKey).OfType<string>().Distinct().Select(PriceList.Default.Get).ToList();
            context.Out.WriteLine();
            context.Out.WriteLine("Prices (USD, us-east-1):");
            foreach (var s in sources) context.Out.WriteLine($"  {s.Key} = {Money.UnitPrice(s.Price)} per {s.Unit}: {s.Source} ({s.SourceDate}; read {s.Read:yyyy-MM-dd})");
        }
        return 0;
    }
}

/// <summary>Prices one service for <c>course price</c>. Implementations are found by reflection.</summary>
internal interface IPricer
{
    /// <summary>The service word, e.g. <c>lambda</c>.</summary>
    string Service { get; }

    /// <summary>One usage line.</summary>
    string Usage { get; }

    /// <summary>Switches this pricer reads.</summary>
    string[] Flags { get; }

    /// <summary>Reads its options and prices them.</summary>
    (string Title, Bill Bill) Price(Args args);
}

/// <summary><c>course price lambda</c>.</summary>
internal sealed class LambdaPricer : IPricer
{
    public string Service => "lambda";

    public string Usage => "lambda --memory <MB> --requests <N> --duration-ms <ms> [--arch x86_64|arm64] [--ephemeral-mb <MB>] [--no-free-tier]";

    public string[] Flags => ["no-free-tier"];

    public (string Title, Bill Bill) Price(Args args)
    {
        var memory = args.Long("memory", 128);
        var requests = args.Long("requests");
        var duration = args.Double("duration-ms");
        var arch = Architectures.Parse(args.Text("arch") ?? "x86_64", "--arch");
        var ephemeral = args.Long("ephemeral-mb", 512);
        var freeTier = !args.Flag("no-free-tier");
        var memoryMb = LambdaLimits.ValidateMemory(memory, "--memory");
        var ephemeralMb = LambdaLimits.ValidateEphemeral(ephemeral, "--ephemeral-mb");
        Validate.NonNegative("--requests", requests, "invocations");
        LambdaLimits.ValidateDurationMs(duration, "--duration-ms");
        var usage = new LambdaUsage(requests, memoryMb, duration, arch, ephemeralMb);
        var title = $"AWS Lambda, one month: {requests:#,0} requests × {duration:0.###} ms at {memory} MB, {arch.ToAwsName()}, ephemeral {ephemeral} MB, free tier {(freeTier ? "on" : "off")}";
        return (title, LambdaPricing.MonthlyBill(usage, freeTier));
    }
}

/// <summary>A bill as JSON: each line with its price source, then the total.</summary>
internal static class BillJson
{
    public static string Serialize(string title, Bill bill, PriceList prices)
    {
        var doc = new
        {
            title,
            currency = "USD",
            lines = bill.Items.Select(i => new
            {
                service = i.Service,
                usageType = i.UsageType,
                quantity = i.Quantity,
                unit = i.Unit,
                unitPrice = i.UnitPrice,
                amount = Math.Round(i.Amount, 10),
                note = i.Note,
                priceKey = i.PriceKey,
                source = i.PriceKey is null ? null : prices.Get(i.PriceKey).Source,
                sourceDate = i.PriceKey is null ? null : prices.Get(i.PriceKey).SourceDate,
            }),
            total = Money.ToCents(bill.Total),
            totalExact = Math.Round(bill.Total, 10),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
