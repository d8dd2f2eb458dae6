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
        var candidates = new List<ContainerInstance>();
        var bestStage = -1;
        string? bestReason = null;
        ContainerInstance? closest = null;
        var active = 0;
        foreach (var inst in cluster._instances)
        {
            if (inst.Status != "ACTIVE") continue;
            active++;
            var (stage, reason) = Check(inst, cpu, memory, hostPorts, group, constraints);
            if (reason is null) { candidates.Add(inst); continue; }
            if (stage > bestStage) { bestStage = stage; bestReason = reason; closest = inst; }
        }
        if (active == 0) return new Outcome(null, "No Container Instances were found in your cluster.", null);
        if (candidates.Count == 0) return new Outcome(null, bestReason, closest);

        IReadOnlyList<ContainerInstance> left = candidates;
        foreach (var s in strategies)
        {
            if (left.Count <= 1) break;
            left = s.Type switch
            {
                "binpack" => KeepMin(left, i => s.Field == "cpu" ? i.RemainingCpu - cpu : i.RemainingMemory - memory),
                "spread" => Spread(cluster, left, s.Field!, group),
                _ => [left[random.Next(left.Count)]],
            };
        }
        return new Outcome(left[0], null, null);
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

    private static IReadOnlyList<ContainerInstance> KeepMin(IReadOnlyList<ContainerInstance> list, Func<ContainerInstance, int> key)
    {
        // One key computation per instance: this runs for every task placed, over every candidate.
        var keys = new int[list.Count];
        var min = int.MaxValue;
        for (var k = 0; k < list.Count; k++)
        {
            keys[k] = key(list[k]);
            if (keys[k] < min) min = keys[k];
        }
        var kept = new List<ContainerInstance>();
        for (var k = 0; k < list.Count; k++) if (keys[k] == min) kept.Add(list[k]);
        return kept;
    }

    private static IReadOnlyList<ContainerInstance> Spread(Cluster cluster, IReadOnlyList<ContainerInstance> list, string field, string group)
    {
        if (field is "instanceId" or "host") return KeepMin(list, i => i._groupCounts.GetValueOrDefault(group));
        var attr = field["attribute:".Length..];
        // Tasks of the group per attribute value, over every instance in the cluster (not only the candidates). Built once
        // per (group, attribute) and then kept up to date as tasks are placed and released (see EcsService.Place/Release).
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
        return KeepMin(list, i => counts.GetValueOrDefault(i._attributes.GetValueOrDefault(attr) ?? ""));
    }
}
