using Rig.Engine.Inventory;
using System.Text.Json;

namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// Reads one OSV record from JSON, checking the types of the fields Rig uses; any other field is
/// ignored. The record is hostile input: its size is bounded by the caller, its nesting here.
/// </summary>
internal static class OsvRecordReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <exception cref="OsvDatabaseException">Not JSON, or a field of the wrong type.</exception>
    public static OsvRecord Read(ReadOnlyMemory<byte> json, string source)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, Options);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "a record must be a JSON object");
            }

            string id = Text(root, "id", source) ?? throw Bad(source, "the record has no \"id\"");
            var affected = new List<OsvAffected>();
            foreach (JsonElement a in Array(root, "affected", source))
            {
                affected.Add(Affected(a, $"{source} ({id})"));
            }

            return new OsvRecord(id, Strings(root, "aliases", source), Text(root, "summary", source) ?? "", Severity(root, source), affected, source)
            {
                Published = Text(root, "published", source),
            };
        }
        catch (JsonException e)
        {
            throw Bad(source, $"not valid JSON (line {e.LineNumber + 1}: {e.Message.Split('\n')[0]})", e);
        }
    }

    private static OsvAffected Affected(JsonElement a, string source)
    {
        if (a.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, "an \"affected\" entry must be an object");
        }

        var ranges = new List<OsvRange>();
        string ecosystem = "", name = "";
        if (a.TryGetProperty("package", out JsonElement pkg) && pkg.ValueKind == JsonValueKind.Object)
        {
            ecosystem = Text(pkg, "ecosystem", source) ?? "";
            name = Text(pkg, "name", source) ?? "";
        }

        foreach (JsonElement r in Array(a, "ranges", source))
        {
            string type = Text(r, "type", source) ?? throw Bad(source, "a range has no \"type\"");
            if (ecosystem.Length == 0 && type == "GIT" && Text(r, "repo", source) is { } repo)
            {
                (ecosystem, name) = (Ecosystems.Git, repo); // OSV's GIT export: no package, the repository names the project
            }

            var events = new List<OsvEvent>();
            foreach (JsonElement e in Array(r, "events", source))
            {
                OsvEvent? ev = null;
                foreach (string kind in OsvEvent.Kinds)
                {
                    if (Text(e, kind, source) is { } v)
                    {
                        ev = new OsvEvent(kind, v);
                    }
                }

                events.Add(ev ?? throw Bad(source, "a range event has none of introduced, fixed, last_affected, limit"));
            }

            ranges.Add(new OsvRange(type, events));
        }

        return new OsvAffected(ecosystem, name, ranges, Strings(a, "versions", source));
    }

    /// <summary>From a CVSS v3 vector, else a database's own word (GitHub's "HIGH"), else unknown.</summary>
    private static OsvSeverity Severity(JsonElement root, string source)
    {
        foreach (JsonElement s in Array(root, "severity", source))
        {
            if (Text(s, "type", source) is "CVSS_V3" && Text(s, "score", source) is { } vector && Cvss3.BaseScore(vector) is { } score)
            {
                return new OsvSeverity(Cvss3.Rating(score), score, vector);
            }
        }

        if (root.TryGetProperty("database_specific", out JsonElement db) && db.ValueKind == JsonValueKind.Object
            && Text(db, "severity", source) is { Length: > 0 and < 40 } word)
        {
            return new OsvSeverity(word.ToUpperInvariant());
        }

        return OsvSeverity.Unknown;
    }

    private static string? Text(JsonElement obj, string name, string source)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(source, $"\"{name}\" must be a string");
    }

    private static IEnumerable<JsonElement> Array(JsonElement obj, string name, string source)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Bad(source, $"\"{name}\" must be an array");
    }

    private static List<string> Strings(JsonElement obj, string name, string source)
    {
        var list = new List<string>();
        foreach (JsonElement e in Array(obj, name, source))
        {
            list.Add(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(source, $"\"{name}\" must hold strings"));
        }

        return list;
    }

    private static OsvDatabaseException Bad(string source, string problem, Exception? inner = null) => new($"{source}: {problem}", inner);
}
