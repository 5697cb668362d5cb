using Rig.Engine.Config;

namespace Rig.Engine.Runs;

/// <summary>Who issues the report: the lab, its customer, and the person who authorises it.</summary>
/// <param name="Received">When the lab received the item tested (ISO/IEC 17025 7.8.2.1 h), as the lab writes it.</param>
/// <param name="Registry">The base address of the lab's certificate registry: a certificate's label links to its entry there.</param>
public sealed record LabIdentity(string Name, string Address, string? AccreditationId, string Signer, string? Customer, string? Received = null, string? Registry = null)
{
    /// <summary>Where a label links when the lab file names no registry: a placeholder (RFC 6761 reserves .example).</summary>
    public const string PlaceholderRegistry = "https://registry.rig.example/";

    public static readonly LabIdentity Unnamed = new("Unnamed lab (no lab file given)", "-", null, "-", null);

    public static readonly LabIdentity Demo = new("Rig demo lab", "Virtual bench, loopback network", null, "Rig demo (self-signed, not accredited)", "Rig users learning the tool");

    /// <summary>Reads a lab file: name, address, accreditation, signer, customer.</summary>
    public static LabIdentity Load(string path)
    {
        YamlMap root = YamlFile.Load(path).Root;
        root.AllowOnly("lab", "address", "accreditation", "signer", "customer", "received", "registry");
        string? registry = root.OptString("registry");
        if (registry is not null && !(Uri.TryCreate(registry, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)))
        {
            throw root.Error(root.Get("registry")!, $"registry must be an https:// address without query or fragment, not '{registry}'");
        }

        return new LabIdentity(root.RequireString("lab"), root.RequireString("address"), root.OptString("accreditation"), root.RequireString("signer"), root.OptString("customer"), root.OptString("received"), registry);
    }
}
