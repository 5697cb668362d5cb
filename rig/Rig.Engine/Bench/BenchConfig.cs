namespace Rig.Engine.Bench;

/// <summary>One controller and its wiring: its slots, as read from a bench file.</summary>
public sealed record BenchConfig(string Name, string File, string Sha256, string StateRoot, IReadOnlyDictionary<string, SlotConfig> Slots)
{
    public SlotConfig Slot(string name) =>
        Slots.TryGetValue(name, out SlotConfig? slot)
            ? slot
            : throw new ArgumentException($"bench '{Name}' ({File}) has no slot '{name}'; slots: {string.Join(", ", Slots.Keys)}");
}
