using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rig.Tests.Architecture;

/// <summary>
/// The layers of the README's "Repository" diagram, checked on the compiled assemblies: which Rig
/// assembly may reference which, and that no two namespaces use each other, however indirectly.
/// </summary>
public class LayerTests
{
    private const string Protocols = "Rig.Protocols";
    private const string Expect = "Rig.Expect";
    private const string Formats = "Rig.Formats";
    private const string Reports = "Rig.Reports";
    private const string Drivers = "Rig.Drivers";
    private const string VirtualDevice = "rig-vdev";
    private const string Engine = "Rig.Engine";
    private const string Benchmarks = "Rig.Benchmarks";
    private const string Cli = "rig";

    /// <summary>Each Rig assembly and the Rig assemblies it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Expect] = [],
        [Formats] = [],
        [Reports] = [],
        [Protocols] = [Expect],
        [Drivers] = [Protocols, Expect, Formats],
        [VirtualDevice] = [Drivers, Protocols, Expect, Formats],
        [Engine] = [Protocols, Expect, Formats, Reports],
        [Benchmarks] = [Engine, Drivers, Protocols, Expect, Formats, Reports],
        [Cli] = [Benchmarks, Engine, Drivers, VirtualDevice, Protocols, Expect, Formats, Reports],
    };

    private static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    private static List<string> RigReferences(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(PathOf(assembly)));
        MetadataReader md = pe.GetMetadataReader();
        return [.. md.AssemblyReferences
            .Select(r => md.GetString(md.GetAssemblyReference(r).Name))
            .Where(Allowed.ContainsKey)
            .Order(StringComparer.Ordinal)];
    }

    [TestCaseSource(nameof(Assemblies))]
    public void AnAssemblyReferencesOnlyTheLayersBelowIt(string assembly)
    {
        List<string> forbidden = [.. RigReferences(assembly).Except(Allowed[assembly])];
        Assert.That(forbidden, Is.Empty, $"{assembly} references {string.Join(", ", forbidden)}; it may reference only: {string.Join(", ", Allowed[assembly])}");
    }

    private static IEnumerable<string> Assemblies() => Allowed.Keys;

    [Test]
    public void TheEngineReferencesNoDriverAndNoDevice()
    {
        List<string> references = RigReferences(Engine);
        Assert.That(references, Does.Not.Contain(Drivers).And.Not.Contain(VirtualDevice));
        Assert.That(references, Does.Contain(Protocols), "the reader sees the engine's references at all");
    }

    [Test]
    public void NoTwoNamespacesUseEachOther()
    {
        NamespaceGraph graph = ReadAll();
        List<List<string>> cycles = NamespaceCycles.Find(graph.Uses);
        string Show(List<string> cycle) =>
            string.Join("; ", cycle.SelectMany(from => graph.Uses[from].Where(cycle.Contains).Order(StringComparer.Ordinal).Select(to => $"{from} -> {to}")));
        Assert.That(cycles, Is.Empty, "namespace cycles:\n" + string.Join("\n", cycles.Select(Show)));
    }

    /// <summary>The graph sees a use that only a method body makes: the composition root constructs the termios console.</summary>
    [Test]
    public void TheGraphSeesUsesInsideMethodBodies()
    {
        NamespaceGraph graph = ReadAll();
        Assert.That(graph.Uses["Rig.Cli.Composition"], Does.Contain("Rig.Drivers.Serial"));
        Assert.That(graph.Uses[Engine + ".Runs"], Does.Contain(Engine + ".Plans").And.Not.Contain("Rig.Drivers.Serial"));
    }

    [Test]
    public void TheCycleFinderFindsEveryCycleAndOnlyCycles()
    {
        var uses = new Dictionary<string, HashSet<string>>
        {
            ["Rig.A"] = ["Rig.B"],
            ["Rig.B"] = ["Rig.C"],
            ["Rig.C"] = ["Rig.A", "Rig.D"],
            ["Rig.D"] = [],
            ["Rig.E"] = ["Rig.F"],
            ["Rig.F"] = ["Rig.E"],
        };
        Assert.That(NamespaceCycles.Find(uses), Is.EqualTo(new[] { new[] { "Rig.A", "Rig.B", "Rig.C" }, new[] { "Rig.E", "Rig.F" } }));
        uses["Rig.C"] = ["Rig.D"];
        uses["Rig.F"] = [];
        Assert.That(NamespaceCycles.Find(uses), Is.Empty);
    }

    private static NamespaceGraph ReadAll()
    {
        var graph = new NamespaceGraph();
        foreach (string assembly in Allowed.Keys)
        {
            graph.Add(PathOf(assembly));
        }

        return graph;
    }
}
