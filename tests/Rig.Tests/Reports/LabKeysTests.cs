using System.Runtime.Versioning;
using System.Security.Cryptography;
using Rig.Reports;
using Rig.Reports.Signing;

namespace Rig.Tests.Reports;

[UnsupportedOSPlatform("windows")] // key files rely on Unix modes
public class LabKeysTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public void NewWritesAnOwnerOnlyPkcs8KeyAndAPublicKey()
    {
        using var dir = new TempDir();
        using LabKey key = LabKeys.New(dir.File("lab.key.pem"), dir.File("lab.pub.pem"));

        Assert.That(File.GetUnixFileMode(dir.File("lab.key.pem")), Is.EqualTo(OwnerOnly));
        Assert.That(File.ReadAllText(dir.File("lab.key.pem")), Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
        Assert.That(File.ReadAllText(dir.File("lab.pub.pem")), Does.StartWith("-----BEGIN PUBLIC KEY-----\n"));
        Assert.That(key.Fingerprint, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(key.ToString(), Does.Contain(key.Fingerprint).And.Not.Contain("PRIVATE"));
    }

    [Test]
    public void NewRefusesToOverwriteEitherFile()
    {
        using var dir = new TempDir();
        using (LabKeys.New(dir.File("lab.key.pem"), dir.File("lab.pub.pem"))) { }
        string before = File.ReadAllText(dir.File("lab.key.pem"));

        var e = Assert.Throws<LabKeyException>(() => LabKeys.New(dir.File("lab.key.pem"), dir.File("other.pub.pem")));
        Assert.That(e!.Message, Is.EqualTo($"{dir.File("lab.key.pem")} already exists; refusing to overwrite a key"));
        e = Assert.Throws<LabKeyException>(() => LabKeys.New(dir.File("other.key.pem"), dir.File("lab.pub.pem")));
        Assert.That(e!.Message, Is.EqualTo($"{dir.File("lab.pub.pem")} already exists; refusing to overwrite a key"));

        Assert.That(File.ReadAllText(dir.File("lab.key.pem")), Is.EqualTo(before));
        Assert.That(File.Exists(dir.File("other.key.pem")), Is.False);
    }

    [Test]
    public void TheFingerprintIsOpensslsSpkiDigest()
    {
        using var dir = new TempDir();
        using LabKey key = LabKeys.New(dir.File("lab.key.pem"), dir.File("lab.pub.pem"));

        OpenSsl.Result der = OpenSsl.Run("pkey", "-pubin", "-in", dir.File("lab.pub.pem"), "-outform", "DER");

        Assert.That(der.ExitCode, Is.Zero, der.Stderr);
        Assert.That(key.Fingerprint, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(der.Stdout))));
        using ECDsa pub = LabKeys.LoadPublic(dir.File("lab.pub.pem"));
        Assert.That(LabKeys.Fingerprint(pub), Is.EqualTo(key.Fingerprint));
    }

    [TestCase(UnixFileMode.GroupRead | UnixFileMode.OtherRead, "readable by group and others (mode 0644)")]
    [TestCase(UnixFileMode.OtherRead, "readable by others (mode 0604)")]
    [TestCase(UnixFileMode.GroupRead | UnixFileMode.GroupWrite, "readable and writable by group (mode 0660)")]
    [TestCase(UnixFileMode.OtherWrite, "writable by others (mode 0602)")]
    public void AKeyFileOthersCanReachIsRefused(UnixFileMode extra, string complaint)
    {
        using var dir = new TempDir();
        string path = dir.File("lab.key.pem");
        using (LabKeys.New(path, dir.File("lab.pub.pem"))) { }
        File.SetUnixFileMode(path, OwnerOnly | extra);

        var e = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(path));
        Assert.That(e!.Message, Is.EqualTo($"{path} is {complaint}; chmod 600 it"));

        File.SetUnixFileMode(path, OwnerOnly);
        using LabKey key = LabKeys.LoadPrivate(path);
        Assert.That(key.Path, Is.EqualTo(path));
    }

    [Test]
    public void AnEncryptedKeyNeedsItsPassphraseAndOpensInOpenssl()
    {
        const string Passphrase = "correct horse battery staple";
        using var dir = new TempDir();
        string path = dir.File("lab.key.pem");
        string fingerprint;
        using (LabKey created = LabKeys.New(path, dir.File("lab.pub.pem"), Passphrase))
        {
            fingerprint = created.Fingerprint;
        }

        Assert.That(File.ReadAllText(path), Does.StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerOnly));

        var missing = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(path));
        Assert.That(missing!.Message, Is.EqualTo($"{path} is encrypted; its passphrase is needed"));
        var wrong = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(path, "wrong"));
        Assert.That(wrong!.Message, Is.EqualTo($"{path}: wrong passphrase, or the key file is damaged"));

        using (LabKey loaded = LabKeys.LoadPrivate(path, Passphrase))
        {
            Assert.That(loaded.Fingerprint, Is.EqualTo(fingerprint));
        }

        OpenSsl.Result opened = OpenSsl.Run("pkey", "-in", path, "-passin", "pass:" + Passphrase, "-pubout");
        Assert.That(opened.ExitCode, Is.Zero, opened.Stderr);
        Assert.That(opened.StdoutText, Is.EqualTo(File.ReadAllText(dir.File("lab.pub.pem"))));
    }

    [Test]
    public void AKeyOnAnotherCurveIsRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("p384.key.pem");
        OpenSsl.Result made = OpenSsl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", path);
        Assert.That(made.ExitCode, Is.Zero, made.Stderr);
        File.SetUnixFileMode(path, OwnerOnly);

        var e = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(path));
        Assert.That(e!.Message, Does.StartWith($"{path}: the lab key must be ECDSA P-256"));
    }

    [Test]
    public void AnOpensslP256KeyLoads()
    {
        using var dir = new TempDir();
        string path = dir.File("openssl.key.pem");
        OpenSsl.Result made = OpenSsl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path);
        Assert.That(made.ExitCode, Is.Zero, made.Stderr);
        File.SetUnixFileMode(path, OwnerOnly);

        using LabKey key = LabKeys.LoadPrivate(path);
        OpenSsl.Result der = OpenSsl.Run("pkey", "-in", path, "-pubout", "-outform", "DER");
        Assert.That(key.Fingerprint, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(der.Stdout))));
    }

    [Test]
    public void ADamagedKeyIsRefusedWithoutQuotingIt()
    {
        using var dir = new TempDir();
        string path = dir.File("lab.key.pem");
        using (LabKeys.New(path, dir.File("lab.pub.pem"))) { }
        string[] lines = File.ReadAllLines(path);
        string body = lines[1];
        File.WriteAllLines(path, [lines[0], body[..20] + "!!!" + body[23..], .. lines[2..]]);

        var e = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(path));
        Assert.That(e!.Message, Does.StartWith(path + ": "));
        Assert.That(e.Message, Does.Not.Contain(body[..12]));
    }

    [Test]
    public void AMissingKeyFileNamesThePath()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<LabKeyException>(() => LabKeys.LoadPrivate(dir.File("absent.pem")));
        Assert.That(e!.Message, Is.EqualTo($"{dir.File("absent.pem")}: cannot read the key file (no such file)"));
    }
}
