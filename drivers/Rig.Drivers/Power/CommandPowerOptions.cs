namespace Rig.Drivers.Power;

/// <summary>Power through shell commands (like labgrid's external power driver): a smart plug's CLI, a PDU script.</summary>
/// <param name="On">Run with /bin/sh -c to switch on; non-zero exit is a rig fault.</param>
/// <param name="Off">Run with /bin/sh -c to switch off.</param>
/// <param name="State">Optional; prints "on" or "off" (exit 0). Without it the state is what was last set, or Unknown.</param>
/// <param name="Timeout">How long one command may run before it is killed and reported.</param>
/// <param name="Cycle">Optional; the device's own cycle (a PDU's "reboot outlet"), used instead of off, wait, on. It keeps its own off-time.</param>
public sealed record CommandPowerOptions(string On, string Off, string? State = null, TimeSpan? Timeout = null, string? Cycle = null);
