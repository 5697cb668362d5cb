using System.Text.Json;

namespace Rig.Engine.Journal;

/// <summary>Small helpers for journal lines.</summary>
internal static class JsonWriterExtensions
{
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
