using System.Globalization;
using System.Text.Json;
using Rig.Engine.Inventory;

namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// Writes an inventory as a CycloneDX 1.6 SBOM (JSON): the device as metadata.component, each
/// component with its package URL, its evidence (evidence.identity: the lines it was seen in), and
/// properties naming where OSV records it (so a recheck can read the SBOM back); the known
/// vulnerabilities as CycloneDX vulnerabilities that affect their component.
/// </summary>
public static class CycloneDxWriter
{
    public const string FileName = "sbom.cdx.json";

    /// <summary>The property naming a component's OSV ecosystem.</summary>
    public const string EcosystemProperty = "rig:osv:ecosystem";

    /// <summary>The property naming a component's OSV package.</summary>
    public const string PackageProperty = "rig:osv:package";

    public static byte[] Build(SbomDevice device, IReadOnlyList<Component> components, IReadOnlyList<VulnerabilityFinding> findings, DateTimeOffset at, string toolVersion)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", $"urn:uuid:{Guid.NewGuid()}");
            w.WriteNumber("version", 1);
            w.WriteStartObject("metadata");
            w.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteStartObject("tools");
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("type", "application");
            w.WriteString("name", "rig");
            w.WriteString("version", toolVersion);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("component");
            w.WriteString("type", "device");
            w.WriteString("bom-ref", "device");
            w.WriteString("name", device.Model);
            if (device.FirmwareVersion is { } fw)
            {
                w.WriteString("version", fw);
            }

            w.WriteStartObject("manufacturer");
            w.WriteString("name", device.Manufacturer);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("components");
            for (int i = 0; i < components.Count; i++)
            {
                WriteComponent(w, components[i], Ref(i));
            }

            w.WriteEndArray();

            w.WriteStartArray("vulnerabilities");
            foreach (VulnerabilityFinding f in findings)
            {
                WriteVulnerability(w, f, Ref(IndexOf(components, f.Component)));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The bom-ref of the component at <paramref name="index"/>.</summary>
    public static string Ref(int index) => $"component-{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    private static int IndexOf(IReadOnlyList<Component> components, Component c)
    {
        for (int i = 0; i < components.Count; i++)
        {
            if (ReferenceEquals(components[i], c) || components[i] == c)
            {
                return i;
            }
        }

        throw new ArgumentException($"{c} is not in the inventory", nameof(c));
    }

    private static void WriteComponent(Utf8JsonWriter w, Component c, string bomRef)
    {
        w.WriteStartObject();
        w.WriteString("type", c.Type);
        w.WriteString("bom-ref", bomRef);
        w.WriteString("name", c.Name);
        w.WriteString("version", c.Version);
        w.WriteString("purl", c.Purl);
        w.WriteStartObject("evidence");
        w.WriteStartArray("identity");
        w.WriteStartObject();
        w.WriteString("field", "version");
        w.WriteNumber("confidence", 0.9);
        w.WriteString("concludedValue", c.Version);
        w.WriteStartArray("methods");
        foreach (ComponentEvidence e in c.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("technique", "dynamic-analysis"); // seen on the running device, not in its source
            w.WriteNumber("confidence", 0.9);
            w.WriteString("value", e.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("occurrences");
        foreach (ComponentEvidence e in c.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("location", e.Source);
            w.WriteString("additionalContext", e.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("properties");
        Property(w, EcosystemProperty, c.Ecosystem);
        Property(w, PackageProperty, c.Package);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter w, VulnerabilityFinding f, string componentRef)
    {
        OsvRecord r = f.Record;
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteStartObject("source");
        w.WriteString("name", "OSV");
        w.WriteString("url", $"https://osv.dev/vulnerability/{Uri.EscapeDataString(r.Id)}");
        w.WriteEndObject();
        w.WriteStartArray("references");
        foreach (string alias in r.Aliases)
        {
            w.WriteStartObject();
            w.WriteString("id", alias);
            w.WriteStartObject("source");
            w.WriteString("name", alias.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : "OSV");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("ratings");
        w.WriteStartObject();
        w.WriteString("severity", Severity(r.Severity.Rating));
        if (r.Severity.Score is { } score)
        {
            w.WriteNumber("score", score);
            w.WriteString("method", r.Severity.Vector!.StartsWith("CVSS:3.1", StringComparison.Ordinal) ? "CVSSv31" : "CVSSv3");
            w.WriteString("vector", r.Severity.Vector);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (r.Summary.Length > 0)
        {
            w.WriteString("description", r.Summary);
        }

        w.WriteString("recommendation", f.Fix.StartsWith("none", StringComparison.Ordinal) ? $"no fixed version known: {f.Fix}" : $"upgrade {f.Component.Name} to {f.Fix} or later");
        w.WriteStartArray("affects");
        w.WriteStartObject();
        w.WriteString("ref", componentRef);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>CycloneDX's severity words: critical, high, medium, low, info, none, unknown.</summary>
    private static string Severity(string rating) => rating.ToLowerInvariant() switch
    {
        "critical" or "high" or "medium" or "low" or "none" => rating.ToLowerInvariant(),
        "moderate" => "medium",
        _ => "unknown",
    };

    private static void Property(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }
}
