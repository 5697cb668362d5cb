using System.Globalization;
using Rig.Engine.Plans;
using Rig.Protocols;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    private long[] _currentSince = []; // per transition of the current state: when its current condition began to hold, or -1
    private long _currentFrom;         // readings before this (entry actions still running) do not count
    private long _lastReadingNs = -1;

    /// <summary>
    /// A plan that reads current on a slot without a meter: it cannot observe what it would decide
    /// on, so it is inconclusive before it starts (an error when the bench's meter failed to open).
    /// </summary>
    private PlanOutcome? WithoutMeter()
    {
        if (!_plan.Needs.Contains(CurrentCondition.Need) || _session.MeterInterval is not null)
        {
            return null;
        }

        return _session.MeterFault is { } fault
            ? Outcome(Verdict.Error, $"the plan needs the slot's power meter, which could not be opened: {fault}", rigFault: false)
            : Outcome(Verdict.Inconclusive, $"the plan needs a power meter and slot '{_session.Slot.Name}' has none (add 'meter:' to the bench file); its current was not observed", rigFault: false);
    }

    /// <summary>Current conditions are watched once the state's entry actions are done, like its console patterns.</summary>
    private void WatchCurrentFromNow()
    {
        _currentSince = new long[_state.On.Count];
        Array.Fill(_currentSince, -1);
        _currentFrom = Monotonic.NowNs;
        _lastReadingNs = -1;
    }

    /// <summary>
    /// A reading: the first <c>current:</c> transition whose condition has held over every reading
    /// for its whole duration is taken. A gap in the readings (a meter that did not answer) starts
    /// every duration again: what was not read was not observed.
    /// </summary>
    private async Task<PlanOutcome?> OnCurrentAsync(CurrentSampled reading, CancellationToken ct)
    {
        if (_acting || reading.MonoNs < _currentFrom || _currentSince.Length != _state.On.Count)
        {
            return null;
        }

        long gap = 3 * (_session.MeterInterval ?? TimeSpan.Zero).Ticks * 100;
        if (_lastReadingNs >= 0 && reading.MonoNs - _lastReadingNs > gap)
        {
            Array.Fill(_currentSince, -1);
        }

        _lastReadingNs = reading.MonoNs;
        Transition? due = null;
        for (int i = 0; i < _state.On.Count; i++)
        {
            if (_state.On[i].Trigger is not CurrentTrigger c)
            {
                continue;
            }

            if (!c.Condition.Holds(reading.Milliamps))
            {
                _currentSince[i] = -1;
                continue;
            }

            if (_currentSince[i] < 0)
            {
                _currentSince[i] = reading.MonoNs;
            }

            if (due is null && reading.MonoNs - _currentSince[i] >= c.Condition.For.Ticks * 100 && Allowed(_state.On[i]))
            {
                due = _state.On[i];
            }
        }

        if (due is null)
        {
            return null;
        }

        _vars[PlanValidator.CurrentVariable] = reading.Milliamps.ToString("0.###", CultureInfo.InvariantCulture);
        return await TakeAsync(due, ct).ConfigureAwait(false);
    }
}
