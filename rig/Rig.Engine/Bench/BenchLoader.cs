using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>Reads a bench file. Relative paths in it resolve against the bench's state root, never the current folder.</summary>
public static class BenchLoader
{
    /// <param name="stateRoot">Where relative console and state paths live (e.g. the sim devices' flash).</param>
    /// <param name="drivers">The power backends a slot may name and the console driver, as the program composed them.</param>
    public static BenchConfig Load(string path, string stateRoot, BenchDrivers drivers, string? displayName = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("bench", "description", "slots");
        string name = root.RequireString("bench");
        YamlMap slotsMap = root.RequireMap("slots");
        var slots = new Dictionary<string, SlotConfig>(StringComparer.Ordinal);
        foreach (string slotName in slotsMap.Keys)
        {
            YamlMap slot = slotsMap.OptMap(slotName) ?? throw slotsMap.Error(slotsMap.KeyNode(slotName), $"slot '{slotName}' must be a mapping");
            slots[slotName] = ReadSlot(slotName, slot, stateRoot, drivers);
        }

        if (slots.Count == 0)
        {
            throw slotsMap.Error("a bench needs at least one slot");
        }

        return new BenchConfig(name, file.DisplayName, file.Sha256, stateRoot, slots);
    }

    private static SlotConfig ReadSlot(string name, YamlMap slot, string stateRoot, BenchDrivers drivers)
    {
        slot.AllowOnly("power", "console", "safe_state", "cycle_off", "meter", "device");
        YamlMap consoleMap = slot.RequireMap("console");
        consoleMap.AllowOnly("path", "baud", "exclusive", "grace");
        var console = new SerialSettings(
            BenchPaths.Resolve(consoleMap.RequireString("path"), stateRoot),
            consoleMap.OptInt("baud", 50, 16_000_000) ?? 115200,
            consoleMap.OptBool("exclusive") ?? true);

        string safe = slot.OptString("safe_state") ?? "off";
        PowerState safeState = safe switch
        {
            "off" => PowerState.Off,
            "on" => PowerState.On,
            _ => throw slot.Error(slot.Get("safe_state")!, $"safe_state must be off or on, not '{safe}'"),
        };

        YamlMap powerMap = slot.RequireMap("power");
        IPowerBackend backend = drivers.Power.For(powerMap);
        object power = backend.Read(powerMap, new PowerReadContext(stateRoot, console.Path));
        MeterSettings? meter = slot.OptMap("meter") is { } meterMap ? MeterReader.Read(meterMap, simulatedPower: backend.Name == "sim") : null;
        if (meter is not null && drivers.Meter is null)
        {
            throw slot.Error(slot.Get("meter")!, "this rig was composed without power meters");
        }

        return new SlotConfig(name, power, console, safeState, slot.OptDuration("cycle_off") ?? TimeSpan.FromSeconds(1), consoleMap.OptDuration("grace"))
        {
            PowerBackend = backend,
            ConsoleDriver = drivers.Console,
            Meter = meter,
            MeterDriver = drivers.Meter,
            Device = slot.OptString("device") is { } label && label.Trim().Length > 0 ? label.Trim() : null,
        };
    }
}
