using System.Net;
using System.Net.Sockets;
using Rig.Protocols.Net;

namespace Rig.Tests.Surface;

public class HostListenersTests
{
    [Test]
    public void WildcardListenersAreTheHostsAndAddressedOnesAreNot()
    {
        using var any = new TcpListener(IPAddress.Any, 0);
        using var one = new TcpListener(IPAddress.Parse("127.0.0.77"), 0);
        any.Start();
        one.Start();
        IReadOnlySet<int> host = HostListeners.WildcardPorts();
        Assert.That(host, Does.Contain(((IPEndPoint)any.LocalEndpoint).Port));
        Assert.That(host, Does.Not.Contain(((IPEndPoint)one.LocalEndpoint).Port), "a device's own address-bound listener is not the host's");
    }
}
