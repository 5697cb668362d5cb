using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Formats.Files;
using Rig.Formats.Firmware;

namespace Rig.Engine.Runs;

/// <summary>
/// The files of an untrusted profile that a run reads: only the images the running plans name.
/// Each is checked before any device is powered: a firmware image, never a private key, never
/// the lab's signing key.
/// </summary>
public static class ProfileFiles
{
    /// <summary>Names of the profile images the plans' update, reflash and power-cut actions use.</summary>
    public static IReadOnlyList<string> ImageNames(IEnumerable<Plan> plans) =>
        plans.SelectMany(p => p.States.Values)
            .SelectMany(s => s.Enter.Concat(s.Exit).Concat(s.On.SelectMany(t => t.Do)))
            .Select(step => step.Action switch
            {
                UpdateAction u => u.Image,
                ReflashAction r => r.Image,
                PowerCutAction c => c.Image,
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Full paths of the images the request's running plans need (none when no update plan runs).</summary>
    public static IReadOnlyList<string> Needed(CertificationRequest request) =>
        request.Profile.Update is { } update
            ? [.. ImageNames(Running(request)).Where(update.Images.ContainsKey).Select(n => update.Images[n]).Distinct(StringComparer.Ordinal)]
            : [];

    /// <summary>Refuses, with the profile's file:line:col, a needed image that is the lab key, a private key, or not an image.</summary>
    /// <exception cref="ConfigException">The first image that cannot be used.</exception>
    public static void Check(CertificationRequest request, string? labKeyPath)
    {
        if (request.Profile.Update is not { } update)
        {
            return;
        }

        string? labKey = labKeyPath is null ? null : GuardedFile.RealPath(Path.GetFullPath(labKeyPath));
        foreach (string name in ImageNames(Running(request)).Where(update.Images.ContainsKey))
        {
            string path = update.Images[name];
            Position at = update.ImageAt.GetValueOrDefault(name) ?? new Position(request.Profile.File, 1, 1);
            if (labKey is not null && GuardedFile.RealPath(path) == labKey)
            {
                throw Refuse(at, $"image '{name}' is the lab's signing key; refused");
            }

            byte[] bytes;
            try
            {
                bytes = GuardedFile.ReadAll(path, FirmwareImageReader.MaxImageLength(FirmwareImageReader.DefaultMaxPayload));
            }
            catch (RefusedFileException e)
            {
                throw Refuse(at, $"image '{name}': {e.Message}");
            }

            if (bytes.AsSpan().IndexOf("PRIVATE KEY"u8) >= 0)
            {
                throw Refuse(at, $"image '{name}' ({Path.GetFileName(path)}) holds a private key; a profile may never hand one to the rig");
            }

            try
            {
                FirmwareImageReader.Read(bytes);
            }
            catch (FirmwareFormatException e)
            {
                throw Refuse(at, $"image '{name}' ({path}): {e.Message}");
            }
        }
    }

    private static IEnumerable<Plan> Running(CertificationRequest r) =>
        r.Plans.Where(p => r.NotApplicable?.ContainsKey(p.Id) != true);

    private static ConfigException Refuse(Position at, string message) => new(at.File, at.Line, at.Column, message);
}
