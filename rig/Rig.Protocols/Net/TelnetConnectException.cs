using System.Net;

namespace Rig.Protocols.Net;

/// <summary>Why a TCP connection to a device's service could not be made.</summary>
public enum ConnectFailure
{
    /// <summary>The device answered with a reset: nothing listens on that port.</summary>
    Refused,

    /// <summary>No answer within the timeout: filtered, or the device is down.</summary>
    TimedOut,

    /// <summary>No route to the address.</summary>
    Unreachable,

    /// <summary>Any other socket error; the message names it.</summary>
    Failed,
}

/// <summary>A connection attempt failed; <see cref="Failure"/> tells refused from timed out.</summary>
public sealed class TelnetConnectException(IPEndPoint endpoint, ConnectFailure failure, string reason, Exception? inner = null)
    : IOException($"telnet {endpoint}: {Describe(failure)} ({reason})", inner)
{
    public IPEndPoint Endpoint { get; } = endpoint;

    public ConnectFailure Failure { get; } = failure;

    private static string Describe(ConnectFailure f) => f switch
    {
        ConnectFailure.Refused => "connection refused",
        ConnectFailure.TimedOut => "connection timed out",
        ConnectFailure.Unreachable => "address unreachable",
        _ => "connection failed",
    };
}

/// <summary>Thrown when sending on a session the device (or the rig) has closed.</summary>
public sealed class TelnetClosedException(string message, Exception? inner = null) : IOException(message, inner);
