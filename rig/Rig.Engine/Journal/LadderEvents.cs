using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;

namespace Rig.Engine.Journal;

/// <summary>
/// A ladder scheme's decision, written once after run-end: the scheme it climbed (named with its
/// SHA-256, since the run may have followed another scheme), every level's outcome, the highest
/// level met and why the next was not, and the certificate's terms when a level was met.
/// </summary>
/// <param name="Level">The highest level met; null when none was.</param>
/// <param name="Certificate">Null when no level was met, or when no certificate may be issued (<paramref name="NoCertificate"/> says why).</param>
public sealed record LadderResultEvent(
    LadderIdentity Scheme,
    string? Level,
    string Statement,
    IReadOnlyList<LevelRecord> Levels,
    CertificateRecord? Certificate,
    string? NoCertificate) : JournalEvent
{
    internal static readonly JsonEncodedText Kind = JournalKind.LadderResult;

    internal override JsonEncodedText Ev => Kind;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteStartObject(F.Scheme);
        w.WriteString(F.Id, Scheme.Id);
        w.WriteString(F.Title, Scheme.Title);
        w.WriteString(F.Version, Scheme.Version);
        w.WriteString(F.Standard, Scheme.Standard);
        w.WriteString(F.File, Scheme.File);
        w.WriteString(F.Sha256, Scheme.Sha256);
        w.WriteString(F.DecisionRule, Scheme.DecisionRule);
        w.WriteEndObject();
        w.WriteIfSet(F.Level, Level);
        w.WriteString(F.Statement, Statement);
        w.WriteStartArray(F.Levels);
        foreach (LevelRecord l in Levels)
        {
            w.WriteStartObject();
            w.WriteString(F.Id, l.Id);
            w.WriteString(F.Title, l.Title);
            w.WriteString(F.Standard, l.Standard);
            w.WriteString(F.DecisionRule, l.DecisionRule);
            w.WriteString(F.Outcome, l.Outcome);
            w.WriteStartArray(F.Provisions);
            foreach (ProvisionRecord p in l.Provisions)
            {
                w.WriteStartObject();
                w.WriteString(F.Id, p.Id);
                w.WriteString(F.Title, p.Title);
                w.WriteString(F.Outcome, p.Outcome);
                w.WriteStrings(F.Plans, p.Plans);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStrings(F.DeskReview, l.DeskReview);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (Certificate is { } c)
        {
            w.WriteStartObject(F.Certificate);
            w.WriteString(F.Issued, c.Issued);
            w.WriteString(F.ValidUntil, c.ValidUntil);
            w.WriteString(F.Why, c.Why);
            w.WriteIfSet(F.SupportUntil, c.SupportUntil);
            w.WriteBoolean(F.UpdatesWork, c.UpdatesWork);
            w.WriteIfSet(F.Registry, c.Registry);
            w.WriteEndObject();
        }

        w.WriteIfSet(F.NoCertificate, NoCertificate);
    }

    internal static LadderResultEvent Read(JsonElement e)
    {
        JsonElement s = e.Obj(F.Scheme);
        JsonElement c = e.Obj(F.Certificate);
        return new LadderResultEvent(
            new LadderIdentity(s.Str(F.Id) ?? "", s.Str(F.Title) ?? "", s.Str(F.Version) ?? "", s.Str(F.Standard) ?? "", s.Str(F.File) ?? "", s.Str(F.Sha256) ?? "", s.Str(F.DecisionRule) ?? ""),
            e.Str(F.Level),
            e.Str(F.Statement) ?? "",
            [.. e.Objects(F.Levels).Select(l => new LevelRecord(
                l.Str(F.Id) ?? "", l.Str(F.Title) ?? "", l.Str(F.Standard) ?? "", l.Str(F.DecisionRule) ?? "", l.Str(F.Outcome) ?? "",
                [.. l.Objects(F.Provisions).Select(p => new ProvisionRecord(p.Str(F.Id), p.Str(F.Title), p.Str(F.Outcome), p.Strings(F.Plans) ?? []))],
                l.Strings(F.DeskReview) ?? []))],
            c.ValueKind == JsonValueKind.Object
                ? new CertificateRecord(c.Str(F.Issued) ?? "", c.Str(F.ValidUntil) ?? "", c.Str(F.Why) ?? "", c.Str(F.SupportUntil), c.Flag(F.UpdatesWork), c.Str(F.Registry))
                : null,
            e.Str(F.NoCertificate));
    }
}

/// <summary>The ladder scheme a decision comes from.</summary>
public sealed record LadderIdentity(string Id, string Title, string Version, string Standard, string File, string Sha256, string DecisionRule);

/// <summary>One level's outcome; <see cref="DeskReview"/> reads "ID title" per item left to a desk review.</summary>
public sealed record LevelRecord(string Id, string Title, string Standard, string DecisionRule, string Outcome, IReadOnlyList<ProvisionRecord> Provisions, IReadOnlyList<string> DeskReview);

/// <summary>A certificate's terms as decided at the end of the run: dates as YYYY-MM-DD; <see cref="Registry"/> is the lab's registry base address.</summary>
public sealed record CertificateRecord(string Issued, string ValidUntil, string Why, string? SupportUntil, bool UpdatesWork, string? Registry);
