using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Rig.Engine.Plans;
using Rig.Engine.Runs;
using Rig.Reports.Model;
using static Rig.Engine.Reporting.JournalView;

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
    public static ReportModel Build(string runDir, SignerIdentity signer, DateTimeOffset issuedAt, IReadOnlyList<string>? planRoots = null)
    {
        var journal = new JournalView(runDir);
        JsonElement start = journal.RunStart;
        JsonElement lab = start.GetProperty("lab");
        JsonElement bench = start.GetProperty("bench");
        JsonElement profile = start.GetProperty("profile");
        DateTimeOffset startedUtc = DateTimeOffset.Parse(Str(start, "utc")!, CultureInfo.InvariantCulture);
        var chunks = journal.OfKind("console")
            .Select(e => (e.GetProperty("mono_ns").GetInt64(), e.GetProperty("off").GetInt64(), e.GetProperty("len").GetInt32()))
            .ToList();

        var plans = new List<PlanResult>();
        foreach (JsonElement p in start.GetProperty("plans").EnumerateArray())
        {
            PlanResult plan = BuildPlan(journal, p, Path.Combine(runDir, SlotCertification.ConsoleLogFile), chunks);
            (Diagram? diagram, string? note) = PlanDiagrams.For(runDir, plan.Id, plan.File, plan.Sha256, planRoots ?? []);
            plans.Add(plan with { Diagram = diagram, DiagramNote = note });
        }

        string overall = Plans.Verdicts.Combine(plans.Select(p => Plans.Verdicts.TryParse(p.Verdict, out Verdict v) ? v : Verdict.Error)).Text();
        return new ReportModel(
            ReportId(runDir, startedUtc),
            "Security test report: " + string.Join(", ", plans.Select(p => p.Id)),
            issuedAt,
            Str(start, "rig_version") ?? "unknown",
            new Lab(Str(lab, "name")!, Str(lab, "address")!, Str(lab, "accreditation")),
            new DeviceUnderTest(Str(profile, "manufacturer")!, Str(profile, "model")!, Str(profile, "file")!, Str(profile, "sha256")!, Str(profile, "address")!, Str(profile, "firmware_version"),
                Str(profile, "serial"), Str(profile, "hardware_revision"), Str(profile, "mac"), Str(profile, "firmware_image"), Str(profile, "firmware_sha256")),
            new BenchSetup(Str(bench, "name")!, Str(bench, "sha256")!, Str(bench, "slot")!, Str(bench, "power")!, Str(bench, "console")!, Str(bench, "console_settings")!),
            startedUtc,
            startedUtc.AddTicks((journal.EndNs - journal.StartNs) / 100),
            overall,
            plans,
            signer,
            Conformity(journal),
            Str(lab, "customer"),
            Str(lab, "received"),
            Deviations.From(journal, plans.Select(p => p.Id)),
            SlotTimeline.From(journal));
    }

    /// <summary>The scheme's statement, when the run followed one: from run-start's scheme and the scheme-result event.</summary>
    private static ConformityStatement? Conformity(JournalView journal)
    {
        JsonElement result = journal.OfKind("scheme-result").LastOrDefault();
        if (!journal.RunStart.TryGetProperty("scheme", out JsonElement scheme) || result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var provisions = result.GetProperty("provisions").EnumerateArray().Select(p => new ProvisionOutcome(
            Str(p, "id")!,
            Str(p, "title")!,
            Str(p, "outcome")!,
            string.Join("; ", p.GetProperty("plans").EnumerateArray().Select(x => x.GetString())))).ToList();
        return new ConformityStatement(Str(scheme, "title")!, Str(scheme, "version")!, Str(scheme, "standard")!, Str(scheme, "decision_rule")!, provisions, Str(result, "overall")!);
    }

    private static PlanResult BuildPlan(JournalView journal, JsonElement p, string rawLog, IReadOnlyList<(long, long, int)> chunks)
    {
        string id = Str(p, "id")!;
        JsonElement begin = journal.ForPlan("plan-start", id).FirstOrDefault();
        JsonElement verdict = journal.ForPlan("verdict", id).FirstOrDefault();
        string verdictText = verdict.ValueKind == JsonValueKind.Object ? Str(verdict, "verdict")! : Verdict.Error.Text();
        string reason = verdict.ValueKind == JsonValueKind.Object
            ? Str(verdict, "reason")!
            : "the run ended before this plan reached a verdict (interrupted, or the rig stopped)";
        var path = verdict.ValueKind == JsonValueKind.Object && verdict.TryGetProperty("path", out JsonElement pathEl)
            ? pathEl.EnumerateArray().Select(s => s.GetString()!).ToList()
            : journal.ForPlan("state", id).Select(e => Str(e, "state")!).ToList();

        var evidence = new List<Evidence>();
        if (begin.ValueKind == JsonValueKind.Object)
        {
            long from = begin.GetProperty("mono_ns").GetInt64();
            long to = verdict.ValueKind == JsonValueKind.Object ? verdict.GetProperty("mono_ns").GetInt64() : journal.EndNs;
            IReadOnlyList<EvidenceLine> console = ConsoleExcerpt.Cut(rawLog, chunks, from, to, journal.StartNs);
            if (console.Count > 0)
            {
                evidence.Add(new Evidence($"Serial console during {id} (last {ConsoleExcerpt.MaxLines} lines at most; all of it is in console.raw)", EvidenceKinds.Console, console));
            }
        }

        foreach (IGrouping<string, JsonElement> t in journal.ForPlan("transcript", id).GroupBy(e => Str(e, "title")!))
        {
            evidence.Add(new Evidence(t.Key, EvidenceKinds.Transcript, t.Select(e => new EvidenceLine(
                e.GetProperty("mono_ns").GetInt64() - journal.StartNs,
                Str(e, "dir"),
                e.GetProperty("data").GetBytesFromBase64())).ToList()));
        }

        return new PlanResult(
            id,
            Str(p, "title")!,
            Str(p, "file")!,
            Str(p, "sha256")!,
            p.GetProperty("provisions").EnumerateArray().Select(x => x.GetString()!).ToList(),
            verdictText,
            reason,
            path,
            p.GetProperty("inputs").EnumerateArray().Select(i => new InputFile(Str(i, "name")!, Str(i, "sha256")!)).ToList(),
            evidence);
    }

    /// <summary>Unique per run and stable across re-renders: the date plus a digest of the journal's opening event.</summary>
    private static string ReportId(string runDir, DateTimeOffset started)
    {
        string firstLines = string.Join('\n', File.ReadLines(Path.Combine(runDir, SlotCertification.JournalFile)).Take(2));
        string digest = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(firstLines)))[..10];
        return $"RIG-{started.UtcDateTime:yyyyMMdd}-{digest}";
    }
}
