using Rig.Engine.Bench;

namespace Rig.Cli.Composition.Backends;

/// <summary>
/// The power backends the rig ships with: the one table a new backend is added to. This folder
/// names concrete drivers (the CLI is the composition root); the engine sees only <see cref="IPowerBackend"/>.
/// </summary>
public static class BuiltinPowerBackends
{
    public static readonly PowerBackends Table = new(
    [
        new GpioBackend(),
        new CommandBackend(),
        new SimBackend(),
    ]);
}
