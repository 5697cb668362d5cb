using Rig.Drivers.Power;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Protocols;

namespace Rig.Engine.Runs;

/// <summary>
/// Runs a slot's plans one after another and, whatever happens (verdicts, rig faults, Ctrl-C,
/// SIGTERM), leaves the relay in the bench's safe state and the journal complete.
/// </summary>
public static class SlotCertification
{
    public const string JournalFile = "journal.jsonl";
    public const string ConsoleLogFile = "console.raw";

    /// <param name="supervisor">Told before the slot may be powered and once it is safe, so a rig that dies in between leaves it safe anyway.</param>
    public static async Task<IReadOnlyList<PlanOutcome>> RunAsync(CertificationRequest request, IRunProgress progress, CancellationToken ct, ISupervisor? supervisor = null)
    {
        CheckSimAddress(request);
        if (File.Exists(Path.Combine(request.OutDir, JournalFile)))
        {
            // A journal belongs to one run; appending a second would mix their evidence.
            throw new ArgumentException($"{request.OutDir} already holds a run ({JournalFile}); give each run its own --out folder");
        }

        Directory.CreateDirectory(request.OutDir);
        using var journal = new JournalWriter(Path.Combine(request.OutDir, JournalFile));
        RunRecord.WriteStart(journal, request);
        supervisor?.Watch(request.Slot, journal.Path);

        IPowerSwitch power = DriverFactory.CreatePower(request.Slot);
        var outcomes = new List<PlanOutcome>();
        bool interrupted = false;
        bool safe = false;
        try
        {
            await using var session = new SlotSession(request.Slot, request.Profile, power, DriverFactory.CreateConsole(request.Slot.Console), journal, Path.Combine(request.OutDir, ConsoleLogFile));
            try
            {
                PlanOutcome? broken = null;
                foreach (Plan plan in request.Plans)
                {
                    if (request.NotApplicable?.TryGetValue(plan.Id, out string? because) == true)
                    {
                        outcomes.Add(NotApplicable(journal, plan, because));
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
            journal.Write("run-end", w =>
            {
                w.WriteBoolean("interrupted", interrupted);
                w.WriteBoolean("safe_state_reached", safe);
            }, durable: true);
        }

        if (!safe)
        {
            progress.Note(request.Slot.Name, $"WARNING: could not drive {power.Describe} to its safe state; check the relay by hand");
        }

        if (request.Scheme is { } scheme)
        {
            SchemeRecord.WriteResult(journal, Schemes.SchemeEvaluator.Evaluate(scheme, outcomes.ToDictionary(o => o.Plan.Id, o => o.Verdict)));
        }

        return outcomes;
    }

    private static PlanOutcome NotApplicable(JournalWriter journal, Plan plan, string because)
    {
        long now = Monotonic.NowNs;
        var outcome = new PlanOutcome(plan, Verdict.NotApplicable, because, [], now, now, [], RigFault: false);
        journal.Write("verdict", w =>
        {
            w.WriteString("plan", plan.Id);
            w.WriteString("verdict", outcome.Verdict.Text());
            w.WriteString("reason", because);
            w.WriteBoolean("rig_fault", false);
            w.WriteBoolean("not_applicable", true);
        }, durable: true);
        return outcome;
    }

    private static PlanOutcome Skipped(JournalWriter journal, Plan plan, PlanOutcome broken)
    {
        long now = Monotonic.NowNs;
        var outcome = new PlanOutcome(plan, Verdict.Error, $"skipped: the slot broke in {broken.Plan.Id} ({broken.Reason})", [], now, now, [], RigFault: true);
        journal.Write("verdict", w =>
        {
            w.WriteString("plan", plan.Id);
            w.WriteString("verdict", outcome.Verdict.Text());
            w.WriteString("reason", outcome.Reason);
            w.WriteBoolean("rig_fault", true);
            w.WriteBoolean("skipped", true);
        }, durable: true);
        return outcome;
    }

    /// <summary>A virtual device must live where the profile says the device is, or every network test would miss it.</summary>
    private static void CheckSimAddress(CertificationRequest request)
    {
        // A replay has no network: only a live virtual device must sit at the profile's address.
        if (request.Slot.Power is SimPowerOptions { Transcript: null } sim && sim.Address != request.Profile.Address.ToString())
        {
            throw new ArgumentException(
                $"slot '{request.Slot.Name}' of {request.Bench.File} runs its virtual device at {sim.Address}, but profile {request.Profile.File} declares the device at {request.Profile.Address}");
        }
    }
}
