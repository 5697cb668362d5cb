using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Rig.Formats.Firmware;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary><c>rig firmware make|show</c>: build a signed update image, or inspect one.</summary>
internal static class FirmwareCommand
{
    public static Command Create()
    {
        var firmware = new Command("firmware", "Build or inspect firmware update images (the format the update plans serve).");

        var make = new Command("make", "Build an image: header, payload, ECDSA P-256 signature by KEY.");
        var model = new Option<string>("--model") { Description = "Model the image is for", Required = true };
        var version = new Option<string>("--version") { Description = "Version, MAJOR.MINOR.PATCH", Required = true };
        var payload = new Option<string>("--payload") { Description = "Payload file (the firmware itself)", Required = true };
        var key = new Option<string?>("--key") { Description = "Manufacturer's private key (PEM, mode 0600); omit for an unsigned image" };
        var output = new Option<string>("--out") { Description = "Image file to write", Required = true };
        make.Options.Add(model);
        make.Options.Add(version);
        make.Options.Add(payload);
        make.Options.Add(key);
        make.Options.Add(output);
        make.SetAction(parsed =>
        {
            string v = parsed.GetValue(version)!;
            uint number;
            try
            {
                number = FirmwareImage.NumberOf(v);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--version: {e.Message}");
            }

            string payloadPath = parsed.GetValue(payload)!;
            byte[] data = File.ReadAllBytes(payloadPath);
            if (data.Length > FirmwareImageReader.DefaultMaxPayload)
            {
                throw new UsageException($"--payload {payloadPath}: {data.Length} bytes is more than an image may carry ({FirmwareImageReader.DefaultMaxPayload})");
            }

            using ECDsa? signer = parsed.GetValue(key) is { } k ? LoadSigningKey(k) : null;
            byte[] image;
            try
            {
                image = FirmwareImageWriter.Build(parsed.GetValue(model)!, v, number, data, signer);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            File.WriteAllBytes(parsed.GetValue(output)!, image);
            Console.WriteLine($"{parsed.GetValue(output)}: {Describe(FirmwareImageReader.Read(image))}");
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Print an image's header; with --key, check its signature against that public key.");
        var file = new Argument<string>("image") { Description = "Image file" };
        var pub = new Option<string?>("--key") { Description = "Manufacturer's public key (PEM) to check the signature with" };
        show.Arguments.Add(file);
        show.Options.Add(pub);
        show.SetAction(parsed =>
        {
            string path = parsed.GetValue(file)!;
            FirmwareImage image;
            try
            {
                image = FirmwareImageReader.ReadFile(path);
            }
            catch (FirmwareFormatException e)
            {
                Console.Error.WriteLine($"rig: {e.Message}");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"{path}: {Describe(image)}");
            if (parsed.GetValue(pub) is { } pubPath)
            {
                using ECDsa trusted = LabKeys.LoadPublic(pubPath);
                bool ok = image.IsSigned && FirmwareVerifier.SignatureValid(image, trusted);
                Console.WriteLine($"signature: {(ok ? "valid" : image.IsSigned ? "INVALID" : "none")} for {pubPath}");
                return ok ? ExitCodes.Ok : ExitCodes.DeviceFailed;
            }

            return ExitCodes.Ok;
        });

        firmware.Subcommands.Add(make);
        firmware.Subcommands.Add(show);
        return firmware;
    }

    /// <summary>The manufacturer's private key; like the lab's key, refused when others can read it.</summary>
    private static ECDsa LoadSigningKey(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UsageException($"--key {path}: readable by others; chmod 600 it first");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new UsageException($"--key {path}: not an EC private key in PEM ({e.Message})");
        }
    }

    private static string Describe(FirmwareImage image) =>
        string.Create(CultureInfo.InvariantCulture,
            $"model {image.Model}, version {image.Version} ({image.VersionNumber}), payload {image.Payload.Length} bytes, sha256 {Convert.ToHexStringLower(image.PayloadSha256)}, {(image.IsSigned ? $"signature {image.Signature.Length} bytes" : "unsigned")}");
}
