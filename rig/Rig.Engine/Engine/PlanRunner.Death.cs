using Rig.Engine.Journal;
using Rig.Engine.Plans;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    // Built once per plan, not per scan: death patterns are scanned on every console chunk.
    private DeathScan? _deathScan;

    private DeathScan Deaths => _deathScan ??= new DeathScan(_plan.Death);

    /// <summary>True when the death patterns armed now cannot take long on any output.</summary>
    private bool DeathsLinear => Deaths.Linear(_state.ExpectsBoot);

    /// <summary>
    /// Scans the death patterns over new output. Crash patterns are armed always; reboot patterns
    /// except in a state that expects a boot (one that powers the device on, or says expect_reboot).
    /// </summary>
    private PlanOutcome? CheckDeath()
    {
        DeathHit? hit = Deaths.Scan(_session.Death, _state.ExpectsBoot);
        if (hit is null)
        {
            return null;
        }

        DeathPattern death = hit.Pattern;
        _vars["death"] = hit.Text;
        _session.Journal.Append(new DeathEvent(_plan.Id, _state.Name, death.Source, hit.Text, hit.StreamOffset));
        return Outcome(death.Verdict, Template.Expand(death.Because, _vars), rigFault: false);
    }

    /// <summary>
    /// Leaving a state that expected a boot: the boot's banner was fine there, so it must not count
    /// as an unasked reboot later through the look-back. Crash patterns still see every byte first.
    /// </summary>
    private PlanOutcome? LeavingBoot(PlanState next)
    {
        if (_state is null || !_state.ExpectsBoot || next.ExpectsBoot)
        {
            return null;
        }

        foreach (int _ in _session.DrainSlices())
        {
            if (CheckDeath() is { } died)
            {
                return died;
            }
        }

        _session.Death.Flush();
        return null;
    }
}
