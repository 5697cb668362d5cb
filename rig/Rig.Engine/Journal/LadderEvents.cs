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
    internal static readonly JsonEncodedText Kind = JsonEncodedText.Encode("ladder-result");
    private static readonly JsonEncodedText LevelName = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText StatementName = JsonEncodedText.Encode("statement");
    private static readonly JsonEncodedText LevelsName = JsonEncodedText.Encode("levels");
    private static readonly JsonEncodedText CertificateName = JsonEncodedText.Encode("certificate");
    private static readonly JsonEncodedText NoCertificateName = JsonEncodedText.Encode("no_certificate");
    private static readonly JsonEncodedText Standard = JsonEncodedText.Encode("standard");
    private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("decision_rule");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
    private static readonly JsonEncodedText DeskReview = JsonEncodedText.Encode("desk_review");
    private static readonly JsonEncodedText Issued = JsonEncodedText.Encode("issued");
    private static readonly JsonEncodedText ValidUntil = JsonEncodedText.Encode("valid_until");
    private static readonly JsonEncodedText Why = JsonEncodedText.Encode("why");
    private static readonly JsonEncodedText SupportUntil = JsonEncodedText.Encode("support_until");
    private static readonly JsonEncodedText UpdatesWork = JsonEncodedText.Encode("updates_work");
    private static readonly JsonEncodedText Registry = JsonEncodedText.Encode("registry");

    internal override JsonEncodedText Ev => Kind;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteStartObject(F.Scheme);
        w.WriteString(F.Id, Scheme.Id);
        w.WriteString(F.Title, Scheme.Title);
        w.WriteString(Version, Scheme.Version);
        w.WriteString(Standard, Scheme.Standard);
        w.WriteString(FileName, Scheme.File);
        w.WriteString(Sha256, Scheme.Sha256);
        w.WriteString(Rule, Scheme.DecisionRule);
        w.WriteEndObject();
        w.WriteIfSet(LevelName, Level);
        w.WriteString(StatementName, Statement);
        w.WriteStartArray(LevelsName);
        foreach (LevelRecord l in Levels)
        {
            w.WriteStartObject();
            w.WriteString(F.Id, l.Id);
            w.WriteString(F.Title, l.Title);
            w.WriteString(Standard, l.Standard);
            w.WriteString(Rule, l.DecisionRule);
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
            w.WriteStrings(DeskReview, l.DeskReview);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (Certificate is { } c)
        {
            w.WriteStartObject(CertificateName);
            w.WriteString(Issued, c.Issued);
            w.WriteString(ValidUntil, c.ValidUntil);
            w.WriteString(Why, c.Why);
            w.WriteIfSet(SupportUntil, c.SupportUntil);
            w.WriteBoolean(UpdatesWork, c.UpdatesWork);
            w.WriteIfSet(Registry, c.Registry);
            w.WriteEndObject();
        }

        w.WriteIfSet(NoCertificateName, NoCertificate);
    }

    internal static LadderResultEvent Read(JsonElement e)
    {
        JsonElement s = e.Obj(F.Scheme);
        JsonElement c = e.Obj(CertificateName);
        return new LadderResultEvent(
            new LadderIdentity(s.Str(F.Id) ?? "", s.Str(F.Title) ?? "", s.Str(Version) ?? "", s.Str(Standard) ?? "", s.Str(FileName) ?? "", s.Str(Sha256) ?? "", s.Str(Rule) ?? ""),
            e.Str(LevelName),
            e.Str(StatementName) ?? "",
            [.. e.Objects(LevelsName).Select(l => new LevelRecord(
                l.Str(F.Id) ?? "", l.Str(F.Title) ?? "", l.Str(Standard) ?? "", l.Str(Rule) ?? "", l.Str(F.Outcome) ?? "",
                [.. l.Objects(F.Provisions).Select(p => new ProvisionRecord(p.Str(F.Id), p.Str(F.Title), p.Str(F.Outcome), p.Strings(F.Plans) ?? []))],
                l.Strings(DeskReview) ?? []))],
            c.ValueKind == JsonValueKind.Object
                ? new CertificateRecord(c.Str(Issued) ?? "", c.Str(ValidUntil) ?? "", c.Str(Why) ?? "", c.Str(SupportUntil), c.Flag(UpdatesWork), c.Str(Registry))
                : null,
            e.Str(NoCertificateName));
    }
}

/// <summary>The ladder scheme a decision comes from.</summary>
public sealed record LadderIdentity(string Id, string Title, string Version, string Standard, string File, string Sha256, string DecisionRule);

/// <summary>One level's outcome; <see cref="DeskReview"/> reads "ID title" per item left to a desk review.</summary>
public sealed record LevelRecord(string Id, string Title, string Standard, string DecisionRule, string Outcome, IReadOnlyList<ProvisionRecord> Provisions, IReadOnlyList<string> DeskReview);

/// <summary>A certificate's terms as decided at the end of the run: dates as YYYY-MM-DD; <see cref="Registry"/> is the lab's registry base address.</summary>
public sealed record CertificateRecord(string Issued, string ValidUntil, string Why, string? SupportUntil, bool UpdatesWork, string? Registry);
