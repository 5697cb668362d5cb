using System.Globalization;
using Rig.Reports.Model;
using Rig.Reports.Text;

namespace Rig.Reports.Rendering;

/// <summary>
/// Turns the model into the view a template sees. Every string goes through
/// <see cref="DeviceText"/>: plan reasons and device fields may quote the device, and a bidi
/// override in any of them could visually reorder a verdict.
/// </summary>
internal static class ReportViewBuilder
{
    private const int MaxFieldChars = 4 * 1024;
    private const int MaxDigestChars = 256;

    public static ReportView Build(ReportModel model)
    {
        IReadOnlyList<PlanResult> plans = model.Plans ?? [];
        return new ReportView(
            Field(model.ReportId),
            Field(model.Title),
            Date(model.IssuedAtUtc),
            Field(model.RigVersion),
            new LabView(Field(model.Lab.Name), Field(model.Lab.Address), Optional(model.Lab.AccreditationId)),
            new DeviceView(
                Field(model.Device.Manufacturer),
                Field(model.Device.Model),
                Field(model.Device.ProfileName),
                Digest(model.Device.ProfileSha256),
                Field(model.Device.Address),
                Optional(model.Device.FirmwareVersion),
                Optional(model.Device.Serial),
                Optional(model.Device.HardwareRevision),
                Optional(model.Device.Mac),
                Optional(model.Device.FirmwareImage),
                model.Device.FirmwareImageSha256 is null ? null : Digest(model.Device.FirmwareImageSha256)),
            new BenchView(
                Field(model.Bench.Name),
                Digest(model.Bench.BenchFileSha256),
                Field(model.Bench.Slot),
                Field(model.Bench.Power),
                Field(model.Bench.Console),
                Field(model.Bench.ConsoleSettings)),
            Date(model.TestStartedUtc),
            Date(model.TestFinishedUtc),
            Verdict(model.Overall),
            Tally(plans),
            plans.Select(Plan).ToArray(),
            new SignerView(Field(model.Signer.Name), Digest(model.Signer.KeyFingerprint)),
            model.Conformity is { } c ? Conformity(c) : null,
            Optional(model.Customer),
            Field(model.Lab.Address) + "; bench " + Field(model.Bench.Name) + ", slot " + Field(model.Bench.Slot),
            Optional(model.ReceivedDate),
            (model.Deviations ?? []).Where(d => d is not null).Select(d => new DeviationView(Field(d.PlanId), Field(d.Kind), Field(d.Reason))).ToArray(),
            model.Timeline is not null,
            model.Ladder is { } ladder ? LadderViewBuilder.Build(ladder, Field, Outcome) : null)
        {
            TimelineMarkup = model.Timeline is { } t ? TimelineSvg.Render(t) : null,
        };
    }

    private static ConformityView Conformity(ConformityStatement c) => new(
        Field(c.Scheme),
        Field(c.Version),
        Field(c.Standard),
        Field(c.DecisionRule),
        (c.Provisions ?? []).Select(p => new ProvisionView(Field(p.Id), Field(p.Title), Field(p.DecidedBy), Outcome(p.Outcome))).ToArray(),
        Outcome(c.Overall));

    /// <summary>Provision outcomes and the overall statement in words, with the colour of the verdict they correspond to.</summary>
    internal static VerdictView Outcome(string? outcome) => outcome switch
    {
        "met" or "conforms" => new VerdictView(outcome.ToUpperInvariant(), Verdicts.Pass),
        "not met" or "does not conform" => new VerdictView(outcome.ToUpperInvariant(), Verdicts.Fail),
        "inconclusive" => new VerdictView("INCONCLUSIVE", Verdicts.Inconclusive),
        "not applicable" => new VerdictView("NOT APPLICABLE", Verdicts.NotApplicable),
        _ => new VerdictView("UNKNOWN OUTCOME " + Field(outcome), "unknown"),
    };

    /// <summary>The words and CSS class of a verdict; the class comes from a fixed set, never from the model.</summary>
    internal static VerdictView Verdict(string? verdict) => Verdicts.IsKnown(verdict)
        ? new VerdictView(verdict!.Replace('-', ' ').ToUpperInvariant(), verdict)
        : new VerdictView("UNKNOWN VERDICT " + Field(verdict), "unknown");

    private static PlanView Plan(PlanResult plan)
    {
        string[] provisions = (plan.Provisions ?? []).Select(Field).ToArray();
        (string Svg, string? Note)? diagram = plan.Diagram is { } d ? DiagramSvg.Render(d) : null;
        string? note = string.Join(" ", new[] { plan.DiagramNote, diagram?.Note }.Where(n => !string.IsNullOrEmpty(n)));
        return new PlanView(
            Field(plan.Id),
            Field(plan.Title),
            Field(plan.File),
            Digest(plan.Sha256),
            provisions,
            string.Join("; ", provisions),
            Verdict(plan.Verdict),
            Field(plan.Reason),
            string.Join(" \u2192 ", (plan.StatePath ?? []).Select(Field)),
            (plan.Inputs ?? []).Select(i => new InputView(Field(i.Name), Digest(i.Sha256))).ToArray(),
            (plan.Evidence ?? []).Select(EvidenceFormatter.Format).ToArray(),
            diagram is not null,
            note.Length == 0 ? null : Field(note))
        {
            DiagramMarkup = diagram?.Svg,
        };
    }

    private static VerdictCount[] Tally(IReadOnlyList<PlanResult> plans) =>
        Verdicts.All
            .Select(v => (Verdict: v, Count: plans.Count(p => p.Verdict == v)))
            .Where(t => t.Count > 0)
            .Select(t => new VerdictCount(Verdict(t.Verdict), t.Count.ToString(CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>UTC, to the second, one fixed format whatever the machine's culture.</summary>
    internal static string Date(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Field(string? text) => DeviceText.Show(text, MaxFieldChars) ?? "";

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : Field(text);

    private static string Digest(string? hex) => DeviceText.Show(hex, MaxDigestChars) ?? "";
}
