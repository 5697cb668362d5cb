using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>
/// A component inventory and its vulnerability match: the components seen ("busybox 1.29.3, ..."),
/// the database matched against and its SHA-256, and the ids of the known vulnerabilities found.
/// </summary>
public sealed record InventoryEvent(string Plan, string Components, string Database, string Sha256, string Vulnerabilities) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Inventory;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Components, Components);
        w.WriteString(F.Database, Database);
        w.WriteString(F.Sha256, Sha256);
        w.WriteString(F.Vulnerabilities, Vulnerabilities);
    }

    internal static InventoryEvent Read(JsonElement e) =>
        new(e.Str(F.Plan) ?? "", e.Str(F.Components) ?? "", e.Str(F.Database) ?? "", e.Str(F.Sha256) ?? "", e.Str(F.Vulnerabilities) ?? "");
}
