using System.Security.Cryptography;
using Rig.Formats.Firmware;
using Rig.Engine.Profiles;

namespace Rig.Engine.Actions;

/// <summary>The bytes a plan's image name stands for: a profile image, or a tamper variant of one made on the spot.</summary>
internal static class UpdateImages
{
    /// <summary>Loads image <paramref name="name"/> from the profile, tampered with <paramref name="variant"/> when given.</summary>
    /// <exception cref="RigFaultException">The profile lacks the image, or it cannot be read.</exception>
    public static (byte[] Bytes, FirmwareImage? Parsed) Load(ActionContext context, string name, string? variant)
    {
        UpdateDeclaration update = Declaration(context);
        if (!update.Images.TryGetValue(name, out string? path))
        {
            throw new Rig.Protocols.RigFaultException($"profile {context.Profile.Name}: update.images has no '{name}' (it has {string.Join(", ", update.Images.Keys)})");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            FirmwareImage parsed = FirmwareImageReader.Read(bytes);
            if (variant is null)
            {
                return (bytes, parsed);
            }

            using ECDsa foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256); // a lab-made key: never the manufacturer's
            byte[] tampered = FirmwareTamper.Make(variant, bytes, foreign);
            return (tampered, TryRead(tampered));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FirmwareFormatException)
        {
            throw new Rig.Protocols.RigFaultException($"profile {context.Profile.Name}: image '{name}' ({path}): {e.Message}", e);
        }
    }

    public static UpdateDeclaration Declaration(ActionContext context) =>
        context.Profile.Update ?? throw new Rig.Protocols.RigFaultException($"profile {context.Profile.Name} declares no update method (update:)");

    private static FirmwareImage? TryRead(byte[] bytes)
    {
        try
        {
            return FirmwareImageReader.Read(bytes);
        }
        catch (FirmwareFormatException)
        {
            return null;
        }
    }
}
