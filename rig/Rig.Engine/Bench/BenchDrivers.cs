using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>
/// The drivers a bench's slots are opened with: the power backends a bench file may name and the
/// console driver. The program composes them (the CLI's composition root), so the engine sees
/// only protocols and never names a concrete driver.
/// </summary>
/// <param name="Power">The power backends a slot's <c>backend:</c> may name.</param>
/// <param name="Console">Opens a slot's console from its settings.</param>
/// <param name="Meter">Opens a slot's power meter from its settings and the slot's power options (a simulated meter follows a virtual device); null: no meters.</param>
public sealed record BenchDrivers(PowerBackends Power, Func<SerialSettings, IConsole> Console, Func<MeterSettings, object, IPowerMeter>? Meter = null);
