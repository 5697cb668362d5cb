using Rig.Engine.Actions;

namespace Rig.Engine.Plans;

/// <summary>The action kinds a plan may use, looked up by name; the one table a new action is added to.</summary>
public sealed class ActionKinds
{
    /// <summary>The actions the rig ships with.</summary>
    public static readonly ActionKinds Builtin = new(
    [
        new PowerActionKind(),
        new SendActionKind(),
        new CredentialsActionKind(),
        new HttpCredentialsActionKind(),
        new FtpCredentialsActionKind(),
        new SshCredentialsActionKind(),
        new BruteForceActionKind(),
        new ConsoleLoginActionKind(),
        new ScanActionKind(),
        new PresenceActionKind(),
        new SecretsActionKind(),
        new InventoryActionKind(),
        new InterruptActionKind(),
        new MitigateActionKind(),
        new UpdateActionKind(),
        new ReflashActionKind(),
        new PowerCutActionKind(),
    ]);

    private readonly Dictionary<string, IActionKind> _byName = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">Two kinds with one name.</exception>
    public ActionKinds(IEnumerable<IActionKind> kinds)
    {
        foreach (IActionKind kind in kinds)
        {
            if (!_byName.TryAdd(kind.Name, kind))
            {
                throw new ArgumentException($"two action kinds are named '{kind.Name}'", nameof(kinds));
            }
        }
    }

    /// <summary>The names, in the table's order.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    public IActionKind? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A table with <paramref name="more"/> added to these kinds.</summary>
    public ActionKinds With(params IActionKind[] more) => new(_byName.Values.Concat(more));
}
