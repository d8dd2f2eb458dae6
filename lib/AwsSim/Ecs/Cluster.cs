namespace AwsSim.Ecs;

/// <summary>A cluster: container instances, tasks and services.</summary>
[AwsSim.Display.TypeFormatterSource(typeof(AwsSim.Display.HtmlFormatterSource))]
public sealed class Cluster
{
    internal Cluster(string name, string arn)
    {
        ClusterName = name;
        ClusterArn = arn;
    }

    /// <summary>The name.</summary>
    public string ClusterName { get; }

    /// <summary>The ARN: <c>arn:aws:ecs:&lt;region&gt;:&lt;account&gt;:cluster/&lt;name&gt;</c>.</summary>
    public string ClusterArn { get; }

    /// <summary>Registered container instances (ACTIVE and DRAINING), in registration order.</summary>
    public IReadOnlyList<ContainerInstance> ContainerInstances => _instances.Where(i => i.Status != "INACTIVE").ToList();

    /// <summary>Every task ever started here, stopped ones included, oldest first.</summary>
    public IReadOnlyList<EcsTask> Tasks => _tasks.ToList();

    /// <summary>Tasks not stopped.</summary>
    public IReadOnlyList<EcsTask> ActiveTasks => _tasks.Where(t => t.LastStatus != "STOPPED").ToList();

    /// <summary>Services.</summary>
    public IReadOnlyList<Service> Services => _services.Values.ToList();

    internal List<ContainerInstance> _instances { get; } = new();

    internal List<EcsTask> _tasks { get; } = new();

    internal Dictionary<string, Service> _services { get; } = new(StringComparer.Ordinal);

    /// <summary>Spread bookkeeping: tasks of a group per value of an attribute (dropped when attributes change).</summary>
    internal Dictionary<(string Group, string Attr), Dictionary<string, int>> _spreadCounts { get; } = new();

    internal void CountSpread(EcsTask task, ContainerInstance inst, int delta)
    {
        foreach (var ((group, attr), counts) in _spreadCounts)
        {
            if (group != task.Group) continue;
            var v = inst._attributes.GetValueOrDefault(attr) ?? "";
            counts[v] = counts.GetValueOrDefault(v) + delta;
        }
    }

    /// <summary>The cluster as an SVG picture (see <see cref="ClusterPicture"/>).</summary>
    public string ToSvg(string? title = null) => ClusterPicture.Svg(this, title);

    /// <inheritdoc />
    public override string ToString() => $"{ClusterName}: {ContainerInstances.Count} instances, {ActiveTasks.Count} tasks, {_services.Count} services";
}
