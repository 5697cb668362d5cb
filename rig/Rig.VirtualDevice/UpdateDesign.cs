namespace Rig.VirtualDevice;

/// <summary>How a personality's firmware update works: what it checks and how it writes flash.</summary>
/// <param name="ChecksSignature">Verifies the manufacturer's ECDSA signature (and the image format) before writing.</param>
/// <param name="ChecksModel">Refuses images built for another model.</param>
/// <param name="Rollback">Refuses versions older than its security counter.</param>
/// <param name="ABSlots">Writes the inactive slot and switches atomically, with boot counting and fallback; otherwise one slot is overwritten in place.</param>
internal sealed record UpdateDesign(bool ChecksSignature, bool ChecksModel, bool Rollback, bool ABSlots)
{
    /// <summary>The model the camera's bootloader and updater believe they are.</summary>
    public const string Model = "vcam-1";

    /// <summary>Boot attempts of a new slot before the bootloader falls back (U-Boot's bootlimit).</summary>
    public const int BootLimit = 3;

    public static UpdateDesign For(Personality personality) => personality.Name switch
    {
        "vcam-vulnerable" => new(ChecksSignature: false, ChecksModel: false, Rollback: false, ABSlots: false),
        "vcam-partial" => new(ChecksSignature: true, ChecksModel: true, Rollback: false, ABSlots: true),
        _ => new(ChecksSignature: true, ChecksModel: true, Rollback: true, ABSlots: true),
    };
}
