using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsSim.Tests.Core;

/// <summary>
/// The shape of lib/AwsSim, read with Roslyn from the source: folders are services (plus Core, the shared contracts),
/// their dependencies form no cycle, no service uses another service's internals, only the composition root and the
/// named exceptions see <see cref="SimulatedAws"/>, and every file's namespace is its folder's.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Shared contracts every service may use, internals included.</summary>
    private const string Core = "Core";

    /// <summary>lib/AwsSim/SimulatedAws.cs: builds the services and passes each its dependencies.</summary>
    private const string Root = "(root)";

    /// <summary>Files outside the root that may use <see cref="SimulatedAws"/>, each for a reason a reader can check.</summary>
    private static readonly Dictionary<string, string> s_mayUseTheAccount = new(StringComparer.Ordinal)
    {
        ["Lambda/ILambdaContext.cs"] = "a handler sees its account (ILambdaContext.Aws)",
        ["Lambda/LambdaContext.cs"] = "implements ILambdaContext.Aws",
        ["Lambda/LambdaService.cs"] = "is given the account a handler sees",
        ["Lambda/LambdaBlueprints.cs"] = "blueprints are handlers: they call the account like a learner's handler",
        ["ApiGateway/SimulatedLoad.cs"] = "a lesson helper that drives aws.ApiGateway and aws.Clock",
        ["ApiGateway/Sample/ShopSample.cs"] = "a sample application built on an account",
        ["Samples/SampleFunctions.cs"] = "sample applications built on an account",
    };

    /// <summary>Folders whose internal types exist to be shared by services (their internals are their contract).</summary>
    private static readonly Dictionary<string, string> s_sharedComponents = new(StringComparer.Ordinal)
    {
        ["Compute"] = "the one billing of EC2 instances and Fargate tasks, used by ECS and Batch",
        ["Iam"] = "the account's roles (IamService) and the one authorization check, used by Lambda for execution roles and, through ICallerAuthorizer, by S3",
    };

    private static readonly Lazy<Model> s_model = new(Model.Build);

    [Fact]
    public void Service_folders_do_not_depend_on_each_other_in_a_cycle()
    {
        var edges = s_model.Value.Edges;
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"import cycle between service folders: {string.Join(" → ", cycle ?? [])}\nall edges:\n{Describe(edges)}");
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle()
    {
        var edges = new Dictionary<string, SortedSet<string>> { ["Ecs"] = ["Lambda"], ["Lambda"] = ["EventBridge"], ["EventBridge"] = ["Lambda"] };
        Assert.Equal(["Lambda", "EventBridge", "Lambda"], FindCycle(edges));
    }

    [Fact]
    public void No_service_uses_another_services_internals()
    {
        var offences = s_model.Value.InternalUses.Where(u => !s_sharedComponents.ContainsKey(u.Owner)).Select(u => $"{u.From}: {u.Symbol} (internal to {u.Owner}/)").Distinct().ToList();
        Assert.True(offences.Count == 0, "a service reaches into another's internals:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Only_the_composition_root_and_named_helpers_see_the_account()
    {
        var offences = s_model.Value.AccountUses.Where(f => !s_mayUseTheAccount.ContainsKey(f)).Distinct().ToList();
        Assert.True(offences.Count == 0, "services get their dependencies from their constructor, not from SimulatedAws:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_file_declares_its_folders_namespace()
    {
        var offences = s_model.Value.Namespaces
            .Where(n => !(n.Namespace == "AwsSim" && n.Folder is Root or Core)
                        && !(n.Folder == Core && n.Namespace.StartsWith("AwsSim.", StringComparison.Ordinal) && !IsServiceNamespace(n.Namespace))
                        && n.Namespace != "AwsSim." + n.Folder
                        && !n.Namespace.StartsWith("AwsSim." + n.Folder + ".", StringComparison.Ordinal))
            .Select(n => $"{n.File}: namespace {n.Namespace}")
            .ToList();
        Assert.True(offences.Count == 0, "a file's namespace is its folder's:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void A_dependency_has_one_name_in_every_service()
    {
        var names = typeof(SimulatedAws).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(ILambdaInvoker) || p.PropertyType == typeof(IEventPublisher))
            .Select(p => (Type: p.PropertyType.Name, p.Name))
            .Distinct()
            .ToList();
        Assert.All(names, n => Assert.Equal(n.Type == nameof(ILambdaInvoker) ? "LambdaInvoker" : "EventPublisher", n.Name));
    }

    [Fact]
    public void The_account_builds_every_service_in_its_constructor()
    {
        var aws = new SimulatedAws();
        foreach (var p in typeof(SimulatedAws).GetProperties().Where(p => p.PropertyType.Namespace?.StartsWith("AwsSim.", StringComparison.Ordinal) == true && p.PropertyType.Name.EndsWith("Service", StringComparison.Ordinal)))
        {
            Assert.False(p.CanWrite, $"{p.Name} is settable");
            Assert.NotNull(p.GetValue(aws));
            Assert.Null(typeof(SimulatedAws).GetField("_" + char.ToLowerInvariant(p.Name[0]) + p.Name[1..], BindingFlags.NonPublic | BindingFlags.Instance));
        }
    }

    private static bool IsServiceNamespace(string ns)
        => s_model.Value.Folders.Any(f => f is not Core and not Root && (ns == "AwsSim." + f || ns.StartsWith("AwsSim." + f + ".", StringComparison.Ordinal)));

    private static List<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string n)
        {
            state[n] = 1;
            path.Add(n);
            foreach (var m in edges.GetValueOrDefault(n) ?? [])
            {
                if (state.GetValueOrDefault(m) == 1) return [.. path.Skip(path.IndexOf(m)), m];
                if (state.GetValueOrDefault(m) == 0 && Visit(m) is { } c) return c;
            }
            path.RemoveAt(path.Count - 1);
            state[n] = 2;
            return null;
        }
        foreach (var n in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(n) == 0 && Visit(n) is { } c) return c;
        }
        return null;
    }

    private static string Describe(IReadOnlyDictionary<string, SortedSet<string>> edges)
        => string.Join("\n", edges.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"  {e.Key} → {string.Join(", ", e.Value)}"));

    private sealed record InternalUse(string From, string Owner, string Symbol);

    private sealed record FileNamespace(string File, string Folder, string Namespace);

    private sealed class Model
    {
        public Dictionary<string, SortedSet<string>> Edges { get; } = new(StringComparer.Ordinal);
        public List<InternalUse> InternalUses { get; } = new();
        public List<string> AccountUses { get; } = new();
        public List<FileNamespace> Namespaces { get; } = new();
        public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);

        public static Model Build()
        {
            var lib = Path.Combine(Paths.Root, "lib", "AwsSim");
            var sep = Path.DirectorySeparatorChar;
            var files = Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            var options = new CSharpParseOptions(LanguageVersion.Preview);
            const string globalUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, path: Path.GetRelativePath(lib, f).Replace('\\', '/')))
                .Append(CSharpSyntaxTree.ParseText(globalUsings, options, path: "(global usings)"))
                .ToList();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "SixLabors.*.dll"))
                .Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create("AwsSim.Architecture", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var model = new Model();
            foreach (var tree in trees.Where(t => t.FilePath != "(global usings)"))
            {
                var from = FolderOf(tree.FilePath);
                model.Folders.Add(from);
                var semantic = compilation.GetSemanticModel(tree);
                var root = tree.GetRoot();
                foreach (var ns in root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
                {
                    model.Namespaces.Add(new FileNamespace(tree.FilePath, from, ns.Name.ToString()));
                }
                foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Ancestors().Any(a => a is UsingDirectiveSyntax)) continue;
                    var info = semantic.GetSymbolInfo(name);
                    var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (symbol is null or INamespaceSymbol) continue;
                    symbol = symbol.OriginalDefinition;
                    var declared = symbol.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath;
                    if (declared is null || declared == "(global usings)") continue;
                    var owner = FolderOf(declared);
                    if (owner == from) continue;
                    if (owner == Root)
                    {
                        if (from is not Root && from is not Core) model.AccountUses.Add(tree.FilePath);
                        continue;
                    }
                    if (from is Root or Core || owner == Core) continue;
                    model.Edges.TryAdd(from, new SortedSet<string>(StringComparer.Ordinal));
                    model.Edges[from].Add(owner);
                    if (IsInternal(symbol)) model.InternalUses.Add(new InternalUse(tree.FilePath, owner, symbol.ToDisplayString()));
                }
            }
            return model;
        }

        private static string FolderOf(string relativePath)
        {
            var slash = relativePath.IndexOf('/');
            return slash < 0 ? Root : relativePath[..slash];
        }

        private static bool IsInternal(ISymbol symbol)
        {
            for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
            {
                if (s.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal or Accessibility.Private) return true;
            }
            return false;
        }
    }
}
