using Rig.Engine.Config;

namespace Rig.Engine.Runs;

/// <summary>Who issues the report: the lab, its customer, and the person who authorises it.</summary>
/// <param name="Received">When the lab received the item tested (ISO/IEC 17025 7.8.2.1 h), as the lab writes it.</param>
public sealed record LabIdentity(string Name, string Address, string? AccreditationId, string Signer, string? Customer, string? Received = null)
{
    public static readonly LabIdentity Unnamed = new("Unnamed lab (no lab file given)", "-", null, "-", null);

    public static readonly LabIdentity Demo = new("Rig demo lab", "Virtual bench, loopback network", null, "Rig demo (self-signed, not accredited)", "Rig users learning the tool");

    /// <summary>Reads a lab file: name, address, accreditation, signer, customer.</summary>
    public static LabIdentity Load(string path)
    {
        YamlMap root = YamlFile.Load(path).Root;
        root.AllowOnly("lab", "address", "accreditation", "signer", "customer", "received");
        return new LabIdentity(root.RequireString("lab"), root.RequireString("address"), root.OptString("accreditation"), root.RequireString("signer"), root.OptString("customer"), root.OptString("received"));
    }
}
