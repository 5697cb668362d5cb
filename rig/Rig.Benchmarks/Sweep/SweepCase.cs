using System.Globalization;
using Rig.Engine.Actions;

namespace Rig.Benchmarks.Sweep;

/// <summary>What every tool sweeps: the pairs in list order, the one pair the device accepts, its pause after a failure.</summary>
/// <param name="Truth">The pair the device accepts; it sits late in the list so that the sweep has to work for it.</param>
internal sealed record SweepCase(IReadOnlyList<(string User, string Password)> Pairs, (string User, string Password) Truth, TimeSpan FailPause, bool Quick)
{
    /// <summary>
    /// tech:tech, pair 61 of 62: late in every tool's order. medusa takes the list user by user
    /// (root's 32 pairs first), and tech is its second-last user, so it cannot reach it early either.
    /// </summary>
    private const int FullTruth = 60;

    /// <summary>Quick: the first 11 pairs, with support:support, the last user's only pair, last in both orders; and a short pause.</summary>
    private const int QuickCount = 11;

    /// <summary>The bench's login_fail_delay: busybox login pauses about 3 s after a failed login.</summary>
    private static readonly TimeSpan RealisticPause = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan QuickPause = TimeSpan.FromSeconds(0.2);

    public static SweepCase Load(string miraiList, bool quick)
    {
        WordList list = WordList.Load(miraiList, Path.GetFileName(miraiList));
        if (quick)
        {
            var pairs = list.Pairs.Take(QuickCount).ToList();
            return new SweepCase(pairs, pairs[^1], QuickPause, Quick: true);
        }

        return new SweepCase(list.Pairs, list.Pairs[FullTruth], RealisticPause, Quick: false);
    }

    public int TruthPlace => Pairs.ToList().IndexOf(Truth) + 1;

    public string TruthText => Text(Truth);

    /// <summary>What the table says of the case, e.g. "Mirai sweep (62 pairs, P=4)".</summary>
    public string Title(int parallel) => $"Mirai sweep ({Pairs.Count} pairs, P={parallel})";

    /// <summary>Said beside each tool's answer in quick mode, where the case is not the real one.</summary>
    public string? QuickNote => Quick
        ? $"quick: first {Pairs.Count} pairs, {FailPause.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s pause"
        : null;

    public static string Text((string User, string Password) pair) => $"{pair.User}:{pair.Password}";
}
