namespace Rig.Protocols.Net;

/// <summary>How one SSH password attempt ended, as the OpenSSH client saw it.</summary>
public enum SshLoginOutcome
{
    /// <summary>Logged in, and the command's random nonce came back: a shell ran it.</summary>
    Accepted,

    /// <summary>The server refused the password ("Permission denied").</summary>
    Refused,

    /// <summary>The login went through but the nonce did not come back: not proof of a shell.</summary>
    Unproven,

    /// <summary>Nothing accepts connections on the port (refused, unreachable, connect timeout).</summary>
    Unreachable,

    /// <summary>Something answered but no SSH login took place (not SSH, closed or reset during the handshake).</summary>
    NoSsh,

    /// <summary>The attempt ran past its time limit and was killed.</summary>
    TimedOut,
}

/// <summary>
/// One attempt: its outcome, what the server offered, and the session as evidence (the command
/// line and password the rig used, then what the client printed, with its debug chatter cut to the
/// facts a lab needs: the server's version, its host key, the methods it offered).
/// </summary>
public sealed record SshLoginResult(
    SshLoginOutcome Outcome,
    int ExitCode,
    string Detail,
    string? Methods,
    string? ServerVersion,
    IReadOnlyList<TranscriptEntry> Transcript);
