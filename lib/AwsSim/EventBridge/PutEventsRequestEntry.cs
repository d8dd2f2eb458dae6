using System.Text.Json;

namespace AwsSim.EventBridge;

/// <summary>One custom event for <c>PutEvents</c>.</summary>
/// <param name="Source">Who sends it, e.g. <c>com.example.orders</c> (sources starting <c>aws.</c> are AWS's own).</param>
/// <param name="DetailType">What happened, e.g. <c>Order Placed</c>.</param>
/// <param name="Detail">The event's data as a JSON object.</param>
/// <param name="Resources">ARNs the event is about.</param>
/// <param name="EventBusName">The bus; <c>default</c> when null.</param>
/// <param name="Time">When it happened; the simulated now when null.</param>
public sealed record PutEventsRequestEntry(
    string Source,
    string DetailType,
    string Detail = "{}",
    IReadOnlyList<string>? Resources = null,
    string? EventBusName = null,
    DateTimeOffset? Time = null);

/// <summary>The answer of <c>PutEvents</c>: an event id per entry (or an error), and how many failed.</summary>
/// <param name="FailedEntryCount">Entries that were not accepted.</param>
/// <param name="Entries">Per entry: the event id, or the error code and message.</param>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry> Entries);

/// <summary>One entry of <see cref="PutEventsResult"/>.</summary>
/// <param name="EventId">The id given to the event, or null when it failed.</param>
/// <param name="ErrorCode">Why it failed, or null.</param>
/// <param name="ErrorMessage">Details, or null.</param>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode = null, string? ErrorMessage = null);

internal static class DetailJson
{
    public static JsonElement Parse(string? json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return doc.RootElement.Clone();
    }
}
