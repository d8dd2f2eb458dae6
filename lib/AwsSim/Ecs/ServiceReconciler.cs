using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ecr;
using AwsSim.Fargate;

namespace AwsSim.Ecs;

/// <summary>
/// The ECS service scheduler: keeps each service's desired count running, rolls out a new task definition within
/// minimumHealthyPercent and maximumPercent, replaces tasks on draining instances, and records the service events.
/// Work is marked per service and settled in one loop (re-entrant calls only mark more work).
/// </summary>
internal sealed class ServiceReconciler(TaskLifecycle tasks, EcsOptions options, AccountContext aws)
{
    private readonly HashSet<Service> _dirty = new();
    private bool _reconciling;

    /// <summary>
    /// The capacity provider for the next task: the one with a base until its base is met, then the one furthest below
    /// its weighted share (ties: the first listed).
    /// </summary>
    internal static string? ChooseProvider(IReadOnlyList<CapacityProviderStrategyItem> providers, Func<string, int> countOf)
    {
        if (providers.Count == 0) return null;
        var withBase = providers.FirstOrDefault(p => p.Base > 0);
        if (withBase is not null && countOf(withBase.CapacityProvider) < withBase.Base) return withBase.CapacityProvider;
        return providers.Where(p => p.Weight > 0)
            .OrderBy(p => (countOf(p.CapacityProvider) - (p == withBase ? p.Base : 0)) / (double)p.Weight)
            .First().CapacityProvider;
    }

    internal void MarkDirty(Service s) => _dirty.Add(s);

    /// <summary>Runs the service scheduler until every service is settled (re-entrant calls just mark more work).</summary>
    internal void Settle()
    {
        if (_reconciling) return;
        _reconciling = true;
        try
        {
            var rounds = 0;
            while (_dirty.Count > 0 && rounds++ < 10_000)
            {
                var s = _dirty.First();
                _dirty.Remove(s);
                Reconcile(s);
            }
        }
        finally
        {
            _reconciling = false;
        }
    }

    private void Reconcile(Service s)
    {
        if (s.Status != "ACTIVE") return;
        var now = aws.Clock.Now;
        var grace = options.HealthGracePeriod;
        var n = s.DesiredCount;
        var maxTotal = (int)Math.Floor(n * s.MaximumPercent / 100.0);
        var minHealthy = (int)Math.Ceiling(n * s.MinimumHealthyPercent / 100.0);
        var started = new List<EcsTask>();
        bool IsCurrent(EcsTask t) => t.TaskDefinitionArn == s.TaskDefinition.TaskDefinitionArn && t.ContainerInstance?.Status != "DRAINING";
        while (true)
        {
            var active = s.Cluster._tasks.Where(t => t.ServiceName == s.ServiceName && t.DesiredStatus == "RUNNING").ToList();
            var current = active.Where(IsCurrent).ToList();
            var old = active.Where(t => !IsCurrent(t)).ToList();
            var healthy = active.Count(t => t.IsHealthy(now, grace));
            var changed = false;

            // 1. Old tasks (previous revision, or on a draining instance) go while enough healthy tasks remain.
            foreach (var t in old.OrderBy(t => t.IsHealthy(now, grace)).ThenBy(t => t._index))
            {
                var isHealthy = t.IsHealthy(now, grace);
                if (isHealthy && healthy - 1 < minHealthy && current.Count(x => x.IsHealthy(now, grace)) < n) continue;
                tasks.Stop(t, t.ContainerInstance?.Status == "DRAINING" ? "Container instance is draining" : $"Deployment of {s.TaskDefinition.FamilyRevision}: replaced", "ServiceSchedulerInitiated");
                if (isHealthy) healthy--;
                changed = true;
                break;
            }
            if (changed) continue;

            // 2. Scale in: too many current tasks (unplaced first, then starting, then the newest running).
            if (current.Count > n)
            {
                var victim = current.OrderBy(t => t.ContainerInstance is null && t.LaunchType == "EC2" ? 0 : t.LastStatus == "RUNNING" ? 2 : 1).ThenByDescending(t => t._index).First();
                tasks.Stop(victim, "Scaling activity initiated by (deployment)", "ServiceSchedulerInitiated");
                continue;
            }

            // 3. Start current tasks up to the desired count, never above maximumPercent of it in total.
            if (current.Count < n && active.Count < Math.Max(maxTotal, 1) && s._failedStarts < options.MaxConsecutiveFailedStarts)
            {
                var provider = ChooseProvider(s.CapacityProviderStrategy, p => active.Count(t => t.CapacityProviderName == p));
                var constraints = EcsChecks.Compile(s.PlacementConstraints, s.LaunchType, null);
                var (task, _) = tasks.Launch(s.Cluster, s.TaskDefinition, s.LaunchType, provider, s.Group, "ecs-svc/" + s.ServiceName, s, s.PlacementStrategy, constraints, keepUnplaced: true);
                if (task is not null) started.Add(task);
                continue;
            }
            break;
        }
        if (started.Count > 0)
        {
            s._events.Add($"(service {s.ServiceName}) has started {started.Count} tasks: {string.Join(" ", started.Select(t => $"(task {t.TaskId})"))}.");
        }
        if (s._failedStarts >= options.MaxConsecutiveFailedStarts && !s._events.LastOrDefault("").Contains("unable to consistently start", StringComparison.Ordinal))
        {
            s._events.Add($"(service {s.ServiceName}) is unable to consistently start tasks successfully.");
        }
        var all = s.Tasks;
        if (all.Count == n && all.All(t => IsCurrent(t) && t.IsHealthy(now, grace)) && !s._events.LastOrDefault("").EndsWith("has reached a steady state.", StringComparison.Ordinal))
        {
            s._events.Add($"(service {s.ServiceName}) has reached a steady state.");
        }
    }
}
