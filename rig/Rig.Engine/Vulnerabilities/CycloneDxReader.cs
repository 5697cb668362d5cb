using System.Text.Json;

using Rig.Engine.Inventory;

namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// Reads back the inventory of an SBOM that <see cref="CycloneDxWriter"/> wrote: each component
/// with its OSV ecosystem and package (its rig:osv properties) and its evidence, so a later recheck
/// can match an issued certificate's inventory against a newer database without the device.
/// Components without those properties (another tool's SBOM) are left out.
/// </summary>
public static class CycloneDxReader
{
    /// <summary>Largest SBOM read.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <exception cref="InvalidDataException">Unreadable, too large, or not a CycloneDX JSON SBOM; one line naming the file.</exception>
    public static IReadOnlyList<Component> Components(string path)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            bytes = length > MaxBytes ? throw new InvalidDataException($"{path}: larger than {MaxBytes} bytes") : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({e.Message})", e);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "bomFormat") != "CycloneDX")
            {
                throw new InvalidDataException($"{path}: not a CycloneDX SBOM (no \"bomFormat\": \"CycloneDX\")");
            }

            var components = new List<Component>();
            if (root.TryGetProperty("components", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement c in list.EnumerateArray())
                {
                    if (Read(c) is { } component)
                    {
                        components.Add(component);
                    }
                }
            }

            return components;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1})", e);
        }
    }

    private static Component? Read(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object || Str(c, "name") is not { } name || Str(c, "version") is not { } version)
        {
            return null;
        }

        string? ecosystem = null, package = null;
        foreach (JsonElement p in Items(c, "properties"))
        {
            switch (Str(p, "name"))
            {
                case CycloneDxWriter.EcosystemProperty:
                    ecosystem = Str(p, "value");
                    break;
                case CycloneDxWriter.PackageProperty:
                    package = Str(p, "value");
                    break;
            }
        }

        if (ecosystem is null || package is null)
        {
            return null;
        }

        var evidence = new List<ComponentEvidence>();
        if (c.TryGetProperty("evidence", out JsonElement ev))
        {
            foreach (JsonElement o in Items(ev, "occurrences").Take(Component.MaxEvidence))
            {
                evidence.Add(new ComponentEvidence(Str(o, "location") ?? "", Str(o, "additionalContext") ?? ""));
            }
        }

        return new Component(name, version, ecosystem, package, Str(c, "type") ?? "application", evidence);
    }

    private static IEnumerable<JsonElement> Items(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
