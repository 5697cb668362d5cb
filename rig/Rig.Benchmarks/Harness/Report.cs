using System.Globalization;

namespace Rig.Benchmarks.Harness;

/// <summary>A protocol line's key=value fields, e.g. "done cpu_us=120000 hwm_kb=5192".</summary>
internal sealed class Report(string line)
{
    private readonly Dictionary<string, string> _fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(token => token.Split('=', 2))
        .Where(kv => kv.Length == 2)
        .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);

    public string Line { get; } = line;

    public long Long(string key) =>
        _fields.TryGetValue(key, out string? v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new InvalidDataException($"no {key}= in \"{Line}\"");

    public string? Text(string key) => _fields.GetValueOrDefault(key);
}
