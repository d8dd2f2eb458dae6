namespace AwsSim.Ecs;

/// <summary>
/// Chooses a container instance for a task as the ECS guide describes: keep the instances with enough CPU, memory and
/// ports; keep those meeting the constraints; then apply the strategies in order, each keeping the best of what is
/// left; ties are broken by registration order (random picks with the seeded generator).
/// </summary>
internal static class PlacementEngine
{
    internal sealed record Outcome(ContainerInstance? Chosen, string? Reason, ContainerInstance? Closest);

    public static Outcome Choose(Cluster cluster, int cpu, int memory, IReadOnlyList<int> hostPorts, string group,
        IReadOnlyList<PlacementStrategy> strategies, IReadOnlyList<(PlacementConstraint C, Func<IReadOnlyDictionary<string, string>, bool>? Test)> constraints, Random random)
    {
        // Applying the strategies one after another, each keeping the best of what is left, is the same as ordering the
        // fitting instances by (key of strategy 1, key of strategy 2, …) and taking the first in registration order; a
        // random strategy picks uniformly among those tied so far. So one pass keeps the best key and how many tie, and
        // nothing is allocated per instance (a second pass finds the random pick).
        var keyed = 0;
        while (keyed < strategies.Count && strategies[keyed].Type != "random") keyed++;
        var picksAtRandom = keyed < strategies.Count;
        Span<int> key = keyed <= 8 ? stackalloc int[keyed] : new int[keyed];
        Span<int> best = keyed <= 8 ? stackalloc int[keyed] : new int[keyed];
        var spreads = SpreadCounts(cluster, strategies, keyed, group);

        var bestStage = -1;
        string? bestReason = null;
        ContainerInstance? closest = null;
        ContainerInstance? chosen = null;
        var ties = 0;
        var active = 0;
        foreach (var inst in cluster._instances)
        {
            if (inst.Status != "ACTIVE") continue;
            active++;
            var (stage, reason) = Check(inst, cpu, memory, hostPorts, group, constraints);
            if (reason is not null)
            {
                if (stage > bestStage) { bestStage = stage; bestReason = reason; closest = inst; }
                continue;
            }
            Keys(inst, strategies, spreads, cpu, memory, group, key);
            var order = chosen is null ? -1 : key.SequenceCompareTo(best);
            if (order < 0) { key.CopyTo(best); chosen = inst; ties = 1; }
            else if (order == 0) ties++;
        }
        if (active == 0) return new Outcome(null, "No Container Instances were found in your cluster.", null);
        if (chosen is null) return new Outcome(null, bestReason, closest);
        if (picksAtRandom && ties > 1)
        {
            var pick = random.Next(ties);
            foreach (var inst in cluster._instances)
            {
                if (inst.Status != "ACTIVE" || Check(inst, cpu, memory, hostPorts, group, constraints).Reason is not null) continue;
                Keys(inst, strategies, spreads, cpu, memory, group, key);
                if (key.SequenceEqual(best) && pick-- == 0) return new Outcome(inst, null, null);
            }
        }
        return new Outcome(chosen, null, null);
    }

    /// <summary>The key of each strategy before the first random one (lower is better).</summary>
    private static void Keys(ContainerInstance inst, IReadOnlyList<PlacementStrategy> strategies, (string Attr, Dictionary<string, int> Counts)?[] spreads, int cpu, int memory, string group, Span<int> key)
    {
        for (var k = 0; k < key.Length; k++)
        {
            var s = strategies[k];
            key[k] = s.Type == "binpack"
                ? (s.Field == "cpu" ? inst.RemainingCpu - cpu : inst.RemainingMemory - memory)
                : spreads[k] is { } spread
                    ? spread.Counts.GetValueOrDefault(inst._attributes.GetValueOrDefault(spread.Attr) ?? "")
                    : inst._groupCounts.GetValueOrDefault(group);
        }
    }

    /// <summary>
    /// For each spread on an attribute: tasks of the group per attribute value, over every instance in the cluster (not
    /// only the candidates). Built once per (group, attribute) and then kept up to date as tasks are placed and released
    /// (<see cref="Cluster.CountSpread"/>).
    /// </summary>
    private static (string Attr, Dictionary<string, int> Counts)?[] SpreadCounts(Cluster cluster, IReadOnlyList<PlacementStrategy> strategies, int keyed, string group)
    {
        if (keyed == 0) return [];
        var result = new (string Attr, Dictionary<string, int> Counts)?[keyed];
        for (var k = 0; k < keyed; k++)
        {
            var s = strategies[k];
            if (s.Type != "spread" || s.Field is "instanceId" or "host") continue;
            var attr = s.Field!["attribute:".Length..];
            if (!cluster._spreadCounts.TryGetValue((group, attr), out var counts))
            {
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var i in cluster._instances)
                {
                    if (i.Status == "INACTIVE") continue;
                    var v = i._attributes.GetValueOrDefault(attr) ?? "";
                    counts[v] = counts.GetValueOrDefault(v) + i._groupCounts.GetValueOrDefault(group);
                }
                cluster._spreadCounts[(group, attr)] = counts;
            }
            result[k] = (attr, counts);
        }
        return result;
    }

    private static (int Stage, string? Reason) Check(ContainerInstance inst, int cpu, int memory, IReadOnlyList<int> hostPorts, string group,
        IReadOnlyList<(PlacementConstraint C, Func<IReadOnlyDictionary<string, string>, bool>? Test)> constraints)
    {
        if (!inst.AgentConnected) return (0, "AGENT");
        if (inst.RemainingCpu < cpu) return (1, "RESOURCE:CPU");
        if (inst.RemainingMemory < memory) return (2, "RESOURCE:MEMORY");
        foreach (var p in hostPorts)
        {
            if (inst._ports.Contains(p)) return (3, "RESOURCE:PORTS");
        }
        foreach (var (c, test) in constraints)
        {
            if (c.Type == "memberOf" && !test!(inst._attributes)) return (4, "MemberOf placement constraint unsatisfied.");
            if (c.Type == "distinctInstance" && inst._groupCounts.GetValueOrDefault(group) > 0) return (5, "DistinctInstance placement constraint unsatisfied.");
        }
        return (6, null);
    }
}
