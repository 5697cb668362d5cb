using System.CommandLine;
using Rig.Engine.Bench;

namespace Rig.Cli.Commands;

/// <summary>--bench and --state-root, shared by every command that works on a slot.</summary>
internal sealed class BenchOptions
{
    public Option<string> Bench { get; } = new("--bench")
    {
        Description = "Bench file (YAML). Default: the built-in virtual bench.",
        DefaultValueFactory = _ => RigData.VirtualBench,
    };

    public Option<string?> StateRoot { get; } = new("--state-root")
    {
        Description = "Folder for the bench's relative paths (console links, virtual devices' flash). Default: ~/.local/state/rig/BENCH.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Bench);
        command.Options.Add(StateRoot);
    }

    public BenchConfig Load(ParseResult parsed)
    {
        string bench = parsed.GetValue(Bench)!;
        string stateRoot = parsed.GetValue(StateRoot) ?? RigData.DefaultStateRoot(bench);
        return BenchLoader.Load(bench, Path.GetFullPath(stateRoot), RigData.Display(bench));
    }

    public static SlotConfig Slot(BenchConfig bench, string name) =>
        bench.Slots.TryGetValue(name, out SlotConfig? slot)
            ? slot
            : throw new UsageException($"bench '{bench.Name}' ({bench.File}) has no slot '{name}'; its slots: {string.Join(", ", bench.Slots.Keys)}");
}
