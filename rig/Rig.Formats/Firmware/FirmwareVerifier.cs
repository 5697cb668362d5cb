using System.Security.Cryptography;

namespace Rig.Formats.Firmware;

/// <summary>Why an image was refused, or <see cref="Accepted"/>.</summary>
public enum FirmwareVerdict
{
    Accepted,
    Malformed,
    Unsigned,
    BadSignature,
    WrongModel,
    Rollback,
}

/// <summary>The outcome of checking one image, with a one-line reason a console could print.</summary>
public sealed record FirmwareCheck(FirmwareVerdict Verdict, string Reason, FirmwareImage? Image)
{
    public bool Accepted => Verdict == FirmwareVerdict.Accepted;
}

/// <summary>
/// What a secure device checks before it writes an image: well-formed, signed by the
/// manufacturer's key, for this model, and (optionally) not older than the rollback counter.
/// </summary>
public static class FirmwareVerifier
{
    /// <param name="minVersion">Lowest version number allowed (rollback counter); null skips the check. Equal is allowed.</param>
    public static FirmwareCheck Check(byte[] bytes, ECDsa manufacturerKey, string model, uint? minVersion, int maxPayload = FirmwareImageReader.DefaultMaxPayload)
    {
        FirmwareImage image;
        try
        {
            image = FirmwareImageReader.Read(bytes, maxPayload);
        }
        catch (FirmwareFormatException e)
        {
            return new FirmwareCheck(FirmwareVerdict.Malformed, $"bad image: {e.Message}", null);
        }

        if (!image.IsSigned)
        {
            return new FirmwareCheck(FirmwareVerdict.Unsigned, "image is not signed", image);
        }

        if (!SignatureValid(image, manufacturerKey))
        {
            return new FirmwareCheck(FirmwareVerdict.BadSignature, "signature verification failed", image);
        }

        if (image.Model != model)
        {
            return new FirmwareCheck(FirmwareVerdict.WrongModel, $"image is for model {image.Model}, this is {model}", image);
        }

        if (minVersion is { } min && image.VersionNumber < min)
        {
            return new FirmwareCheck(FirmwareVerdict.Rollback, $"version {image.Version} is older than the installed security version ({min})", image);
        }

        return new FirmwareCheck(FirmwareVerdict.Accepted, $"signature OK, model {image.Model}, version {image.Version}", image);
    }

    /// <summary>True when the DER signature over header and payload verifies with <paramref name="key"/>.</summary>
    public static bool SignatureValid(FirmwareImage image, ECDsa key)
    {
        try
        {
            return key.VerifyData(image.SignedBytes.Span, image.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // a signature that is not even DER is simply not valid
        }
    }
}
