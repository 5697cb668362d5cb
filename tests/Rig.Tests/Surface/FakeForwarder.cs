using System.Net;
using System.Net.Sockets;
using Rig.Engine.Engine;
using Rig.Tests.Support;

namespace Rig.Tests.Surface;

/// <summary>
/// A loopback port that accepts like a port forwarder with nothing behind it: it closes each
/// connection at once with no byte (QEMU user networking when the guest's service is gone), or,
/// when <paramref name="silent"/>, holds it open and says nothing (a forwarder still waiting on
/// the device). Stops accepting and closes what it holds when disposed.
/// </summary>
internal sealed class FakeForwarder : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;
    private volatile bool _stopping;

    public FakeForwarder(IPAddress address, int port, bool silent)
    {
        _listener = new TcpListener(address, port);
        _listener.Start();
        _accepting = AcceptAsync(silent);
    }

    /// <summary>
    /// Runs the shipped <paramref name="plan"/> on the hardened camera (no telnet, no risky port) at
    /// <paramref name="address"/> with a forwarder on <paramref name="port"/> beside it; returns the
    /// outcome and how many connections the forwarder accepted.
    /// </summary>
    public static async Task<(PlanOutcome Outcome, int Accepted)> CertifyBesideAsync(string plan, string address, int port, bool silent)
    {
        using var bench = new LiveBench();
        using var forwarder = new FakeForwarder(IPAddress.Parse(address), port, silent);
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("vcam-hardened", address, 0.2, plan);
        return (outcomes.Single(), forwarder.Accepted);
    }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    private async Task AcceptAsync(bool silent)
    {
        try
        {
            while (true)
            {
                Socket s = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                lock (_held)
                {
                    Accepted++;
                    if (silent)
                    {
                        _held.Add(s);
                        continue;
                    }
                }

                s.Dispose(); // FIN with no byte: the guest refused, the forwarder gives up
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException || (_stopping && e is InvalidOperationException))
        {
            // stopped (between two accepts, Stop leaves the next one "not listening")
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(5));
        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }
    }
}
