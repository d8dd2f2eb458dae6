using System.Text.RegularExpressions;

namespace AwsSim.EventBridge;

/// <summary>EventBridge's name check and the one way its rules and schedules call a Lambda target.</summary>
internal static partial class EventBridgeNames
{
    /// <summary>Rule, bus and schedule names: 1 to <paramref name="max"/> characters of letters, digits, '.', '-' and '_'.</summary>
    internal static void Validate(string field, string? name, int max)
    {
        if (name is null || name.Length < 1 || name.Length > max || !NamePattern().IsMatch(name))
        {
            throw new AwsValidationException(field, name, $"must be 1 to {max} characters: letters, digits, '.', '-' and '_'", "ValidationException");
        }
    }

    /// <summary>Invokes <paramref name="function"/> asynchronously and says how it went ("invoked" or "failed: …").</summary>
    internal static string InvokeLambda(ILambdaInvoker? invoker, string function, string payload, string source)
    {
        if (invoker is null) return "failed: no Lambda invoker is wired to this account (set aws.Events.LambdaInvoker)";
        try
        {
            invoker.InvokeAsync(function, payload, source);
            return "invoked";
        }
        catch (AwsException ex)
        {
            return $"failed: {ex.Message}";
        }
    }

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    private static partial Regex NamePattern();
}
