using System.Net;
using Rig.Protocols.Net;

namespace Rig.Tests.NetServices;

/// <summary>The camera's web UI and FTP against the rig's own clients, on loopback.</summary>
public class ServerClientTests
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(5);

    private static Task<HttpAnswer> Get(IPEndPoint ep, string? auth) => HttpProbe.GetAsync(ep, "/", auth, T, T, CancellationToken.None);

    private static async Task<HttpChallenge> Challenge(IPEndPoint ep, string algorithm)
    {
        HttpAnswer a = await Get(ep, null);
        Assert.That(a.Status, Is.EqualTo(401));
        return HttpChallenge.Parse(a.Values("WWW-Authenticate")).Single(c => c.IsDigest && c.Algorithm == algorithm);
    }

    [Test]
    public async Task VulnerableWebUiTakesBasicAdminAdminAndNothingElse()
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-vulnerable");
        HttpAnswer none = await Get(cam.Http, null);
        Assert.That(none.Status, Is.EqualTo(401));
        HttpChallenge basic = HttpChallenge.Parse(none.Values("WWW-Authenticate")).Single();
        Assert.That((basic.IsBasic, basic.Realm), Is.EqualTo((true, "vcam admin")));
        Assert.That((await Get(cam.Http, HttpAuthorization.Basic("admin", "wrong"))).Status, Is.EqualTo(401));
        Assert.That((await Get(cam.Http, HttpAuthorization.Basic("admin", "admin"))).Status, Is.EqualTo(200));
    }

    [TestCase("SHA-256")]
    [TestCase("MD5")]
    public async Task HardenedWebUiTakesDigestWithTheDevicePassword(string algorithm)
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-hardened");
        HttpChallenge c = await Challenge(cam.Http, algorithm);
        Assert.That((await Get(cam.Http, HttpAuthorization.Basic("admin", cam.DevicePassword))).Status, Is.EqualTo(401), "Basic is not offered");
        Assert.That((await Get(cam.Http, HttpAuthorization.Digest(c, "admin", "admin", "GET", "/"))).Status, Is.EqualTo(401));
        c = await Challenge(cam.Http, algorithm);
        Assert.That((await Get(cam.Http, HttpAuthorization.Digest(c, "admin", cam.DevicePassword, "GET", "/"))).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task HardenedWebUiLocksAfterFiveFailuresEvenForTheRightPasswordThenRecovers()
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-hardened", TimeSpan.FromSeconds(1.5));
        for (int i = 0; i < 5; i++)
        {
            HttpChallenge c = await Challenge(cam.Http, "SHA-256");
            Assert.That((await Get(cam.Http, HttpAuthorization.Digest(c, "admin", "guess" + i, "GET", "/"))).Status, Is.EqualTo(401));
        }

        HttpAnswer locked = await Get(cam.Http, null);
        Assert.That(locked.Status, Is.EqualTo(403));
        Assert.That(locked.Values("Retry-After").Single(), Is.EqualTo("2"));
        await Task.Delay(TimeSpan.FromSeconds(1.7));
        HttpChallenge fresh = await Challenge(cam.Http, "SHA-256");
        Assert.That((await Get(cam.Http, HttpAuthorization.Digest(fresh, "admin", cam.DevicePassword, "GET", "/"))).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task PartialWebUiNeverLocks()
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-partial");
        for (int i = 0; i < 12; i++)
        {
            HttpChallenge c = await Challenge(cam.Http, "MD5");
            Assert.That((await Get(cam.Http, HttpAuthorization.Digest(c, "admin", "guess" + i, "GET", "/"))).Status, Is.EqualTo(401));
        }

        HttpChallenge last = await Challenge(cam.Http, "MD5");
        Assert.That((await Get(cam.Http, HttpAuthorization.Digest(last, "admin", cam.DevicePassword, "GET", "/"))).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task VulnerableFtpLetsAnonymousInAndWriteButRefusesOthers()
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-vulnerable");
        await Rig.Tests.VirtualDevice.TestDevice.WaitUntilListeningAsync(cam.Ftp); // FTP starts after the web UI
        (FtpClient ftp, FtpReply greeting) = await FtpClient.ConnectAsync(cam.Ftp, T, T, CancellationToken.None);
        await using (ftp)
        {
            Assert.That(greeting.Code, Is.EqualTo(220));
            Assert.That((await ftp.CommandAsync("USER root", default)).Code, Is.EqualTo(331));
            Assert.That((await ftp.CommandAsync("PASS xc3511", default)).Code, Is.EqualTo(530));
            Assert.That((await ftp.CommandAsync("MKD x", default)).Code, Is.EqualTo(530), "nothing before a login");
            Assert.That((await ftp.CommandAsync("USER anonymous", default)).Code, Is.EqualTo(331));
            Assert.That((await ftp.CommandAsync("PASS lab@example.org", default)).Code, Is.EqualTo(230));
            Assert.That((await ftp.CommandAsync("MKD scratch", default)).Code, Is.EqualTo(257));
            Assert.That(Directory.Exists(Path.Combine(cam.StateDir, "ftp", "scratch")), Is.True, "written to the flash");
            Assert.That((await ftp.CommandAsync("MKD ../escape", default)).Code, Is.EqualTo(553));
            Assert.That((await ftp.CommandAsync("RMD scratch", default)).Code, Is.EqualTo(250));
        }
    }

    [Test]
    public async Task HardenedHasNoFtp()
    {
        await using var cam = await CameraUnderTest.StartAsync("vcam-hardened");
        var e = Assert.ThrowsAsync<ServiceConnectException>(() => FtpClient.ConnectAsync(cam.Ftp, T, T, CancellationToken.None));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.Refused));
        Assert.That(e.Message, Does.Contain(cam.Ftp.ToString()));
    }
}
