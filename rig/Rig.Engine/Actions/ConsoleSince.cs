using System.Text.Json;

namespace Rig.Engine.Actions;

/// <summary>
/// Where in the raw console capture a plan's last power-on begins: the offset of the first console
/// chunk the journal records after this plan's last "power on". Read from the journal, so it holds
/// whatever the expect window has long forgotten.
/// </summary>
internal static class ConsoleSince
{
    private const int MaxLine = 64 * 1024;

    /// <summary>The offset, or null when the plan has not powered the device on (or no byte came since).</summary>
    public static long? LastPowerOn(string journalPath, string planId)
    {
        long? since = null;
        bool afterPowerOn = false;
        using var file = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > MaxLine || !line.Contains("\"ev\":\"power\"", StringComparison.Ordinal) && !(afterPowerOn && line.Contains("\"ev\":\"console\"", StringComparison.Ordinal)))
            {
                continue; // most lines are neither: skip them unparsed
            }

            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement e = doc.RootElement;
            string? ev = e.TryGetProperty("ev", out JsonElement v) ? v.GetString() : null;
            if (ev == "power" && Str(e, "plan") == planId && Str(e, "state") == "on")
            {
                afterPowerOn = true;
                since = null;
            }
            else if (ev == "console" && afterPowerOn && e.TryGetProperty("off", out JsonElement off))
            {
                since = off.GetInt64();
                afterPowerOn = false;
            }
        }

        return since;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
