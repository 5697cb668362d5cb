using Rig.Formats.Firmware;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>update: { image: newer }</c>: installs one of the profile's images through the declared
/// mechanism. With <c>tamper: [payload-byte, ...]</c> it submits each tamper variant of the image
/// in turn and stops at the first one the device does not refuse. With <c>power_cycle: true</c>
/// the device is power-cycled afterwards and checked once more: what it runs then is what counts.
/// Ends with installed, rejected, not-activated, bricked, no-answer, no-shell, or no-version (a shell
/// came back but its version could not be read: nothing to judge).
/// </summary>
public sealed partial class UpdateAction(string image, IReadOnlyList<string> tamper, bool powerCycle) : IPlanAction
{
    /// <summary>The tamper variants a plan may ask for.</summary>
    public static IReadOnlyList<string> TamperVariants => FirmwareTamper.Variants;

    public string Kind => "update";

    public string Describe => tamper.Count == 0
        ? $"update to image {image}"
        : $"update with {tamper.Count} tampered variant(s) of image {image}";

    public IReadOnlyList<string> Results => ["installed", "rejected", "not-activated", "bricked", "no-answer", "no-shell", "no-version"];

    public IReadOnlyList<string> Sets => ["image", "variant", "version_before", "version_after", "image_version", "reason", "tried"];

    /// <summary>The profile image name (current, newer, older, other_model, ...).</summary>
    public string Image => image;

    /// <summary>Tamper variants to submit instead of the image itself; empty submits the image.</summary>
    public IReadOnlyList<string> Tamper => tamper;

    public bool PowerCycle => powerCycle;
}
