using System.Globalization;
using AwsSim.Compute;
using AwsSim.Ecr;
using AwsSim.Fargate;

namespace AwsSim.Ecs;

/// <summary>ECS's request checks and look-ups shared by the service and its collaborators.</summary>
internal static class EcsChecks
{
    internal static (string LaunchType, IReadOnlyList<CapacityProviderStrategyItem> Providers) LaunchTypeOf(string? launchType, IReadOnlyList<CapacityProviderStrategyItem>? strategy, TaskDefinition td)
    {
        if (launchType is not null && strategy is { Count: > 0 })
        {
            throw new AwsException("InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported.");
        }
        IReadOnlyList<CapacityProviderStrategyItem> providers = [];
        if (strategy is { Count: > 0 })
        {
            foreach (var p in strategy)
            {
                Validate.OneOf("capacityProviderStrategy.capacityProvider", p.CapacityProvider, "FARGATE", "FARGATE_SPOT");
                Validate.Range("capacityProviderStrategy.weight", p.Weight, 0, 1000);
                Validate.Range("capacityProviderStrategy.base", p.Base, 0, 100_000);
            }
            if (strategy.Count(p => p.Base > 0) > 1) throw new AwsValidationException("capacityProviderStrategy.base", "more than one", "only one capacity provider in a strategy can have a base");
            if (strategy.All(p => p.Weight == 0 && p.Base == 0)) throw new AwsValidationException("capacityProviderStrategy.weight", "0", "at least one provider must have a weight above 0");
            providers = strategy;
            launchType = "FARGATE";
        }
        launchType ??= "EC2";
        Validate.OneOf("launchType", launchType, "EC2", "FARGATE");
        var compat = td.RequiresCompatibilities.Count == 0 ? ["EC2"] : td.RequiresCompatibilities;
        if (!compat.Contains(launchType))
        {
            throw new AwsException("InvalidParameterException", $"Task definition does not support launch_type {launchType}.");
        }
        if (providers.Any(p => p.CapacityProvider == "FARGATE_SPOT") && td.CpuArchitecture == "ARM64")
        {
            FargatePricing.KeyPrefix(Architecture.Arm64, spot: true); // throws: Spot is x86_64 only
        }
        return (launchType, providers);
    }

    internal static IReadOnlyList<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)> Compile(IReadOnlyList<PlacementConstraint>? constraints, string launchType, IReadOnlyList<PlacementStrategy>? strategies)
    {
        if (launchType == "FARGATE" && (constraints is { Count: > 0 } || strategies is { Count: > 0 }))
        {
            throw new AwsException("InvalidParameterException", "Task placement strategies and constraints are not supported for the FARGATE launch type.");
        }
        if (constraints is null) return [];
        if (constraints.Count > 10) throw new AwsValidationException("placementConstraints", constraints.Count.ToString(CultureInfo.InvariantCulture), "at most 10 constraints");
        var list = new List<(PlacementConstraint, Func<IReadOnlyDictionary<string, string>, bool>?)>();
        for (var i = 0; i < constraints.Count; i++)
        {
            constraints[i].Validate($"placementConstraints[{i}]");
            list.Add((constraints[i], constraints[i].Type == "memberOf" ? ClusterQuery.Parse(constraints[i].Expression) : null));
        }
        return list;
    }

    internal static void ValidateDeployment(int min, int max)
    {
        Validate.Range("deploymentConfiguration.minimumHealthyPercent", min, 0, 100, "percent");
        Validate.Range("deploymentConfiguration.maximumPercent", max, Math.Max(100, min), 400, "percent");
    }

    internal static ContainerInstance FindInstance(Cluster c, string id)
        => c._instances.FirstOrDefault(i => i.Status != "INACTIVE" && (i.ContainerInstanceArn == id || i.Id == id || i.Ec2InstanceId == id))
           ?? throw new AwsException("InvalidParameterException", $"Container instance not found: {id}");

    internal static EcsTask FindTask(Cluster c, string id)
        => c._tasks.FirstOrDefault(t => t.TaskArn == id || t.TaskId == id) ?? throw new AwsException("InvalidParameterException", $"The referenced task was not found: {id}");
}
