namespace Rig.Engine.Inventory;

/// <summary>The device an SBOM describes, as its profile declares it.</summary>
public sealed record SbomDevice(string Manufacturer, string Model, string? FirmwareVersion);
