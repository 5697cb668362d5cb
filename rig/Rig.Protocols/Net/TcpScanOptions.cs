namespace Rig.Protocols.Net;

/// <summary>How a TCP connect scan behaves: bounded concurrency, short waits, a total time limit.</summary>
public sealed record TcpScanOptions
{
    /// <summary>Connections in flight at once; a small device's stack drops SYNs beyond a few hundred.</summary>
    public int Concurrency { get; init; } = 256;

    /// <summary>Longest wait for one connect; no answer in this time counts as filtered.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an open port may take to send its first bytes (the banner).</summary>
    public TimeSpan BannerWait { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At most this many banner bytes are kept per port: the device may send anything, forever.</summary>
    public int BannerLimit { get; init; } = 256;

    /// <summary>The whole scan stops after this; the result then says it is incomplete.</summary>
    public TimeSpan TotalLimit { get; init; } = TimeSpan.FromMinutes(5);
}
