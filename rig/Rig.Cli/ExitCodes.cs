namespace Rig.Cli;

/// <summary>What rig's exit status means, for scripts and CI.</summary>
public static class ExitCodes
{
    /// <summary>Every plan passed (or did not apply); a verification held.</summary>
    public const int Ok = 0;

    /// <summary>The device failed a plan, or a result was inconclusive; a verification failed.</summary>
    public const int DeviceFailed = 1;

    /// <summary>Bad input: a file, a flag, a slot name. Nothing was run.</summary>
    public const int BadInput = 2;

    /// <summary>The rig itself failed (a driver, a relay, a console): an error verdict.</summary>
    public const int RigError = 3;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT); the relays were left in their safe state.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15); the relays were left in their safe state. Any other signal: 128 + its number.</summary>
    public const int Terminated = 143;
}
