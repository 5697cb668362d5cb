using Rig.Tests.Cli;

namespace Rig.Tests.Hostile;

/// <summary>
/// A manufacturer's profile is untrusted: its paths stay in its folder (symlinks followed), it can
/// never hand the rig a private key or the lab's own key, and an image is read only when a running
/// plan needs it. Each refusal comes before anything is powered, through the real rig executable.
/// </summary>
public class UntrustedProfileTests
{
    private TempDir _dir = null!;

    [SetUp]
    public void Lab()
    {
        _dir = new TempDir();
        Directory.CreateDirectory(_dir["keys"]);
        Directory.CreateDirectory(_dir["maker/firmware"]);
        var (exit, _, stderr) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir["keys/lab.key.pem"], "--public", _dir["keys/lab.pub.pem"]);
        Assert.That(exit, Is.Zero, stderr);
        _dir.Write("bench.yaml", """
            bench: untrusted
            slots:
              cam:
                power: { backend: sim, personality: vcam-vulnerable, address: 127.0.0.57, telnet_port: 32357, state: cam/flash, boot_scale: 0.05 }
                console: { path: cam/console }
                cycle_off: 100ms
            """);
    }

    [TearDown]
    public void Clean() => _dir.Dispose();

    /// <summary>The shipped vulnerable camera's profile in its own folder, with image <c>newer</c> named as <paramref name="newer"/>.</summary>
    private string Profile(string newer)
    {
        string text = TestPaths.ProfileText("vcam-vulnerable").Replace("address: 127.0.0.2", "address: 127.0.0.57", StringComparison.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^(\s+newer:\s*).*$", "${1}" + newer);
        Assert.That(text, Does.Contain("newer: " + newer), "the profile names the image under test");
        return _dir.WriteProfile("maker/profile.yaml", text);
    }

    private (int Exit, string Stdout, string Stderr) Certify(string profile, string plan) =>
        RigProcess.Run(_dir.Path, "certify", "--bench", _dir["bench.yaml"], "--state-root", _dir["state"], "--slot", "cam", "--profile", profile,
            "--plan", plan, "--key", _dir["keys/lab.key.pem"], "--out", _dir["out"]);

    private void AssertRefusedBeforePower(string profile, (int Exit, string Stdout, string Stderr) run, string reason)
    {
        Assert.That(run.Exit, Is.EqualTo(2), run.Stderr);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), run.Stderr);
        Assert.That(lines[0], Does.Match("^" + System.Text.RegularExpressions.Regex.Escape(profile) + @":\d+:\d+: "));
        Assert.That(lines[0], Does.Contain(reason));
        Assert.That(Directory.Exists(_dir["state/cam"]), Is.False, "the device was never powered");
        Assert.That(File.Exists(_dir["out/journal.jsonl"]), Is.False, "no run was started");
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("BEGIN PRIVATE KEY"));
    }

    [Test]
    public void TheLabKeyByItsAbsolutePathIsOutsideTheProfilesFolder()
    {
        string profile = Profile(_dir["keys/lab.key.pem"]);
        AssertRefusedBeforePower(profile, Certify(profile, "UPD-01"), "outside the profile's folder");
    }

    [Test]
    public void TheLabKeyInsideTheProfilesFolderIsRefusedAsTheLabKey()
    {
        File.Move(_dir["keys/lab.key.pem"], _dir["maker/lab.key.pem"]);
        string profile = Profile("lab.key.pem");
        var run = RigProcess.Run(_dir.Path, "certify", "--bench", _dir["bench.yaml"], "--state-root", _dir["state"], "--slot", "cam", "--profile", profile,
            "--plan", "UPD-01", "--key", _dir["maker/lab.key.pem"], "--out", _dir["out"]);
        AssertRefusedBeforePower(profile, run, "is the lab's signing key");
    }

    [Test]
    public void AnotherPrivateKeyInsideTheProfilesFolderIsRefused()
    {
        File.Copy(Path.Combine(TestPaths.Firmware, "demo-manufacturer.key.pem"), _dir["maker/firmware/signing.pem"]);
        string profile = Profile("firmware/signing.pem");
        AssertRefusedBeforePower(profile, Certify(profile, "UPD-01"), "holds a private key");
    }

    [Test]
    public void DotDotOutOfTheProfilesFolderIsRefused()
    {
        string profile = Profile("../keys/lab.key.pem");
        AssertRefusedBeforePower(profile, Certify(profile, "UPD-01"), "outside the profile's folder");
    }

    [Test]
    public void ASymlinkOutOfTheProfilesFolderIsRefused()
    {
        File.CreateSymbolicLink(_dir["maker/firmware/newer.img"], _dir["keys/lab.key.pem"]);
        string profile = Profile("firmware/newer.img");
        AssertRefusedBeforePower(profile, Certify(profile, "UPD-01"), "outside the profile's folder");
    }

    [Test]
    public void AnImageNoRunningPlanNeedsIsNeitherReadNorAttested()
    {
        File.Copy(Path.Combine(TestPaths.Firmware, "demo-manufacturer.key.pem"), _dir["maker/secret.pem"]);
        string profile = Profile("secret.pem");

        var (exit, stdout, stderr) = Certify(profile, "UART-01");

        Assert.That(exit, Is.EqualTo(1), stderr); // the vulnerable camera fails UART-01: the run happened
        Assert.That(stdout, Does.Contain("UART-01  FAIL"));
        string keyBody = File.ReadAllLines(_dir["maker/secret.pem"])[1]; // the vulnerable camera prints a key of its own at boot; this one must not appear
        string[] written = Directory.EnumerateFiles(_dir["out"], "*", SearchOption.AllDirectories).ToArray();
        Assert.That(written.Select(Path.GetFileName), Has.None.EqualTo("secret.pem").And.None.EndsWith(".img"));
        foreach (string f in written)
        {
            string text = File.ReadAllText(f);
            Assert.That(text, Does.Not.Contain("secret.pem").And.Not.Contain(keyBody), f);
        }
    }
}
