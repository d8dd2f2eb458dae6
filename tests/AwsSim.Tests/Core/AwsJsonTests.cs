using System.Text.Json.Nodes;

namespace AwsSim.Tests.Core;

public class AwsJsonTests
{
    [Fact]
    public void Null_and_absent_are_equivalent_and_numbers_compare_by_value()
    {
        var a = JsonNode.Parse("""{"a":1.0,"b":null,"c":[1,2]}""");
        var b = JsonNode.Parse("""{"a":1,"c":[1,2]}""");
        Assert.Empty(JsonEquivalence.Differences(a, b));
    }

    [Fact]
    public void Lost_changed_and_added_fields_are_named_by_path()
    {
        var a = JsonNode.Parse("""{"a":{"x":"1","y":2},"list":[1,2]}""");
        var b = JsonNode.Parse("""{"a":{"x":"one"},"list":[1],"z":true}""");
        var diffs = JsonEquivalence.Differences(a, b);
        Assert.Contains(diffs, d => d.StartsWith("$.a.x:", StringComparison.Ordinal) && d.Contains("became"));
        Assert.Contains(diffs, d => d.StartsWith("$.a.y: lost", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.StartsWith("$.list: 2 items became 1", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.StartsWith("$.z: added", StringComparison.Ordinal));
    }

    [Fact]
    public void A_byte_order_mark_is_tolerated()
    {
        var node = AwsJson.Parse("\uFEFF{\"k\":\"v\"}");
        Assert.Equal("v", node!["k"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_json_is_not_recognised_as_any_event()
        => Assert.Null(AwsEventCatalog.Recognise(JsonNode.Parse("""{"hello":"world"}""")));

    [Fact]
    public void Every_oracle_event_file_is_recognised_and_round_trips_without_loss_once_its_service_exists()
    {
        // Each service's tests check its own files in detail; this one makes sure no recognised file loses a field.
        var dir = Path.Combine(Paths.Oracles, "events");
        Assert.True(Directory.Exists(dir), dir);
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            var (kind, _, diffs) = AwsEventCatalog.RoundTrip(File.ReadAllText(file));
            if (kind is not null) Assert.True(diffs.Count == 0, $"{Path.GetFileName(file)} ({kind}): {string.Join("; ", diffs)}");
        }
    }
}
