using System.Net;

namespace Rig.Engine.Profiles;

/// <summary>What the manufacturer declares about a model (TS 103 701's IXIT), as far as the plans need it.</summary>
/// <remarks>Supplier-provided information: the report marks it as such.</remarks>
public sealed record DeviceProfile(
    string Name,
    string File,
    string Sha256,
    string Manufacturer,
    string Model,
    string? HardwareRevision,
    string? FirmwareVersion,
    IPAddress Address,
    IReadOnlyList<DeclaredService> Services,
    TimeSpan BootTime,
    TxPacing? Pacing = null,
    UpdateDeclaration? Update = null)
{
    /// <summary>Ports on which the profile declares <paramref name="service"/>.</summary>
    public IReadOnlyList<int> PortsOf(string service) =>
        Services.Where(s => s.Name == service).Select(s => s.Port).ToList();
}

/// <summary>A network service the device declares, e.g. telnet on 2323/tcp.</summary>
public sealed record DeclaredService(string Name, int Port, string Protocol);

/// <summary>
/// How fast the rig may type on this device's console: many bootloaders and consoles have no flow
/// control and drop characters sent back to back ("root" arriving as "orot").
/// </summary>
/// <param name="Chunk">Bytes written at once before pausing.</param>
/// <param name="Delay">Pause after each chunk.</param>
public sealed record TxPacing(int Chunk, TimeSpan Delay)
{
    public static readonly TxPacing None = new(int.MaxValue, TimeSpan.Zero);
}
