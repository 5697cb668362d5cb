using System.Globalization;
using System.Security.Cryptography;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Runs;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>
/// Builds the report model from a run folder alone (journal + raw console log): the report can
/// be re-rendered without the process that ran the tests, and says nothing the journal does not.
/// </summary>
public static class ReportBuilder
{
    /// <summary>
    /// The report model of the run in <paramref name="runDir"/>. Plans are drawn from their files
    /// when found as named (relative to the working folder) or under one of <paramref name="planRoots"/>
    /// with the SHA-256 the journal recorded; otherwise the report says there is no drawing.
    /// </summary>
    public static ReportModel Build(string runDir, SignerIdentity signer, DateTimeOffset issuedAt, IReadOnlyList<string>? planRoots = null) =>
        Build(JournalReader.Read(Path.Combine(runDir, SlotCertification.JournalFile)), runDir, signer, issuedAt, planRoots);

    /// <summary>The report model from a journal already read (the report and its certificate share one parse).</summary>
    public static ReportModel Build(RunJournal journal, string runDir, SignerIdentity signer, DateTimeOffset issuedAt, IReadOnlyList<string>? planRoots = null)
    {
        RunStartEvent start = journal.RunStart ?? throw new InvalidDataException($"{runDir}: the journal has no run-start event");
        LabRecord lab = start.Lab;
        BenchRecord bench = start.Bench;
        ProfileRecord profile = start.Profile;
        DateTimeOffset startedUtc = DateTimeOffset.Parse(start.Utc!, CultureInfo.InvariantCulture);
        var chunks = journal.Of<ConsoleChunkEvent>().Select(e => (e.MonoNs, e.Offset, (int)e.Length)).ToList();

        var plans = new List<PlanResult>();
        foreach (RunPlan p in start.Plans)
        {
            PlanResult plan = BuildPlan(journal, p, Path.Combine(runDir, SlotCertification.ConsoleLogFile), chunks);
            (Diagram? diagram, string? note) = PlanDiagrams.For(journal, plan.Id, plan.File, plan.Sha256, planRoots ?? []);
            plans.Add(plan with { Diagram = diagram, DiagramNote = note });
        }

        string overall = Plans.Verdicts.Combine(plans.Select(p => Plans.Verdicts.TryParse(p.Verdict, out Verdict v) ? v : Verdict.Error)).Text();
        return new ReportModel(
            ReportId(journal, startedUtc),
            "Security test report: " + string.Join(", ", plans.Select(p => p.Id)),
            issuedAt,
            start.RigVersion ?? "unknown",
            new Lab(lab.Name!, lab.Address!, lab.Accreditation),
            new DeviceUnderTest(profile.Manufacturer!, profile.Model!, profile.File!, profile.Sha256!, profile.Address!, profile.FirmwareVersion,
                profile.Serial, profile.HardwareRevision, profile.Mac, profile.FirmwareImage, profile.FirmwareSha256),
            new BenchSetup(bench.Name!, bench.Sha256!, bench.Slot!, bench.Power!, bench.Console!, bench.ConsoleSettings!),
            startedUtc,
            startedUtc.AddTicks((journal.EndNs - journal.StartNs) / 100),
            overall,
            plans,
            signer,
            Conformity(journal),
            lab.Customer,
            lab.Received,
            Deviations.From(journal, plans.Select(p => p.Id)),
            SlotTimeline.From(journal),
            LadderStatements.From(journal));
    }

    /// <summary>The scheme's statement, when the run followed one: from run-start's scheme and the scheme-result event.</summary>
    private static ConformityStatement? Conformity(RunJournal journal)
    {
        if (journal.RunStart?.Scheme is not { } scheme || journal.SchemeResult is not { } result)
        {
            return null;
        }

        var provisions = result.Provisions.Select(p => new ProvisionOutcome(p.Id!, p.Title!, p.Outcome!, string.Join("; ", p.Plans))).ToList();
        return new ConformityStatement(scheme.Title!, scheme.Version!, scheme.Standard!, scheme.DecisionRule!, provisions, result.Overall!);
    }

    private static PlanResult BuildPlan(RunJournal journal, RunPlan p, string rawLog, IReadOnlyList<(long, long, int)> chunks)
    {
        string id = p.Id!;
        PlanStartEvent? begin = journal.ForPlan<PlanStartEvent>(id).FirstOrDefault();
        VerdictEvent? verdict = journal.ForPlan<VerdictEvent>(id).FirstOrDefault();
        string verdictText = verdict?.Verdict ?? Verdict.Error.Text();
        string reason = verdict?.Reason ?? "the run ended before this plan reached a verdict (interrupted, or the rig stopped)";
        IReadOnlyList<string> path = verdict?.Path ?? [.. journal.ForPlan<StateEvent>(id).Select(e => e.State)];

        var evidence = new List<Evidence>();
        if (begin is not null)
        {
            IReadOnlyList<EvidenceLine> console = ConsoleExcerpt.Cut(rawLog, chunks, begin.MonoNs, verdict?.MonoNs ?? journal.EndNs, journal.StartNs);
            if (console.Count > 0)
            {
                evidence.Add(new Evidence($"Serial console during {id} (last {ConsoleExcerpt.MaxLines} lines at most; all of it is in console.raw)", EvidenceKinds.Console, console));
            }
        }

        foreach (IGrouping<string, TranscriptEvent> t in journal.ForPlan<TranscriptEvent>(id).GroupBy(e => e.Title))
        {
            evidence.Add(new Evidence(t.Key, EvidenceKinds.Transcript, t.Select(e => new EvidenceLine(e.MonoNs - journal.StartNs, e.Dir, e.Data)).ToList()));
        }

        return new PlanResult(
            id,
            p.Title!,
            p.File!,
            p.Sha256!,
            [.. p.Provisions],
            verdictText,
            reason,
            [.. path],
            [.. p.Inputs.Select(i => new InputFile(i.Name!, i.Sha256!))],
            evidence);
    }

    /// <summary>Unique per run and stable across re-renders: the date plus a digest of the journal's opening event.</summary>
    private static string ReportId(RunJournal journal, DateTimeOffset started)
    {
        string digest = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(journal.Opening)))[..10];
        return $"RIG-{started.UtcDateTime:yyyyMMdd}-{digest}";
    }
}
