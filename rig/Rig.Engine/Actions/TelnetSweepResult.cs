using Rig.Drivers.Net;

namespace Rig.Engine.Actions;

/// <summary>What a credential sweep of one telnet port found.</summary>
/// <param name="Answered">False when nothing listened on the port.</param>
/// <param name="Hit">The pair that gave a proven shell, if one did.</param>
/// <param name="Tried">Pairs the device judged, the winning one included.</param>
/// <param name="Last">The last judged attempt, whose transcript is the evidence when no pair worked.</param>
public sealed record TelnetSweepResult(bool Answered, TelnetSweepHit? Hit, int Tried, TelnetLoginResult? Last)
{
    public static readonly TelnetSweepResult Closed = new(false, null, 0, null);
}

/// <summary>The pair that worked: its place in the list and the attempt whose transcript proves it.</summary>
/// <param name="Index">Its place in the list, from 0.</param>
public sealed record TelnetSweepHit(int Index, string User, string Password, TelnetLoginResult Login);
