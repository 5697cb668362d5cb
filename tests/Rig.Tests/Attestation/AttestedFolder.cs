using System.Text;
using System.Text.Json;
using Rig.Reports.Attestation;
using Rig.Reports.Model;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;
using Rig.Tests.Reports;

namespace Rig.Tests.Attestation;

/// <summary>A report folder written as the rig writes one: a hostile console log, a journal, and the attested report files; deleted on dispose.</summary>
internal sealed class AttestedFolder : IDisposable
{
    public static readonly byte[] ConsoleBytes =
        [.. Encoding.UTF8.GetBytes("U-Boot 2024.01\r\n<script>alert(1)</script>\u001b[31m"), 0xC3, 0x28, 0xFF, 0x00, (byte)'\n'];

    public const string JournalText = "{\"seq\":1,\"ev\":\"journal\",\"version\":1}\n{\"seq\":2,\"ev\":\"run-end\"}\n";

    private readonly TempDir _dir = new();

    /// <param name="evidence">More evidence files to write and sign as subjects (e.g. sbom.cdx.json).</param>
    public AttestedFolder(Func<string, ReportModel>? model = null, IReadOnlyDictionary<string, byte[]>? evidence = null)
    {
        Key = LabKeys.New(_dir["lab.key.pem"], _dir["lab.pub.pem"]);
        Directory.CreateDirectory(Dir);
        File.WriteAllBytes(this["console.raw"], ConsoleBytes);
        File.WriteAllText(this["journal.jsonl"], JournalText);
        foreach ((string name, byte[] bytes) in evidence ?? new Dictionary<string, byte[]>())
        {
            File.WriteAllBytes(this[name], bytes);
        }

        Model = (model ?? (f => SampleReports.Ordinary(f)))(Key.Fingerprint);
        AttestedReport.Write(Dir, new ReportRenderer().Render(Model), Model, Key, ["console.raw", "journal.jsonl", .. (evidence?.Keys ?? [])]);
    }

    public LabKey Key { get; }

    public ReportModel Model { get; }

    /// <summary>The report folder (the lab's keys live outside it).</summary>
    public string Dir => _dir["report"];

    public string PublicKey => _dir["lab.pub.pem"];

    public string Scratch(string name) => _dir[name];

    public string this[string name] => Path.Combine(Dir, name);

    /// <summary>The envelope as parsed JSON.</summary>
    public JsonElement Envelope() => JsonDocument.Parse(File.ReadAllBytes(this[AttestedReport.EnvelopeFileName])).RootElement.Clone();

    /// <summary>The statement's exact bytes, decoded from the envelope.</summary>
    public byte[] StatementBytes() => Convert.FromBase64String(Envelope().GetProperty("payload").GetString()!);

    public JsonElement Statement() => JsonDocument.Parse(StatementBytes()).RootElement.Clone();

    /// <summary>Replaces the envelope's payload, keeping its signature (a forgery of the statement).</summary>
    public void ReplacePayload(byte[] statement)
    {
        JsonElement e = Envelope();
        string sig = e.GetProperty("signatures")[0].GetProperty("sig").GetString()!;
        File.WriteAllText(this[AttestedReport.EnvelopeFileName],
            $"{{\"payload\":\"{Convert.ToBase64String(statement)}\",\"payloadType\":\"{Dsse.InTotoPayloadType}\",\"signatures\":[{{\"keyid\":\"\",\"sig\":\"{sig}\"}}]}}\n");
    }

    public void Dispose()
    {
        Key.Dispose();
        _dir.Dispose();
    }
}
