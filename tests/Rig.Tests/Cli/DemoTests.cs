using Rig.Engine.Journal;

namespace Rig.Tests.Cli;

/// <summary>README's first command: both virtual devices certified at once, reports that a stranger can verify with openssl.</summary>
public class DemoTests
{
    private static TempDir _dir = null!;
    private static (int Exit, string Stdout, string Stderr) _demo;

    private static string Out => _dir["demo"];

    [OneTimeSetUp]
    public static void RunDemo()
    {
        _dir = new TempDir();
        _demo = RigProcess.Run(_dir.Path, "demo", "--out", Out);
    }

    [OneTimeTearDown]
    public static void Clean() => _dir.Dispose();

    [Test]
    public void DemoSucceeds() => Assert.That(_demo.Exit, Is.EqualTo(0), _demo.Stderr);

    [Test]
    public void VulnerableCameraFailsBothPlansNamingTheCredential()
    {
        Dictionary<string, (string Verdict, string Reason)> v = Verdicts("vcam-vulnerable");
        Assert.That(v["CRED-01"].Verdict, Is.EqualTo("fail"));
        Assert.That(v["CRED-01"].Reason, Does.Contain("root:xc3511"));
        Assert.That(v["UART-01"].Verdict, Is.EqualTo("fail"));
        Assert.That(v["UART-01"].Reason, Does.Contain("uid=0(root)"));
        string html = File.ReadAllText(Path.Combine(Out, "vcam-vulnerable", "report.html"));
        Assert.That(html, Does.Contain("root:xc3511"));
        Assert.That(html, Does.Contain("echo"), "the login transcript is in the evidence");
    }

    [Test]
    public void HardenedCameraPassesBothPlans()
    {
        Dictionary<string, (string Verdict, string Reason)> v = Verdicts("vcam-hardened");
        Assert.That(v["CRED-01"].Verdict, Is.EqualTo("pass"));
        Assert.That(v["UART-01"].Verdict, Is.EqualTo("pass"));
    }

    [Test]
    public void TheTwoSlotsKeepSeparateConsoles()
    {
        string vulnerable = File.ReadAllText(Path.Combine(Out, "vcam-vulnerable", "console.raw"));
        string hardened = File.ReadAllText(Path.Combine(Out, "vcam-hardened", "console.raw"));
        Assert.That(vulnerable, Does.Contain("BusyBox").And.Not.Contain("vcam login:"));
        Assert.That(hardened, Does.Contain("vcam login:").And.Not.Contain("built-in shell"));
    }

    [TestCase("slot1", "vcam-vulnerable")]
    [TestCase("slot2", "vcam-hardened")]
    public void EachDeviceAloneGetsTheVerdictsItGotAlongsideTheOther(string slot, string device)
    {
        var (made, _, _) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir[slot + ".key"], "--public", _dir[slot + ".pub"]);
        Assert.That(made, Is.EqualTo(0));
        string alone = _dir[slot + "-alone"];
        RigProcess.Run(_dir.Path, "certify", "--slot", slot, "--profile", device, "--key", _dir[slot + ".key"], "--out", alone, "--state-root", _dir[slot + "-bench"]);
        Assert.That(Verdicts(alone, string.Empty).ToDictionary(kv => kv.Key, kv => kv.Value.Item1), Is.EqualTo(Verdicts(device).ToDictionary(kv => kv.Key, kv => kv.Value.Item1)));
    }

    [TestCase("vcam-vulnerable")]
    [TestCase("vcam-hardened")]
    public void OpensslVerifiesTheSignature(string device)
    {
        string report = Path.Combine(Out, device, "report.html");
        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(Out, "lab.pub.pem"), "-signature", report + ".sig", report);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.StdoutText, Does.Contain("Verified OK"));
    }

    [Test]
    public void FlippingAnyByteBreaksOpensslAndRigVerify([Values(0, 1000, -1)] int position)
    {
        using var copy = new TempDir();
        string report = copy["report.html"];
        File.Copy(Path.Combine(Out, "vcam-vulnerable", "report.html"), report);
        File.Copy(Path.Combine(Out, "vcam-vulnerable", "report.html.sig"), report + ".sig");
        byte[] bytes = File.ReadAllBytes(report);
        int at = position < 0 ? bytes.Length - 1 : position;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(report, bytes);

        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(Out, "lab.pub.pem"), "-signature", report + ".sig", report);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        var (exit, stdout, _) = RigProcess.Run(copy.Path, "verify", report, "--key", Path.Combine(Out, "lab.pub.pem"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("FAIL  signature"));
    }

    [Test]
    public void RigVerifyAcceptsTheUntouchedReport()
    {
        var (exit, stdout, _) = RigProcess.Run(_dir.Path, "verify", Path.Combine(Out, "vcam-hardened"), "--key", Path.Combine(Out, "lab.pub.pem"));
        Assert.That(exit, Is.EqualTo(0), stdout);
        Assert.That(stdout, Does.Not.Contain("FAIL"));
    }

    [Test]
    public void NoVirtualDeviceIsLeftRunning()
    {
        foreach (string slot in new[] { "slot1", "slot2" })
        {
            Assert.That(Rig.Drivers.Power.VirtualDeviceProcess.FindRunning(Path.Combine(Out, "bench", slot, "flash")), Is.Null, slot);
        }
    }

    private static Dictionary<string, (string, string)> Verdicts(string device) => Verdicts(Out, device);

    private static Dictionary<string, (string, string)> Verdicts(string root, string device) =>
        JournalReader.ReadAll(Path.Combine(root, device, "journal.jsonl"), out _)
            .Where(e => e.GetProperty("ev").GetString() == "verdict")
            .ToDictionary(e => e.GetProperty("plan").GetString()!, e => (e.GetProperty("verdict").GetString()!, e.GetProperty("reason").GetString()!));
}
