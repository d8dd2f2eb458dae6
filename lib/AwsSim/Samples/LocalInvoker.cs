using System.Text.Json;
using AwsSim.Lambda;

namespace AwsSim.Samples;

/// <summary>
/// A minimal stand-in for the Lambda service, for the trigger lessons, samples and tests: runs registered C# handlers,
/// synchronously (<see cref="Invoke"/>) or queued on the simulated clock (<see cref="InvokeAsync"/>) with Lambda's
/// asynchronous retries (2 by default: 1 minute before the 2nd attempt, 2 minutes before the 3rd), then a
/// dead-letter list, and with recursive loop detection (<see cref="RecursiveLoopDetection"/>). Every asynchronous
/// event ends in <see cref="Outcomes"/> as succeeded or dead-lettered with its reason.
/// </summary>
/// <remarks>The account's real Lambda (<c>aws.Lambda</c>) does all this and more (cold starts, concurrency, billing).</remarks>
public sealed class LocalInvoker : ILambdaInvoker
{
    private readonly SimulatedClock _clock;
    private readonly Dictionary<string, Func<string, string?>> _handlers = new(StringComparer.Ordinal);
    private readonly List<AsyncOutcome> _outcomes = new();
    private readonly List<string> _log = new();

    /// <summary>Creates an invoker on <paramref name="clock"/>.</summary>
    /// <param name="clock">The account's clock (<c>aws.Clock</c>).</param>
    /// <param name="maximumRetryAttempts">Retries after a function error, 0–2 (Lambda's default 2).</param>
    public LocalInvoker(SimulatedClock clock, int maximumRetryAttempts = 2)
    {
        _clock = clock;
        MaximumRetryAttempts = (int)Validate.Range("MaximumRetryAttempts", maximumRetryAttempts, 0, 2);
    }

    /// <summary>Retries after a function error (0–2).</summary>
    public int MaximumRetryAttempts { get; }

    /// <summary>Registers (or replaces) a function: its handler takes the event JSON and returns the response JSON.</summary>
    public LocalInvoker Register(string functionName, Func<string, string?> handler)
    {
        _handlers[functionName] = handler;
        return this;
    }

    /// <summary>What happened to every asynchronous event, in the order they finished.</summary>
    public IReadOnlyList<AsyncOutcome> Outcomes => _outcomes;

    /// <summary>One line per attempt, e.g. "00:01:00 thumbnail attempt 2 failed: …".</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>How many times each function's handler ran.</summary>
    public int Attempts(string functionName) => _log.Count(l => l.Contains($" {functionName} attempt ", StringComparison.Ordinal));

    /// <inheritdoc />
    public LambdaInvokeResult Invoke(string functionName, string payloadJson)
    {
        if (!_handlers.TryGetValue(functionName, out var handler))
            return new LambdaInvokeResult(404, null, null, TimeSpan.Zero, "ResourceNotFoundException");
        var lineage = RecursiveLoopDetection.ForNextInvocation(functionName);
        if (lineage.Exceeded)
            return new LambdaInvokeResult(400, null, null, TimeSpan.Zero, RecursiveLoopDetection.ErrorCode);
        try
        {
            using (RecursiveLoopDetection.Enter(lineage))
            {
                return new LambdaInvokeResult(200, handler(payloadJson), null, TimeSpan.Zero);
            }
        }
        catch (Exception ex)
        {
            var error = JsonSerializer.Serialize(new { errorType = ex.GetType().Name, errorMessage = ex.Message });
            return new LambdaInvokeResult(200, error, "Unhandled", TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public void InvokeAsync(string functionName, string payloadJson, string? source = null)
    {
        // Read the sender's lineage now, while the sender (maybe a function writing to S3) is still running.
        var lineage = RecursiveLoopDetection.ForNextInvocation(functionName);
        var queued = _clock.Now;
        _clock.Schedule(_clock.Now, () => Attempt(functionName, payloadJson, source, lineage, queued, 1), $"lambda:{functionName}");
    }

    private void Attempt(string functionName, string payload, string? source, InvocationLineage lineage, DateTimeOffset queued, int attempt)
    {
        if (!_handlers.TryGetValue(functionName, out var handler))
        {
            Finish(functionName, payload, source, queued, attempt - 1, AsyncStatus.DeadLettered, "ResourceNotFoundException: no such function");
            return;
        }
        if (lineage.Exceeded)
        {
            _log.Add($"{_clock.Now:HH:mm:ss} {functionName} stopped: {RecursiveLoopDetection.ErrorCode} ({lineage.Count - 1} invocations in {lineage.ChainId})");
            Finish(functionName, payload, source, queued, attempt - 1, AsyncStatus.DeadLettered,
                $"{RecursiveLoopDetection.ErrorCode}: invocation {lineage.Count} of {functionName} in one chain; Lambda stops after {RecursiveLoopDetection.MaxInvocationsPerChain}");
            return;
        }
        try
        {
            using (RecursiveLoopDetection.Enter(lineage))
            {
                handler(payload);
            }
            _log.Add($"{_clock.Now:HH:mm:ss} {functionName} attempt {attempt} succeeded");
            Finish(functionName, payload, source, queued, attempt, AsyncStatus.Succeeded, null);
        }
        catch (Exception ex)
        {
            _log.Add($"{_clock.Now:HH:mm:ss} {functionName} attempt {attempt} failed: {ex.GetType().Name}: {ex.Message}");
            if (attempt <= MaximumRetryAttempts)
            {
                // Lambda waits 1 minute before the second attempt and 2 minutes before the third.
                _clock.ScheduleAfter(TimeSpan.FromMinutes(attempt), () => Attempt(functionName, payload, source, lineage, queued, attempt + 1), $"lambda-retry:{functionName}");
            }
            else
            {
                Finish(functionName, payload, source, queued, attempt, AsyncStatus.DeadLettered, $"RetriesExhausted: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private void Finish(string functionName, string payload, string? source, DateTimeOffset queued, int attempts, AsyncStatus status, string? reason)
        => _outcomes.Add(new AsyncOutcome(functionName, source, payload, queued, _clock.Now, attempts, status, reason));
}

/// <summary>How an asynchronous event ended.</summary>
public enum AsyncStatus
{
    /// <summary>The function ran without error.</summary>
    Succeeded,

    /// <summary>Sent to the dead-letter queue (retries exhausted, or stopped).</summary>
    DeadLettered,
}

/// <summary>The end of one asynchronous event.</summary>
/// <param name="FunctionName">The function.</param>
/// <param name="Source">Who sent it, e.g. <c>aws:s3</c>.</param>
/// <param name="Payload">The event JSON.</param>
/// <param name="Queued">When it was queued.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Attempts">How many times the handler ran.</param>
/// <param name="Status">Succeeded or dead-lettered.</param>
/// <param name="Reason">Why it was dead-lettered.</param>
public sealed record AsyncOutcome(string FunctionName, string? Source, string Payload, DateTimeOffset Queued, DateTimeOffset Finished, int Attempts, AsyncStatus Status, string? Reason);
