using System.Globalization;

namespace Rig.Engine.Actions;

/// <summary>The results every credential sweep ends with, and the variables they carry, in one shape for all services.</summary>
internal static class SweepResults
{
    /// <summary>found: the pair that got in, where, after how many tries, and the service's own facts.</summary>
    public static ActionResult Found(string user, string password, int port, int tried, IReadOnlyList<int> answered, params (string Name, string Value)[] extra) =>
        With("found", extra, ("user", user), ("password", password), ("port", Num(port)), ("tried", Num(tried)), ("ports", string.Join(", ", answered)));

    /// <summary>none: the service answered and refused every pair.</summary>
    public static ActionResult None(int tried, IReadOnlyList<int> answered, params (string Name, string Value)[] extra) =>
        With("none", extra, ("tried", Num(tried)), ("ports", string.Join(", ", answered)));

    /// <summary>closed: nothing answered on any of the ports tried.</summary>
    public static ActionResult Closed(IEnumerable<int> tried) =>
        With("closed", [], ("ports", string.Join(", ", tried)));

    private static ActionResult With(string name, (string Name, string Value)[] extra, params (string Name, string Value)[] common)
    {
        var variables = new Dictionary<string, string>();
        foreach ((string key, string value) in common.Concat(extra))
        {
            variables[key] = value;
        }

        return new ActionResult(name, variables);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
