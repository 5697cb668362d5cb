using System.Net;
using Rig.Drivers.Gpio;
using Rig.Drivers.Power;
using Rig.Drivers.Serial;
using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>Reads a bench file. Relative paths in it resolve against the bench's state root, never the current folder.</summary>
public static class BenchLoader
{
    /// <param name="stateRoot">Where relative console and state paths live (e.g. the sim devices' flash).</param>
    public static BenchConfig Load(string path, string stateRoot, string? displayName = null)
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
            slots[slotName] = ReadSlot(slotName, slot, stateRoot);
        }

        if (slots.Count == 0)
        {
            throw slotsMap.Error("a bench needs at least one slot");
        }

        return new BenchConfig(name, file.DisplayName, file.Sha256, stateRoot, slots);
    }

    private static SlotConfig ReadSlot(string name, YamlMap slot, string stateRoot)
    {
        slot.AllowOnly("power", "console", "safe_state", "cycle_off");
        YamlMap consoleMap = slot.RequireMap("console");
        consoleMap.AllowOnly("path", "baud", "exclusive", "grace");
        var console = new SerialSettings(
            Resolve(consoleMap.RequireString("path"), stateRoot),
            consoleMap.OptInt("baud", 50, 16_000_000) ?? 115200,
            consoleMap.OptBool("exclusive") ?? true);

        string safe = slot.OptString("safe_state") ?? "off";
        PowerState safeState = safe switch
        {
            "off" => PowerState.Off,
            "on" => PowerState.On,
            _ => throw slot.Error(slot.Get("safe_state")!, $"safe_state must be off or on, not '{safe}'"),
        };

        return new SlotConfig(name, ReadPower(slot.RequireMap("power"), stateRoot, console.Path), console, safeState, slot.OptDuration("cycle_off") ?? TimeSpan.FromSeconds(1), consoleMap.OptDuration("grace"));
    }

    private static object ReadPower(YamlMap power, string stateRoot, string consolePath)
    {
        string backend = power.RequireString("backend");
        switch (backend)
        {
            case "gpio":
                power.AllowOnly("backend", "chip", "line", "active_low");
                return new GpioPowerOptions(power.RequireString("chip"), (uint)(power.OptInt("line", 0, 1023) ?? throw power.Error("missing required key 'line'")), power.OptBool("active_low") ?? false);
            case "command":
                power.AllowOnly("backend", "on", "off", "state", "timeout");
                return new CommandPowerOptions(power.RequireString("on"), power.RequireString("off"), power.OptString("state"), power.OptDuration("timeout"));
            case "sim":
                power.AllowOnly("backend", "personality", "state", "address", "telnet_port", "login_fail_delay", "boot_scale", "transcript",
                    "http_port", "ftp_port", "ssh_port", "lockout_for");
                string address = power.OptString("address") ?? "127.0.0.2";
                if (!IPAddress.TryParse(address, out IPAddress? ip) || !IPAddress.IsLoopback(ip))
                {
                    throw power.Error(power.Get("address") ?? power.Node, $"a virtual device lives on loopback (127.0.0.N), not '{address}'");
                }

                double bootScale = power.OptDouble("boot_scale", 0, 100) ?? 1.0;

                // personality: replay plays a recorded console transcript instead of being a camera.
                string personality = power.RequireString("personality");
                string? transcript = power.OptString("transcript");
                if (personality == SimPowerSwitch.ReplayPersonality && transcript is null)
                {
                    throw power.Error(power.Get("personality")!, "personality replay needs 'transcript: FILE' (a recorded console transcript)");
                }

                if (personality != SimPowerSwitch.ReplayPersonality && transcript is not null)
                {
                    throw power.Error(power.Get("transcript")!, $"a transcript is played by 'personality: replay', not '{personality}'");
                }

                return new SimPowerOptions(
                    personality,
                    consolePath, // the device links its pty where the slot's console looks
                    Resolve(power.RequireString("state"), stateRoot),
                    address,
                    power.OptInt("telnet_port", 1, 65535) ?? 2323,
                    power.OptDuration("login_fail_delay"),
                    bootScale,
                    transcript is null ? null : Resolve(transcript, stateRoot),
                    power.OptInt("http_port", 1, 65535),
                    power.OptInt("ftp_port", 1, 65535),
                    power.OptDuration("lockout_for"),
                    power.OptInt("ssh_port", 1, 65535));
            default:
                throw power.Error(power.Get("backend")!, $"unknown power backend '{backend}' (expected gpio, command or sim)");
        }
    }

    private static string Resolve(string path, string stateRoot)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        }

        return Path.GetFullPath(path, stateRoot);
    }
}
