using System.Globalization;
using AwsSim;
using AwsSim.ApiGateway;
using AwsSim.Lambda;
using Exercises.ApiGateway;
using static Exercises.Checks.Cases;

namespace Exercises.Checks.ApiGateway;

/// <summary>The API Gateway exercises (lesson 07).</summary>
public sealed class ApiGatewayExercises : IExerciseSet
{
    private static readonly Dictionary<string, string> s_items = new(StringComparer.Ordinal)
    {
        ["1"] = "Coffee mug",
        ["2"] = "T-shirt",
        ["x-9"] = "Sticker, deluxe",
    };

    /// <inheritdoc />
    public string Lesson => "07-api-gateway";

    /// <inheritdoc />
    public IEnumerable<ExerciseDefinition> Exercises =>
    [
        new("apigateway.handler", "The Lambda handler behind GET /items/{id}", 3, "exercises/ApiGateway/ItemsHandler.cs",
            () => HandlerThroughGateway(),
            [
                "A proxy integration expects a fixed JSON shape back: look at the lesson's example response.",
                "statusCode is a number, headers an object, and body must be a string: serialize your object first.",
                "The id comes from pathParameters and the format from queryStringParameters; either may be missing.",
            ]),

        new("apigateway.bill", "A month's API Gateway bill", 3, "exercises/ApiGateway/ApiBill.cs",
            () => Each(
                new (long Requests, bool Http, bool Free)[]
                {
                    (0, false, true), (999_999, false, true), (1_000_000, false, false), (5_000_000, false, true),
                    (333_000_000, false, false), (400_000_000, false, true), (1_500_000_000, false, false), (25_000_000_000, false, true),
                    (1_000_001, true, true), (10_000_000, true, false), (300_000_000, true, true), (750_000_000, true, false),
                },
                c => Inv($"{c.Requests:#,0} {(c.Http ? "HTTP" : "REST")} API requests, free tier {(c.Free ? "on" : "off")}"),
                c => ApiBill.MonthlyCost(c.Requests, c.Http, c.Free),
                Usd),
            [
                "Requests are priced in tiers: each tier's price applies only to the requests that fall inside it.",
                "For each tier count the requests between its start and its end (never fewer than zero) and price those.",
                "The free million, where it applies, comes off at the first tier's price.",
            ]),

        new("apigateway.malformed", "What the caller sees for a function's output", 4, "exercises/ApiGateway/WhatTheCallerSees.cs",
            () => Each(
                MalformedCases(),
                c => (c.Http ? "HTTP " : "REST ") + c.Output,
                c => WhatTheCallerSees.Answer(c.Output, c.Http),
                r => Inv($"{r.StatusCode} {r.Body}")),
            [
                "Try each output against the lesson's REST and HTTP API examples and note what the caller gets.",
                "REST APIs are strict about the shape (a JSON object, a numeric statusCode, a string body, nothing else); anything else is a gateway error.",
                "HTTP APIs are lenient: they only fail on what is not JSON at all, and treat JSON without a statusCode as the body of a success.",
            ]),

        new("apigateway.throttle", "Requests a token bucket throttles", 2, "exercises/ApiGateway/ThrottleCount.cs",
            () => Each(
                ThrottleCases(),
                c => Inv($"rate {c.Rate}/s, burst {c.Burst}, {c.Arrivals.Length} arrivals {Describe(c.Arrivals)}"),
                c => ThrottleCount.Throttled(c.Rate, c.Burst, c.Arrivals),
                r => Num(r) + " throttled"),
            [
                "A token bucket holds at most burst tokens and refills at rate tokens per second; a request that passes takes one.",
                "Keep the tokens as a fraction, refilled by the time since the previous request and capped at burst.",
                "A request passes only when a whole token is there; count the ones that do not.",
            ]),
    ];

    private static IEnumerable<(string Output, bool Http)> MalformedCases()
    {
        string[] outputs =
        [
            """{"statusCode":200,"body":"hello"}""",
            """{"statusCode":201,"headers":{"Content-Type":"text/plain"},"body":"made"}""",
            """{"statusCode":200,"body":{"message":"hello"}}""",
            """{"statusCode":"200","body":"hello"}""",
            """{"body":"no status"}""",
            """{"statusCode":404}""",
            """{"statusCode":200,"body":"ok","cookies":["a=1"]}""",
            """{"statusCode":200,"headers":{"X-Count":3},"body":"ok"}""",
            """{"statusCode":700,"body":"odd"}""",
            "\"Hello from Lambda!\"",
            """{"message":"Hello from Lambda!"}""",
            "[1, 2, 3]",
            "not json at all",
            "",
        ];
        foreach (var o in outputs)
        {
            yield return (o, false);
            yield return (o, true);
        }
    }

    private static IEnumerable<(double Rate, int Burst, double[] Arrivals)> ThrottleCases()
    {
        yield return (10, 5, Enumerable.Repeat(0.0, 8).ToArray());
        yield return (4, 2, [0, 0, 0, 0.25, 0.25, 0.5, 0.5, 0.75]);
        yield return (1, 1, Enumerable.Range(0, 10).Select(i => i * 0.5).ToArray());
        yield return (0, 3, Enumerable.Repeat(1.0, 5).ToArray());
        yield return (5, 5, []);
        yield return (1000, 5000, Enumerable.Repeat(0.0, 6000).ToArray());
        yield return (2, 10, Enumerable.Range(0, 100).Select(i => i * 0.25).ToArray());
        yield return (8, 4, Enumerable.Range(0, 64).Select(i => i / 16.0).ToArray());
    }

    private static string Describe(double[] arrivals)
        => arrivals.Length == 0 ? "(none)" : arrivals.Length <= 8
            ? "at " + string.Join(", ", arrivals.Select(a => a.ToString("0.###", CultureInfo.InvariantCulture))) + " s"
            : $"from {arrivals[0].ToString("0.###", CultureInfo.InvariantCulture)} to {arrivals[^1].ToString("0.###", CultureInfo.InvariantCulture)} s";

    /// <summary>Runs the learner's handler behind a simulated REST API and renders what callers see.</summary>
    private static IReadOnlyList<string> HandlerThroughGateway()
    {
        var aws = new SimulatedAws(new SimulatedAwsOptions { ApiGateway = new() { ChargeRequests = false } });
        aws.ApiGateway.LambdaInvoker = new HandlerInvoker(e => ItemsHandler.Handle(e, s_items));
        var api = aws.ApiGateway.CreateRestApi("items");
        api.PutMethod("GET", "/items/{id}", "items-fn");
        api.CreateStage("prod");
        string[] paths = ["/prod/items/1", "/prod/items/2", "/prod/items/1?format=text", "/prod/items/x-9", "/prod/items/42", "/prod/items/x-9?format=text", "/prod/items/2?format=json"];
        return Each(paths, p => "GET " + p, p => aws.ApiGateway.Send(api.Id, ApiRequest.Get(p)),
            r => $"{r.StatusCode} [{r.Header("Content-Type")}] {r.BodyText}");
    }

    /// <summary>Calls a handler directly; lets "not attempted" through, turns other exceptions into a failed invocation.</summary>
    private sealed class HandlerInvoker(Func<string, string> handler) : ILambdaInvoker
    {
        public LambdaInvokeResult Invoke(string functionName, string payloadJson)
        {
            try
            {
                return new LambdaInvokeResult(200, handler(payloadJson), null, TimeSpan.FromMilliseconds(5));
            }
            catch (NotImplementedException)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new LambdaInvokeResult(200, $"{{\"errorMessage\":\"{ex.GetType().Name}\"}}", "Unhandled", TimeSpan.FromMilliseconds(1));
            }
        }

        public void InvokeAsync(string functionName, string payloadJson, string? source = null) => Invoke(functionName, payloadJson);
    }
}
