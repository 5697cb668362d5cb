using Rig.Engine.Journal;
using System.Text.RegularExpressions;
using Rig.Drivers.Expect;
using Rig.Engine.Plans;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    // Built once per plan, not per scan: death patterns are scanned on every console chunk.
    private DeathSet? _deaths;
    private DeathSet? _crashes;

    private sealed class DeathSet(IReadOnlyList<DeathPattern> patterns)
    {
        public IReadOnlyList<DeathPattern> Patterns { get; } = patterns;

        public Regex[] Regexes { get; } = patterns.Select(d => d.Pattern).ToArray();

        public bool Linear { get; } = patterns.All(d => PatternCompiler.IsLinear(d.Pattern));

        public PatternSignatures Signatures { get; } = new(patterns.Select(d => d.Signature).ToList());
    }

    /// <summary>The death patterns armed in the current state.</summary>
    private DeathSet Deaths => _state.ExpectsBoot
        ? _crashes ??= new DeathSet(_plan.Death.Where(d => d.Kind == DeathKind.Crash).ToList())
        : _deaths ??= new DeathSet(_plan.Death);

    /// <summary>
    /// Scans the death patterns over new output. Crash patterns are armed always; reboot patterns
    /// except in a state that expects a boot (one that powers the device on, or says expect_reboot).
    /// </summary>
    private PlanOutcome? CheckDeath()
    {
        DeathSet armed = Deaths;
        ExpectHit? hit = _session.Death.Scan(armed.Regexes, armed.Signatures);
        if (hit is null)
        {
            return null;
        }

        DeathPattern death = armed.Patterns[hit.PatternIndex];
        _vars["death"] = hit.Text.Trim();
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
