using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Config;

/// <summary>Typed, position-aware access to one YAML mapping. Unknown keys are errors, not silently ignored.</summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public YamlMap(string file, YamlMappingNode node)
    {
        File = file;
        Node = node;
        foreach (var (k, v) in node.Children)
        {
            if (k is not YamlScalarNode key || key.Value is null)
            {
                throw Error(k, "keys must be plain names");
            }

            if (!_entries.TryAdd(key.Value, (key, v)))
            {
                throw Error(k, $"duplicate key '{key.Value}'");
            }
        }
    }

    public string File { get; }

    public YamlMappingNode Node { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    public bool Has(string key) => _entries.ContainsKey(key);

    public ConfigException Error(YamlNode at, string message) =>
        new(File, (int)at.Start.Line, (int)at.Start.Column, message);

    public ConfigException Error(string message) => Error(Node, message);

    /// <summary>The node of a key's value, or null.</summary>
    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>The key node itself (for errors about the key).</summary>
    public YamlNode KeyNode(string key) => _entries[key].Key;

    /// <summary>Rejects keys that are not in <paramref name="known"/>: a typo must not silently change a test.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var (name, e) in _entries)
        {
            if (Array.IndexOf(known, name) < 0)
            {
                throw Error(e.Key, $"unknown key '{name}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public string RequireString(string key)
    {
        return OptString(key) ?? throw Error($"missing required key '{key}'");
    }

    public string? OptString(string key)
    {
        YamlNode? n = Get(key);
        if (n is null)
        {
            return null;
        }

        if (n is not YamlScalarNode s || s.Value is null)
        {
            throw Error(n, $"'{key}' must be a single value");
        }

        return s.Value;
    }

    public int? OptInt(string key, int min, int max)
    {
        string? s = OptString(key);
        if (s is null)
        {
            return null;
        }

        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            throw Error(Get(key)!, $"'{key}' must be a whole number from {min} to {max}, not '{s}'");
        }

        return v;
    }

    /// <summary>A finite decimal number in [min, max]: NaN, infinities and hex are refused where they are read.</summary>
    public double? OptDouble(string key, double min, double max)
    {
        string? s = OptString(key);
        if (s is null)
        {
            return null;
        }

        if (!double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v)
            || !double.IsFinite(v) || v < min || v > max)
        {
            throw Error(Get(key)!, $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{s}'");
        }

        return v;
    }

    public bool? OptBool(string key)
    {
        string? s = OptString(key);
        return s switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(Get(key)!, $"'{key}' must be true or false, not '{s}'"),
        };
    }

    public TimeSpan? OptDuration(string key)
    {
        string? s = OptString(key);
        if (s is null)
        {
            return null;
        }

        return Duration.TryParse(s, out TimeSpan d)
            ? d
            : throw Error(Get(key)!, $"'{key}': bad duration '{s}' (use e.g. 500ms, 90s, 5m, 1h)");
    }

    public YamlMap? OptMap(string key)
    {
        YamlNode? n = Get(key);
        return n switch
        {
            null => null,
            YamlMappingNode m => new YamlMap(File, m),
            _ => throw Error(n, $"'{key}' must be a mapping (key: value)"),
        };
    }

    public YamlMap RequireMap(string key) => OptMap(key) ?? throw Error($"missing required key '{key}'");

    public YamlSequenceNode? OptSequence(string key)
    {
        YamlNode? n = Get(key);
        return n switch
        {
            null => null,
            YamlSequenceNode s => s,
            _ => throw Error(n, $"'{key}' must be a list"),
        };
    }

    /// <summary>A list of plain strings; a single string is accepted as a one-item list.</summary>
    public IReadOnlyList<string> OptStringList(string key)
    {
        YamlNode? n = Get(key);
        if (n is null)
        {
            return [];
        }

        if (n is YamlScalarNode one && one.Value is not null)
        {
            return [one.Value];
        }

        var list = new List<string>();
        foreach (YamlNode item in OptSequence(key)!)
        {
            if (item is not YamlScalarNode s || s.Value is null)
            {
                throw Error(item, $"'{key}' must be a list of plain values");
            }

            list.Add(s.Value);
        }

        return list;
    }
}
