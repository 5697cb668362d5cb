using System.Text.RegularExpressions;
using Rig.Drivers.Expect;
using Rig.Engine.Actions;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// Interprets one plan on a slot: enters states, runs their entry actions, and takes the first
/// transition whose event arrives on the slot's single event queue.
/// </summary>
public sealed class PlanRunner
{
    private readonly SlotSession _session;
    private readonly Plan _plan;
    private readonly IRunProgress _progress;
    private readonly Dictionary<string, string> _vars;
    private readonly List<string> _path = [];
    private readonly List<EvidenceTranscript> _transcripts = [];
    private readonly ActionContext _context;
    private PlanState _state = null!;
    private long _entry;
    private Regex[] _armed = [];
    private CancellationTokenSource? _stateCts;
    private Task _actions = Task.CompletedTask;
    private bool _acting; // the state's entry actions still run: its console patterns wait for them
    private long _start;

    public PlanRunner(SlotSession session, Plan plan, IRunProgress? progress = null)
    {
        _session = session;
        _plan = plan;
        _progress = progress ?? SilentProgress.Instance;
        _vars = session.BaseVariables();
        _context = new ActionContext
        {
            PlanId = plan.Id,
            Slot = session.Slot,
            Power = session.Power,
            Console = session.Console,
            Profile = session.Profile,
            Journal = session.Journal,
            Expand = text => Template.Expand(text, _vars),
            PowerComingOnAsync = PowerComingOnAsync,
            AddEvidence = t => { lock (_transcripts) { _transcripts.Add(t); } },
        };
    }

    public async Task<PlanOutcome> RunAsync(CancellationToken ct)
    {
        _start = Monotonic.NowNs;
        _session.Journal.Write("plan-start", w =>
        {
            w.WriteString("slot", _session.Slot.Name);
            w.WriteString("plan", _plan.Id);
            w.WriteString("file", _plan.File);
            w.WriteString("sha256", _plan.Sha256);
        });
        _progress.PlanStarted(_session.Slot.Name, _plan);

        // A plan never matches output that an earlier plan left unconsumed.
        _session.Feed.DrainInto(_session.Expect);
        _session.Expect.Flush();

        using var planCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        planCts.CancelAfter(_plan.Timeout);
        try
        {
            PlanOutcome? outcome = Enter(_plan.Initial, planCts.Token);
            while (outcome is null)
            {
                RunEvent ev = await _session.Queue.Reader.ReadAsync(planCts.Token).ConfigureAwait(false);
                outcome = Handle(ev, planCts.Token);
            }

            return await FinishAsync(outcome).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FinishAsync(Outcome(Verdict.Error, $"the plan did not finish within {Config.Duration.Format(_plan.Timeout)} (in state '{_state.Name}')", rigFault: false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopActionsAsync().ConfigureAwait(false);
            _session.Journal.Write("plan-aborted", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", _state.Name); }, durable: true);
            throw;
        }
    }

    private PlanOutcome? Handle(RunEvent ev, CancellationToken ct)
    {
        switch (ev)
        {
            case ConsoleDataReady:
                _session.Feed.DrainInto(_session.Expect);
                return Match(ct);
            case ConsoleStatusChanged:
                return null; // journaled by the recorder; plans react to it in a later version
            case TimerFired t when t.Entry == _entry:
                return Take(_state.On[t.Transition], ct);
            case ActionsFinished f when f.Entry == _entry:
                _acting = false;
                foreach ((string k, string v) in f.Result.Variables)
                {
                    _vars[k] = v;
                }

                Transition? next = _state.On.FirstOrDefault(t => t.Trigger is ResultTrigger r && r.Name == f.Result.Name);
                return next is null ? Match(ct) : Take(next, ct);
            case ActionsFailed x when x.Entry == _entry:
                return Outcome(Verdict.Error, $"in state '{_state.Name}': {x.Error.Message}", rigFault: true);
            case PowerComingOn p:
                _session.Feed.DrainInto(_session.Expect);
                _session.Expect.Flush();
                p.Done.TrySetResult();
                return null;
            default:
                return null; // a timer or action of a state already left
        }
    }

    private PlanOutcome? Match(CancellationToken ct)
    {
        if (_acting)
        {
            return null; // e.g. output printed before a power cycle switched the device back on must not count
        }

        ExpectHit? hit;
        try
        {
            hit = _session.Expect.Scan(_armed);
        }
        catch (RegexMatchTimeoutException e)
        {
            return Outcome(Verdict.Error, $"pattern '{e.Pattern}' took too long on the device's output", rigFault: true);
        }

        if (hit is null)
        {
            return null;
        }

        ConsoleTrigger trigger = (ConsoleTrigger)ConsoleTransitions()[hit.PatternIndex].Trigger;
        foreach ((string k, string v) in hit.Captures)
        {
            _vars[k] = v;
        }

        _session.Journal.Write("match", w =>
        {
            w.WriteString("plan", _plan.Id);
            w.WriteString("state", _state.Name);
            w.WriteString("pattern", trigger.Source);
            w.WriteString("text", hit.Text);
            w.WriteNumber("stream_offset", hit.StreamOffset);
        });
        return Take(ConsoleTransitions()[hit.PatternIndex], ct);
    }

    private List<Transition> ConsoleTransitions() => _state.On.Where(t => t.Trigger is ConsoleTrigger).ToList();

    private PlanOutcome? Take(Transition t, CancellationToken ct)
    {
        if (t.Verdict is { } verdict)
        {
            return Outcome(verdict, Template.Expand(t.Because!, _vars), rigFault: false);
        }

        return Enter(t.Goto!, ct);
    }

    private PlanOutcome? Enter(string name, CancellationToken ct)
    {
        _stateCts?.Cancel(); // actions of the state being left stop here
        _stateCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _state = _plan.States[name];
        _entry = _session.NextEntry();
        _path.Add(name);
        _session.Journal.Write("state", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", name); });
        _progress.StateEntered(_session.Slot.Name, _plan, name);

        _armed = ConsoleTransitions().Select(t => ((ConsoleTrigger)t.Trigger).Pattern).ToArray();
        _session.Expect.Rearm();
        for (int i = 0; i < _state.On.Count; i++)
        {
            if (_state.On[i].Trigger is AfterTrigger after)
            {
                StartTimer(after.Delay, new TimerFired(_entry, i), _stateCts.Token);
            }
        }

        _acting = _state.Enter.Count > 0;
        if (_acting)
        {
            _actions = RunActionsAsync(_state, _entry, _stateCts.Token);
        }

        return Match(ct); // output already waiting may satisfy the new state at once
    }

    private void StartTimer(TimeSpan delay, TimerFired fired, CancellationToken token) =>
        _ = Task.Delay(delay, token).ContinueWith(
            t => { if (!t.IsCanceled) _session.Queue.Writer.TryWrite(fired); },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private async Task RunActionsAsync(PlanState state, long entry, CancellationToken token)
    {
        await Task.Yield(); // never run driver code on the loop's own stack
        try
        {
            ActionResult last = ActionResult.Done;
            foreach (ActionStep step in state.Enter)
            {
                _session.Journal.Write("action", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", state.Name); w.WriteString("action", step.Action.Describe); });
                last = await step.Action.RunAsync(_context, token).ConfigureAwait(false);
                ActionResult result = last;
                _session.Journal.Write("action-result", w =>
                {
                    w.WriteString("plan", _plan.Id);
                    w.WriteString("action", step.Action.Describe);
                    w.WriteString("result", result.Name);
                    foreach ((string k, string v) in result.Variables)
                    {
                        w.WriteString("var." + k, v);
                    }
                });
            }

            _session.Queue.Writer.TryWrite(new ActionsFinished(entry, last));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // the state was left or the run stopped: nothing to report
        }
        catch (Exception e)
        {
            _session.Queue.Writer.TryWrite(new ActionsFailed(entry, e));
        }
    }

    private async Task PowerComingOnAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _session.Queue.Writer.TryWrite(new PowerComingOn(done));
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private PlanOutcome Outcome(Verdict verdict, string reason, bool rigFault) =>
        new(_plan, verdict, reason, _path.ToList(), _start, Monotonic.NowNs, Transcripts(), rigFault);

    private IReadOnlyList<EvidenceTranscript> Transcripts()
    {
        lock (_transcripts)
        {
            return _transcripts.ToList();
        }
    }

    private async Task<PlanOutcome> FinishAsync(PlanOutcome outcome)
    {
        await StopActionsAsync().ConfigureAwait(false);
        outcome = outcome with { Transcripts = Transcripts() };
        _session.Journal.Write("verdict", w =>
        {
            w.WriteString("plan", _plan.Id);
            w.WriteString("verdict", outcome.Verdict.Text());
            w.WriteString("reason", outcome.Reason);
            w.WriteBoolean("rig_fault", outcome.RigFault);
            w.WriteStrings("path", outcome.Path);
        }, durable: true);
        _progress.PlanFinished(_session.Slot.Name, outcome);
        return outcome;
    }

    /// <summary>Stops the current state's actions and waits (bounded) so none outlives its plan.</summary>
    private async Task StopActionsAsync()
    {
        _stateCts?.Cancel();
        try
        {
            await _actions.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _session.Journal.Write("warning", w => w.WriteString("text", $"an action of plan {_plan.Id} did not stop within 10 s"));
        }
    }
}
