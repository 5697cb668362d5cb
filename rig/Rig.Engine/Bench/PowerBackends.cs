using Rig.Engine.Config;

namespace Rig.Engine.Bench;

/// <summary>The power backends a bench file may name: a table of descriptors, looked up by name.</summary>
public sealed class PowerBackends
{
    private readonly Dictionary<string, IPowerBackend> _byName = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">Two backends with one name.</exception>
    public PowerBackends(IEnumerable<IPowerBackend> backends)
    {
        foreach (IPowerBackend backend in backends)
        {
            if (!_byName.TryAdd(backend.Name, backend))
            {
                throw new ArgumentException($"two power backends are named '{backend.Name}'", nameof(backends));
            }
        }
    }

    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>A table with <paramref name="more"/> added to these backends.</summary>
    public PowerBackends With(params IPowerBackend[] more) => new(_byName.Values.Concat(more));

    /// <summary>The backend a slot's <c>power:</c> mapping names in <c>backend:</c>; an unknown name is an error at its position.</summary>
    public IPowerBackend For(YamlMap power)
    {
        string name = power.RequireString("backend");
        if (_byName.TryGetValue(name, out IPowerBackend? backend))
        {
            return backend;
        }

        string[] names = [.. _byName.Keys];
        string expected = names.Length < 2 ? string.Join(string.Empty, names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        throw power.Error(power.Get("backend")!, $"unknown power backend '{name}' (expected {expected})");
    }
}
