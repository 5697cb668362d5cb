using System.Text.RegularExpressions;
using Rig.Engine.Config;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Expect;
using Rig.Protocols;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    private async Task<PlanOutcome?> MatchAsync(CancellationToken ct)
    {
        while (!_acting)
        {
            ExpectHit? hit;
            try
            {
                hit = _session.Expect.Scan(_armedRegex);
            }
            catch (RegexMatchTimeoutException e)
            {
                return Outcome(Verdict.Error, $"pattern '{e.Pattern}' took too long on the device's output", rigFault: true);
            }

            if (hit is null)
            {
                return null;
            }

            string source = _armed[hit.PatternIndex];
            foreach ((string k, string v) in hit.Captures)
            {
                _vars[k] = v;
            }

            Transition? t = First(t => t.Trigger is ConsoleTrigger c && c.Source == source);
            _session.Journal.Append(new MatchEvent(_plan.Id, _state.Name, source, hit.Text, hit.StreamOffset, Taken: t is not null));
            if (t is null)
            {
                continue; // guards said no: the match is consumed, keep looking in what follows
            }

            long entry = _entry;
            PlanOutcome? outcome = await TakeAsync(t, ct).ConfigureAwait(false);
            if (outcome is not null || _entry != entry || _acting)
            {
                return outcome; // a new state scans on entry; one with running actions waits for them
            }
        }

        return null;
    }

    /// <summary>The first transition of the current state that fits, whose guard holds and whose limit is not used up.</summary>
    private Transition? First(Func<Transition, bool> fits) => _state.On.FirstOrDefault(t => fits(t) && Allowed(t));

    private bool Allowed(Transition t) =>
        (t.Limit is null || _taken.GetValueOrDefault(t) < t.Limit) && (t.When is null || t.When.Holds(_vars));

    private async Task<PlanOutcome?> TakeAsync(Transition t, CancellationToken ct)
    {
        if (!t.Brief)
        {
            await ConsoleDelivery.Leave(); // state changes cancel actions and start new ones: not on the reader's thread
        }

        _taken[t] = _taken.GetValueOrDefault(t) + 1;
        if (t.Internal)
        {
            await RunInlineAsync(t.Do, "do", ct).ConfigureAwait(false);
            Arm(); // a limit may just have run out
            return null;
        }

        await RunInlineAsync(_state.Exit, "exit", ct).ConfigureAwait(false);
        await RunInlineAsync(t.Do, "do", ct).ConfigureAwait(false);
        if (t.Verdict is { } verdict)
        {
            return Outcome(verdict, Template.Expand(t.Because!, _vars), rigFault: false);
        }

        return await EnterAsync(t.Goto!, ct).ConfigureAwait(false);
    }

    private async Task<PlanOutcome?> EnterAsync(string name, CancellationToken ct)
    {
        if (LeavingBoot(_plan.States[name]) is { } died)
        {
            return died;
        }

        _stateCts?.Cancel(); // actions of the state being left stop here
        _stateCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _state = _plan.States[name];
        _entry = _session.NextEntry();
        _path.Add(name);
        _deferred.Clear();
        _session.Journal.Append(new StateEvent(_plan.Id, name));
        _progress.StateEntered(_session.Slot.Name, _plan, name);

        Arm();
        _session.Expect.Rearm();
        _delays = new TimeSpan[_state.On.Count];
        for (int i = 0; i < _state.On.Count; i++)
        {
            if (_state.On[i].Trigger is AfterTrigger after)
            {
                _delays[i] = Delay(after, _state.On[i]);
                StartTimer(_delays[i], new TimerFired(_entry, i), _stateCts.Token);
            }
        }

        _acting = _state.Enter.Count > 0;
        WatchCurrentFromNow();
        if (_acting)
        {
            _actions = RunActionsAsync(_state, _entry, _stateCts.Token);
        }

        return await MatchAsync(ct).ConfigureAwait(false); // output already waiting may satisfy the new state at once
    }

    private void Arm()
    {
        _armed = _state.On
            .Where(t => t.Trigger is ConsoleTrigger && (t.Limit is null || _taken.GetValueOrDefault(t) < t.Limit))
            .Select(t => ((ConsoleTrigger)t.Trigger).Source)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _armedRegex = _armed
            .Select(s => ((ConsoleTrigger)_state.On.First(t => t.Trigger is ConsoleTrigger c && c.Source == s).Trigger).Pattern)
            .ToArray();
        ArmedLinear = _armedRegex.All(PatternCompiler.IsLinear);
    }

    /// <summary>Every armed console pattern matches in linear time (none needed the backtracking engine).</summary>
    private bool ArmedLinear { get; set; } = true;

    private TimeSpan Delay(AfterTrigger after, Transition t)
    {
        if (after.Delay is { } d)
        {
            return d;
        }

        string text = Template.Expand(after.Template!, _vars);
        if (Config.Duration.TryParse(text, out TimeSpan parsed))
        {
            return parsed;
        }

        throw new RigFaultException($"{t.Pos}: after '{after.Template}' became '{text}', not a duration");
    }

    private void StartTimer(TimeSpan delay, TimerFired fired, CancellationToken token) =>
        _ = Task.Delay(delay, token).ContinueWith(
            t => { if (!t.IsCanceled) _session.Queue.Post(fired); },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
