using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>What a credential sweep of one telnet port found.</summary>
/// <param name="Answered">False when nothing listened on the port, or it accepted connections but judged no pair (closed or silent before a verdict).</param>
/// <param name="Hit">The pair that gave a proven shell, if one did.</param>
/// <param name="Tried">Pairs the device judged, the winning one included.</param>
/// <param name="Last">The last judged attempt, whose transcript is the evidence when no pair worked.</param>
/// <param name="Attempts">Every judged attempt in the order the device judged them: the sweep's evidence of what was tried.</param>
public sealed record TelnetSweepResult(bool Answered, TelnetSweepHit? Hit, int Tried, TelnetLoginResult? Last, IReadOnlyList<TelnetSweepAttempt>? Attempts = null)
{
    public static readonly TelnetSweepResult Closed = new(false, null, 0, null);

    /// <summary>Not answered, but a connection was accepted and stayed silent: proof of neither a telnet login nor its absence.</summary>
    public bool Silent { get; init; }

    /// <summary>One line per judged attempt, e.g. "pair 3 root:vizxv: Rejected (Login incorrect)".</summary>
    public IReadOnlyList<(long MonoNs, string Line)> AttemptLog() =>
        (Attempts ?? []).Select(a => (a.MonoNs, $"pair {a.Index + 1} {Shown(a.User)}:{a.Password}: {a.Outcome} ({a.Detail})")).ToList();

    private static string Shown(string user) => user.Length == 0 ? "(empty user)" : user;
}

/// <summary>One judged attempt of a sweep: when it was judged, its place in the list (from 0), the pair and what the device did.</summary>
public sealed record TelnetSweepAttempt(long MonoNs, int Index, string User, string Password, TelnetLoginOutcome Outcome, string Detail);

/// <summary>The pair that worked: its place in the list and the attempt whose transcript proves it.</summary>
/// <param name="Index">Its place in the list, from 0.</param>
public sealed record TelnetSweepHit(int Index, string User, string Password, TelnetLoginResult Login);
