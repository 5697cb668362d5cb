using System.Net;
using System.Text.RegularExpressions;

namespace Rig.Benchmarks.Sweep;

/// <summary>A peer credential sweeper (hydra, medusa): how to call it on the case and how to read what it claims.</summary>
/// <param name="Tool">Its name in the table, also the program looked up on the PATH.</param>
/// <param name="Found">Matches one "found" line of its output: group 1 the user, group 2 the password.</param>
/// <param name="Combo">One line of its combo file for a pair.</param>
/// <param name="Options">Its arguments: the combo file, the device's telnet, the sessions at once.</param>
internal sealed record SweepPeer(
    string Tool,
    Regex Found,
    Func<(string User, string Password), string> Combo,
    Func<string, IPEndPoint, int, IReadOnlyList<string>> Options)
{
    /// <summary>Writes the combo file (the case's pairs in list order) into <paramref name="folder"/> and returns the arguments.</summary>
    public IReadOnlyList<string> Arguments(string folder, SweepCase sweep, IPEndPoint telnet, int parallel)
    {
        string combo = Path.Combine(folder, Tool + "-combo.txt");
        File.WriteAllLines(combo, sweep.Pairs.Select(Combo));
        return Options(combo, telnet, parallel);
    }

    /// <summary>Every pair the tool's output reports as working.</summary>
    public IReadOnlyList<(string User, string Password)> Claims(string output) =>
        Found.Matches(output).Select(m => (m.Groups[1].Value, m.Groups[2].Value.TrimEnd())).ToList();
}
