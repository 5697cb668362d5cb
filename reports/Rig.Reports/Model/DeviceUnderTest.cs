namespace Rig.Reports.Model;

/// <summary>The device under test, as its device profile declares it.</summary>
/// <param name="ProfileName">The device profile file the run used.</param>
/// <param name="ProfileSha256">Lowercase hex SHA-256 of that file.</param>
/// <param name="Address">The network address the plans were allowed to reach.</param>
public sealed record DeviceUnderTest(
    string Manufacturer,
    string Model,
    string ProfileName,
    string ProfileSha256,
    string Address,
    string? FirmwareVersion = null,
    string? Serial = null,
    string? HardwareRevision = null,
    string? Mac = null,
    string? FirmwareImage = null,
    string? FirmwareImageSha256 = null);
