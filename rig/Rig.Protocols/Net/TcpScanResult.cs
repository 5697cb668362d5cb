using System.Net;

namespace Rig.Protocols.Net;

/// <summary>One port that accepted a connection, with what it sent first (at most the banner limit).</summary>
/// <param name="MonoNs">When the connection was accepted (<see cref="Protocols.Monotonic.NowNs"/>).</param>
public sealed record OpenPort(int Port, byte[] Banner, long MonoNs);

/// <summary>What a connect scan found.</summary>
/// <param name="Open">Ports that accepted, in ascending order.</param>
/// <param name="Filtered">Ports that neither accepted nor refused within the connect timeout.</param>
/// <param name="Probed">Ports whose probe finished (all of them unless <see cref="Complete"/> is false).</param>
/// <param name="Complete">False when the total time limit ended the scan early.</param>
public sealed record TcpScanResult(IPAddress Address, IReadOnlyList<OpenPort> Open, IReadOnlyList<int> Filtered, int Probed, bool Complete);
