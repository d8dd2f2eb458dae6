using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsSim;

/// <summary>
/// The envelope of every event on an EventBridge (CloudWatch Events) bus, exactly as AWS sends it: scheduled events,
/// ECS task state changes, Batch job state changes, custom events. <c>detail</c> is kept as raw JSON.
/// </summary>
/// <remarks>
/// Registered with the event catalog as the shape of the <c>scheduled</c> kind (a scheduled event is this envelope with
/// <c>detail-type</c> "Scheduled Event", <c>source</c> "aws.events" and an empty <c>detail</c> [aws-facts §2.4]). Other
/// kinds that travel in this envelope (ECS, Batch state changes) mark their own types.
/// </remarks>
[AwsEvent("scheduled", "detail-type=Scheduled Event", "source")]
public sealed record EventBridgeEvent
{
    /// <summary>Always "0".</summary>
    [JsonPropertyName("version")] public string Version { get; init; } = "0";

    /// <summary>A unique id (deterministic in the simulator).</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>What happened, e.g. "Scheduled Event" or "ECS Task State Change".</summary>
    [JsonPropertyName("detail-type")] public string DetailType { get; init; } = "";

    /// <summary>Who sent it, e.g. "aws.events", "aws.ecs", "aws.batch".</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = "";

    /// <summary>The 12-digit account id.</summary>
    [JsonPropertyName("account")] public string Account { get; init; } = "";

    /// <summary>When it happened, ISO-8601 UTC to the second (e.g. 2015-10-08T16:53:06Z).</summary>
    [JsonPropertyName("time")] public string Time { get; init; } = "";

    /// <summary>The Region.</summary>
    [JsonPropertyName("region")] public string Region { get; init; } = "";

    /// <summary>ARNs of what the event is about (for a scheduled event, the rule's ARN).</summary>
    [JsonPropertyName("resources")] public IReadOnlyList<string> Resources { get; init; } = Array.Empty<string>();

    /// <summary>The event's own data; <c>{}</c> for scheduled events.</summary>
    [JsonPropertyName("detail")] public JsonElement Detail { get; init; }

    /// <summary>Fields AWS did not document here but a sample carried: kept so a round trip loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>Formats an instant as EventBridge does: <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string FormatTime(DateTimeOffset instant)
        => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
