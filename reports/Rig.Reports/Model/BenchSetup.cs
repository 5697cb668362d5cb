namespace Rig.Reports.Model;

/// <summary>The bench and slot the device was tested in.</summary>
/// <param name="BenchFileSha256">Lowercase hex SHA-256 of the bench file.</param>
/// <param name="Power">The slot's power switch, as the driver describes itself.</param>
/// <param name="Console">The console's device path.</param>
/// <param name="ConsoleSettings">Line settings, e.g. "115200 8N1".</param>
public sealed record BenchSetup(
    string Name,
    string BenchFileSha256,
    string Slot,
    string Power,
    string Console,
    string ConsoleSettings);
