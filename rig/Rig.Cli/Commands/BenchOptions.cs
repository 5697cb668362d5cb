using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Engine.Bench;

namespace Rig.Cli.Commands;

/// <summary>--bench, --state-root and --wait, shared by every command that works on a slot.</summary>
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

    public Option<bool> Wait { get; } = new("--wait")
    {
        Description = "When another rig process holds the slot, wait for it instead of refusing.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Bench);
        command.Options.Add(StateRoot);
        command.Options.Add(Wait);
    }

    /// <summary>Takes the slot's lock (exit 2 naming the holder when busy, unless --wait) and, when the command powers it, starts the supervisor.</summary>
    public Task<SlotClaim> ClaimAsync(ParseResult parsed, BenchConfig bench, SlotConfig slot, bool powers, CancellationToken ct) =>
        ClaimAsync(parsed, bench, [slot], powers, ct);

    /// <summary>Takes every slot's lock before any is powered: one busy slot refuses them all (exit 2 naming it); the supervisor watches them all.</summary>
    public Task<SlotClaim> ClaimAsync(ParseResult parsed, BenchConfig bench, IEnumerable<SlotConfig> slots, bool powers, CancellationToken ct) =>
        SlotClaim.AcquireAsync(parsed.GetValue(Bench)!, bench, slots.Select(s => s.Name), parsed.GetValue(Wait), powers, ct);

    public BenchConfig Load(ParseResult parsed)
    {
        string bench = parsed.GetValue(Bench)!;
        string stateRoot = parsed.GetValue(StateRoot) ?? RigData.DefaultStateRoot(bench);
        return BenchLoader.Load(bench, Path.GetFullPath(stateRoot), DriverFactory.Bench, RigData.Display(bench));
    }

    public static SlotConfig Slot(BenchConfig bench, string name) =>
        bench.Slots.TryGetValue(name, out SlotConfig? slot)
            ? slot
            : throw new UsageException($"bench '{bench.Name}' ({bench.File}) has no slot '{name}'; its slots: {string.Join(", ", bench.Slots.Keys)}");
}
