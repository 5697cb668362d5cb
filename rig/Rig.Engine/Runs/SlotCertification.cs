using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Runs;

/// <summary>
/// Runs a slot's plans one after another and, whatever happens (verdicts, rig faults, Ctrl-C,
/// SIGTERM), leaves the relay in the bench's safe state and the journal complete.
/// </summary>
public static class SlotCertification
{
    public const string JournalFile = RunJournal.FileName;
    public const string ConsoleLogFile = "console.raw";

    public static async Task<IReadOnlyList<PlanOutcome>> RunAsync(CertificationRequest request, IRunProgress progress, CancellationToken ct, ISupervisor? supervisor = null) =>
        (await CertifyAsync(request, progress, ct, supervisor).ConfigureAwait(false)).Outcomes;

    /// <summary>Runs the slot's plans; the scheme's decision (evaluated once, here) is journalled and returned.</summary>
    public static async Task<SlotResult> CertifyAsync(CertificationRequest request, IRunProgress progress, CancellationToken ct, ISupervisor? supervisor = null)
    {
        CheckDeviceAddress(request);
        if (File.Exists(Path.Combine(request.OutDir, JournalFile)))
        {
            // A journal belongs to one run; appending a second would mix their evidence.
            throw new ArgumentException($"{request.OutDir} already holds a run ({JournalFile}); give each run its own --out folder");
        }

        Directory.CreateDirectory(request.OutDir);
        using var journal = new JournalWriter(Path.Combine(request.OutDir, JournalFile));
        journal.Append(RunRecord.Start(request));
        supervisor?.Watch(request.Slot, journal.Path);

        IPowerSwitch power = request.Slot.OpenPower();
        var outcomes = new List<PlanOutcome>();
        bool interrupted = false;
        bool safe = false;
        try
        {
            IConsole console = request.Slot.OpenConsole();
            (IPowerMeter? meter, string? meterFault) = OpenMeter(request.Slot, journal);
            await using var session = new SlotSession(request.Slot, request.Profile, power, console, journal, Path.Combine(request.OutDir, ConsoleLogFile), meter)
            {
                Unit = request.Record ?? UnitRecord.None,
                MeterFault = meterFault,
            };
            try
            {
                PlanOutcome? broken = null;
                IReadOnlyDictionary<string, string> declaredFailures = request.DeclaredFailures;
                foreach (Plan plan in request.Plans)
                {
                    if (request.NotApplicable?.TryGetValue(plan.Id, out string? because) == true)
                    {
                        outcomes.Add(DecidedByProfile(journal, plan, Verdict.NotApplicable, because));
                        progress.PlanFinished(request.Slot.Name, outcomes[^1]);
                        continue;
                    }

                    if (declaredFailures.TryGetValue(plan.Id, out string? failure))
                    {
                        outcomes.Add(DecidedByProfile(journal, plan, Verdict.Fail, failure));
                        progress.PlanFinished(request.Slot.Name, outcomes[^1]);
                        continue;
                    }

                    if (broken is not null)
                    {
                        outcomes.Add(Skipped(journal, plan, broken));
                        continue;
                    }

                    PlanOutcome outcome = await new PlanRunner(session, plan, progress).RunAsync(ct).ConfigureAwait(false);
                    outcomes.Add(outcome);
                    if (outcome.RigFault)
                    {
                        broken = outcome; // the device is in an unknown state: stop here, power to safe
                        progress.Note(request.Slot.Name, $"slot broken by {plan.Id}: {outcome.Reason}; later plans are skipped");
                    }
                }
            }
            catch (OperationCanceledException)
            {
                interrupted = true;
                throw;
            }
            finally
            {
                safe = await session.EnterSafeStateAsync().ConfigureAwait(false);
                if (safe)
                {
                    supervisor?.Safe(request.Slot.Name);
                }
            }
        }
        finally
        {
            await power.DisposeAsync().ConfigureAwait(false);
            journal.Append(new RunEndEvent(interrupted, safe));
        }

        if (!safe)
        {
            progress.Note(request.Slot.Name, $"WARNING: could not drive {power.Describe} to its safe state; check the relay by hand");
        }

        Schemes.SchemeResult? decision = null;
        // A scheme names each plan once; a run of loose plans may repeat one and needs no verdict table.
        IReadOnlyDictionary<string, Verdict> verdicts = request.Scheme is null && request.LadderScheme is null
            ? new Dictionary<string, Verdict>()
            : outcomes.ToDictionary(o => o.Plan.Id, o => o.Verdict);
        if (request.Scheme is { } scheme)
        {
            decision = Schemes.SchemeEvaluator.Evaluate(scheme, verdicts);
            journal.Append(SchemeRecord.Result(decision));
        }

        Schemes.LadderResult? ladder = null;
        LadderResultEvent? climbed = null;
        if (request.LadderScheme is { } ladderScheme)
        {
            ladder = Schemes.LadderEvaluator.Evaluate(ladderScheme, verdicts);
            climbed = LadderRecord.Result(ladder, request, verdicts, DateOnly.FromDateTime(DateTime.UtcNow));
            journal.Append(climbed);
        }

        return new SlotResult(outcomes, decision, ladder, climbed);
    }

    /// <summary>
    /// The slot's power meter; one that cannot be opened is a warning, not the end of the run: plans
    /// that need it end in error, the others run.
    /// </summary>
    private static (IPowerMeter? Meter, string? Fault) OpenMeter(SlotConfig slot, JournalWriter journal)
    {
        try
        {
            return (slot.OpenMeter(), null);
        }
        catch (RigFaultException e)
        {
            journal.Append(new WarningEvent(e.Message));
            return (null, e.Message);
        }
    }

    /// <summary>A plan not run because the profile's declarations decide it: not applicable, or failed by a declared absence.</summary>
    private static PlanOutcome DecidedByProfile(JournalWriter journal, Plan plan, Verdict verdict, string because)
    {
        long now = Monotonic.NowNs;
        var outcome = new PlanOutcome(plan, verdict, because, [], now, now, [], RigFault: false);
        journal.Append(new VerdictEvent(plan.Id, outcome.Verdict.Text(), because, RigFault: false, NotApplicable: verdict == Verdict.NotApplicable, Declared: true));
        return outcome;
    }

    private static PlanOutcome Skipped(JournalWriter journal, Plan plan, PlanOutcome broken)
    {
        long now = Monotonic.NowNs;
        var outcome = new PlanOutcome(plan, Verdict.Error, $"skipped: the slot broke in {broken.Plan.Id} ({broken.Reason})", [], now, now, [], RigFault: true);
        journal.Append(new VerdictEvent(plan.Id, outcome.Verdict.Text(), outcome.Reason, RigFault: true, Skipped: true));
        return outcome;
    }

    /// <summary>A device the backend places itself (a virtual one) must live where the profile says, or every network test would miss it.</summary>
    private static void CheckDeviceAddress(CertificationRequest request)
    {
        SlotConfig slot = request.Slot;
        if (slot.PowerBackend.DeviceAddress(slot.Power) is { } address && address != request.Profile.Address.ToString())
        {
            throw new ArgumentException(
                $"slot '{slot.Name}' of {request.Bench.File} runs its device at {address} ({slot.PowerBackend.Describe(slot.Power)}), but profile {request.Profile.File} declares the device at {request.Profile.Address}");
        }
    }
}
