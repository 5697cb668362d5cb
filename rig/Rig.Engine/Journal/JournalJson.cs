using System.Text.Json;

namespace Rig.Engine.Journal;

/// <summary>
/// Reading and writing journal values by their <see cref="JournalField"/> names. Reads are lenient: a
/// missing or mistyped property reads as null (or 0, or false), as the report always treated it.
/// </summary>
internal static class JournalJson
{
    public static void WriteStrings(this Utf8JsonWriter w, JsonEncodedText name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the property only when it has a value.</summary>
    public static void WriteIfSet(this Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    public static string? Str(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long Long(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) ? n : 0;

    public static long? LongOrNull(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) ? n : null;

    /// <summary>A finite number, or null when absent or not one.</summary>
    public static double? DoubleOrNull(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : null;

    public static bool Flag(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.True };

    public static IReadOnlyList<string>? Strings(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Array } a
            ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : null;

    /// <summary>Base64 data; null when absent or not base64 (a reader that needs it says so with the event's seq).</summary>
    public static byte[]? Bytes(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.String } v && v.TryGetBytesFromBase64(out byte[]? b) ? b : null;

    /// <summary>The nested object, or an undefined element (whose reads all give null) when absent.</summary>
    public static JsonElement Obj(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Object } o ? o : default;

    public static IEnumerable<JsonElement> Objects(this JsonElement e, JsonEncodedText name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object) : [];

    private static JsonElement? Prop(this JsonElement e, JsonEncodedText name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name.EncodedUtf8Bytes, out JsonElement v) ? v : null;
}
