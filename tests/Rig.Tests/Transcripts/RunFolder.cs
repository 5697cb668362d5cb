using System.Text;
using System.Text.Json;

namespace Rig.Tests.Transcripts;

/// <summary>A run folder written by hand, event by event, as the engine would: journal.jsonl lines and console.raw bytes.</summary>
internal sealed class RunFolder : IDisposable
{
    private const long Base = 1_000_000_000_000;

    private readonly TempDir _dir = new();
    private readonly StringBuilder _journal = new();
    private readonly MemoryStream _raw = new();
    private long _seq;

    public RunFolder()
    {
        Event(0, "journal", w => w.WriteNumber("version", 1));
        Event(0, "run-start", w =>
        {
            w.WriteString("utc", "2026-01-02T03:04:05Z");
            w.WriteString("rig_version", "0.1.0");
            w.WriteStartObject("bench");
            w.WriteString("name", "lab");
            w.WriteString("slot", "s1");
            w.WriteString("power", "gpio gpiochip0 line 17");
            w.WriteEndObject();
        });
    }

    public string Path => _dir["run"];

    public string File(string name) => _dir[name];

    public RunFolder Event(double ms, string ev, Action<Utf8JsonWriter>? fields = null)
    {
        using var line = new MemoryStream();
        using (var w = new Utf8JsonWriter(line))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", ++_seq);
            w.WriteNumber("mono_ns", Base + (long)(ms * 1_000_000));
            w.WriteString("ev", ev);
            fields?.Invoke(w);
            w.WriteEndObject();
        }

        _journal.Append(Encoding.UTF8.GetString(line.ToArray())).Append('\n');
        return this;
    }

    public RunFolder PlanStart(double ms, string plan) => Event(ms, "plan-start", w => w.WriteString("plan", plan));

    public RunFolder Power(double ms, string state) => Event(ms, "power", w => { w.WriteString("plan", "P"); w.WriteString("state", state); });

    public RunFolder Console(double ms, string text) => Console(ms, Encoding.UTF8.GetBytes(text));

    public RunFolder Console(double ms, byte[] data)
    {
        long off = _raw.Length;
        _raw.Write(data);
        return Event(ms, "console", w => { w.WriteString("slot", "s1"); w.WriteNumber("off", off); w.WriteNumber("len", data.Length); });
    }

    public RunFolder Send(double ms, string text) =>
        Event(ms, "send", w => { w.WriteString("plan", "P"); w.WriteBase64String("data", Encoding.UTF8.GetBytes(text)); });

    /// <summary>Writes the folder and returns its path.</summary>
    public string Save(bool withRaw = true)
    {
        Directory.CreateDirectory(Path);
        System.IO.File.WriteAllText(System.IO.Path.Combine(Path, "journal.jsonl"), _journal.ToString());
        if (withRaw)
        {
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(Path, "console.raw"), _raw.ToArray());
        }

        return Path;
    }

    public void Dispose() => _dir.Dispose();
}
