using System.Text.Json;
using Rig.Engine.Journal;

namespace Rig.Engine.Reporting;

/// <summary>A run's journal read back, indexed the way the report needs it. Nothing else is consulted but the raw console log.</summary>
internal sealed class JournalView
{
    public JournalView(string runDir)
    {
        Events = JournalReader.ReadAll(Path.Combine(runDir, Runs.SlotCertification.JournalFile), out bool truncated);
        Truncated = truncated;
        RunStart = Events.FirstOrDefault(e => Ev(e) == "run-start");
        if (RunStart.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{runDir}: the journal has no run-start event");
        }

        StartNs = RunStart.GetProperty("mono_ns").GetInt64();
        JsonElement end = Events.LastOrDefault(e => Ev(e) == "run-end");
        EndNs = end.ValueKind == JsonValueKind.Object ? end.GetProperty("mono_ns").GetInt64() : Events[^1].GetProperty("mono_ns").GetInt64();
    }

    public List<JsonElement> Events { get; }

    /// <summary>True when the last line was cut by a crash.</summary>
    public bool Truncated { get; }

    public JsonElement RunStart { get; }

    public long StartNs { get; }

    public long EndNs { get; }

    public static string Ev(JsonElement e) => e.GetProperty("ev").GetString() ?? string.Empty;

    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public IEnumerable<JsonElement> OfKind(string ev) => Events.Where(e => Ev(e) == ev);

    public IEnumerable<JsonElement> ForPlan(string ev, string plan) => OfKind(ev).Where(e => Str(e, "plan") == plan);
}
