namespace Rig.Protocols.Net;

/// <summary>What one telnet login attempt showed.</summary>
public enum TelnetLoginOutcome
{
    /// <summary>The credentials gave a shell, proven by a nonce that the shell echoed back.</summary>
    Accepted,

    /// <summary>The device gave a shell without asking for credentials (nonce proven).</summary>
    AcceptedWithoutLogin,

    /// <summary>The device refused the credentials ("Login incorrect" or a new prompt).</summary>
    Rejected,

    /// <summary>The device closed the connection before a verdict.</summary>
    Closed,

    /// <summary>No login, password or shell prompt appeared.</summary>
    NoPrompt,

    /// <summary>Neither a refusal nor a proven shell: a prompt-like answer that did not run the echo, or silence.</summary>
    Unconfirmed,

    /// <summary>Nothing listens on the port (endpoint overload only).</summary>
    Refused,

    /// <summary>The connection timed out or the address is unreachable (endpoint overload only).</summary>
    Unreachable,
}

/// <summary>An attempt's outcome, a one-line reason, the nonce proof if any, and the session transcript as evidence.</summary>
/// <param name="Proof">The line the shell printed for the nonce command, when the shell was proven.</param>
public sealed record TelnetLoginResult(
    TelnetLoginOutcome Outcome,
    string Detail,
    string? Proof,
    IReadOnlyList<TranscriptEntry> Transcript)
{
    /// <summary>True for <see cref="TelnetLoginOutcome.Accepted"/> and <see cref="TelnetLoginOutcome.AcceptedWithoutLogin"/>.</summary>
    public bool GotShell => Outcome is TelnetLoginOutcome.Accepted or TelnetLoginOutcome.AcceptedWithoutLogin;
}
