using System.Buffers.Binary;
using System.Security.Cryptography;
using Rig.Formats.Firmware;

namespace Rig.Tests.Updates;

/// <summary>The image format: round trip, openssl agrees on the signature, every tamper variant is caught.</summary>
public class FirmwareImageTests
{
    private static string Firmware(string name) => Path.Combine(TestPaths.TestPlans, "firmware", name);

    private static ECDsa ManufacturerKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Firmware("manufacturer.pub.pem")));
        return key;
    }

    [Test]
    public void AnImageReadsBackAsWrittenAndVerifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] payload = RandomNumberGenerator.GetBytes(5000);
        byte[] bytes = FirmwareImageWriter.Build("vcam-1", "2.3.4", FirmwareImage.NumberOf("2.3.4"), payload, key);
        FirmwareImage image = FirmwareImageReader.Read(bytes);
        Assert.That((image.Model, image.Version, image.VersionNumber), Is.EqualTo(("vcam-1", "2.3.4", 2_003_004u)));
        Assert.That(image.Payload.ToArray(), Is.EqualTo(payload));
        Assert.That(FirmwareVerifier.Check(bytes, key, "vcam-1", 2_003_004).Accepted, Is.True, "an equal version passes the rollback check");
        Assert.That(FirmwareVerifier.Check(bytes, key, "vcam-1", 2_003_005).Verdict, Is.EqualTo(FirmwareVerdict.Rollback));
    }

    [Test]
    public void TheShippedImagesAreSignedByTheManufacturerAsOpensslSees()
    {
        using var dir = new TempDir();
        byte[] bytes = File.ReadAllBytes(Firmware("vcam-1-1.1.0.img"));
        FirmwareImage image = FirmwareImageReader.Read(bytes);
        File.WriteAllBytes(dir["signed"], image.SignedBytes.ToArray());
        File.WriteAllBytes(dir["sig"], image.Signature);
        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Firmware("manufacturer.pub.pem"), "-signature", dir["sig"], dir["signed"]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using ECDsa key = ManufacturerKey();
        Assert.That(FirmwareVerifier.Check(bytes, key, "vcam-1", null).Accepted, Is.True);
        Assert.That(FirmwareVerifier.Check(File.ReadAllBytes(Firmware("vcam-2-1.1.0.img")), key, "vcam-1", null).Verdict, Is.EqualTo(FirmwareVerdict.WrongModel));
    }

    [Test]
    public void TheVirtualCameraTrustsTheShippedPublicKey()
    {
        Assert.That(Rig.VirtualDevice.ManufacturerKey.Pem.Trim(), Is.EqualTo(File.ReadAllText(Firmware("manufacturer.pub.pem")).Trim()));
    }

    [TestCase("payload-byte", FirmwareVerdict.BadSignature)]
    [TestCase("signature-byte", FirmwareVerdict.BadSignature)]
    [TestCase("truncated", FirmwareVerdict.Malformed)]
    [TestCase("trailing-bytes", FirmwareVerdict.Malformed)]
    [TestCase("version-field", FirmwareVerdict.BadSignature)]
    [TestCase("unsigned", FirmwareVerdict.Unsigned)]
    [TestCase("foreign-key", FirmwareVerdict.BadSignature)]
    public void EveryTamperVariantIsCaught(string variant, FirmwareVerdict verdict)
    {
        byte[] valid = File.ReadAllBytes(Firmware("vcam-1-1.1.0.img"));
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] tampered = FirmwareTamper.Make(variant, valid, foreign);
        Assert.That(tampered, Is.Not.EqualTo(valid));
        using ECDsa key = ManufacturerKey();
        FirmwareCheck check = FirmwareVerifier.Check(tampered, key, "vcam-1", null);
        Assert.That(check.Verdict, Is.EqualTo(verdict), check.Reason);
    }

    [Test]
    public void APayloadFlipKeepsTheHashConsistentSoOnlyTheSignatureCatchesIt()
    {
        byte[] tampered = FirmwareTamper.Make("payload-byte", File.ReadAllBytes(Firmware("vcam-1-1.1.0.img")));
        Assert.DoesNotThrow(() => FirmwareImageReader.Read(tampered));
    }

    [Test]
    public void AHostileHeaderCannotMakeTheReaderAllocate()
    {
        byte[] bytes = File.ReadAllBytes(Firmware("vcam-1-1.1.0.img"));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), uint.MaxValue); // payload length 4 GiB
        Assert.That(() => FirmwareImageReader.Read(bytes), Throws.TypeOf<FirmwareFormatException>().With.Message.Contains("exceeds the limit"));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 1_000_000); // more than is there
        Assert.That(() => FirmwareImageReader.Read(bytes), Throws.TypeOf<FirmwareFormatException>().With.Message.StartsWith("truncated"));
        Assert.That(() => FirmwareImageReader.Read("not an image at all, just text that is long enough to be a header................................................................................................................."u8.ToArray()),
            Throws.TypeOf<FirmwareFormatException>().With.Message.Contains("bad magic"));
    }

    [Test]
    public void AFileLargerThanAnyImageIsRefusedBeforeReading()
    {
        using var dir = new TempDir();
        using (var f = File.Create(dir["huge.img"]))
        {
            f.SetLength(FirmwareImageReader.MaxImageLength(1024) + 1);
        }

        Assert.That(() => FirmwareImageReader.ReadFile(dir["huge.img"], 1024), Throws.TypeOf<FirmwareFormatException>().With.Message.Contains("larger than 1234 bytes; refused"));
    }
}
