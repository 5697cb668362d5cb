using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>A power backend whose options are one type: the descriptor's methods take that type, not object.</summary>
public abstract class PowerBackend<TOptions> : IPowerBackend
    where TOptions : class
{
    public abstract string Name { get; }

    public virtual bool HoldsLine => false;

    public virtual SafeStateReach SafeStateReach => SafeStateReach.Switched;

    object IPowerBackend.Read(YamlMap power, PowerReadContext context) => Read(power, context);

    IPowerSwitch IPowerBackend.Create(object options, PowerState safeState) => Create(Options(options), safeState);

    string IPowerBackend.Describe(object options) => Describe(Options(options));

    string? IPowerBackend.DeviceAddress(object options) => DeviceAddress(Options(options));

    public abstract TOptions Read(YamlMap power, PowerReadContext context);

    public abstract IPowerSwitch Create(TOptions options, PowerState safeState);

    public abstract string Describe(TOptions options);

    public virtual string? DeviceAddress(TOptions options) => null;

    private TOptions Options(object options) =>
        options as TOptions ?? throw new ArgumentException($"power backend '{Name}' cannot use {options.GetType().Name}", nameof(options));
}
