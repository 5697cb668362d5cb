using System.Globalization;
using System.Net;
using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Cli.Composition.Backends;

/// <summary><c>backend: sim</c>: the virtual device; on starts its process, off kills it.</summary>
public sealed class SimBackend : PowerBackend<SimPowerOptions>
{
    public override string Name => "sim";

    public override SimPowerOptions Read(YamlMap power, PowerReadContext context)
    {
        power.AllowOnly("backend", "personality", "state", "address", "telnet_port", "login_fail_delay", "boot_scale", "transcript",
            "http_port", "ftp_port", "ssh_port", "lockout_for", "start_limit");
        string address = power.OptString("address") ?? "127.0.0.2";
        if (!IPAddress.TryParse(address, out IPAddress? ip) || !IPAddress.IsLoopback(ip))
        {
            throw power.Error(power.Get("address") ?? power.Node, $"a virtual device lives on loopback (127.0.0.N), not '{address}'");
        }

        double bootScale = power.OptDouble("boot_scale", 0, 100) ?? 1.0;
        TimeSpan? startLimit = power.OptDuration("start_limit");
        if (startLimit is { } limit && (limit <= TimeSpan.Zero || limit > TimeSpan.FromMinutes(10)))
        {
            throw power.Error(power.Get("start_limit")!, $"start_limit {power.OptString("start_limit")}: give a time above zero and at most 10m");
        }

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
            context.ConsolePath, // the device links its pty where the slot's console looks
            context.Resolve(power.RequireString("state")),
            address,
            power.OptInt("telnet_port", 1, 65535) ?? 2323,
            power.OptDuration("login_fail_delay"),
            bootScale,
            transcript is null ? null : context.Resolve(transcript),
            power.OptInt("http_port", 1, 65535),
            power.OptInt("ftp_port", 1, 65535),
            power.OptDuration("lockout_for"),
            power.OptInt("ssh_port", 1, 65535),
            StartLimit: startLimit);
    }

    public override IPowerSwitch Create(SimPowerOptions options, PowerState safeState) => new SimPowerSwitch(options);

    public override string Describe(SimPowerOptions options) =>
        options.Transcript is { } t ? $"sim replay of {Path.GetFileName(t)}" : $"sim {options.Personality} at {options.Address}";

    /// <summary>A live virtual device listens at its address; a replay has no network.</summary>
    public override string? DeviceAddress(SimPowerOptions options) => options.Transcript is null ? options.Address : null;
}
