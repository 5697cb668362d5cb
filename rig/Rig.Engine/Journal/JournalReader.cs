using System.Text.Json;

namespace Rig.Engine.Journal;

/// <summary>Reads a journal back. A last line cut by a crash mid-write is reported, not fatal.</summary>
public static class JournalReader
{
    /// <summary>Every complete event, in order. <paramref name="truncatedTail"/> is true when the last line was cut.</summary>
    public static List<JsonElement> ReadAll(string path, out bool truncatedTail)
    {
        var events = new List<JsonElement>();
        truncatedTail = false;
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(lines[i]);
                events.Add(doc.RootElement.Clone());
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                truncatedTail = true;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{i + 1}: not a journal line: {e.Message}");
            }
        }

        return events;
    }
}
