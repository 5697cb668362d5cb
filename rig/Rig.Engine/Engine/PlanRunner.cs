using System.Text.RegularExpressions;
using Rig.Drivers.Expect;
using Rig.Engine.Actions;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// Interprets one plan on a slot. Every event (console output, timers, action results, power and
/// console changes) arrives on the slot's single queue and is handled here, one at a time, so a
/// run's outcome does not depend on thread timing.
/// </summary>
/// <remarks>
/// Order of a transition: the state's exit actions, then the transition's own actions, then the
/// next state's entry actions. A state's console patterns are watched once its entry actions are
/// done; its timers run from entry; death patterns are watched always.
/// </remarks>
public sealed partial class PlanRunner
{
    private readonly SlotSession _session;
    private readonly Plan _plan;
    private readonly IRunProgress _progress;
    private readonly Dictionary<string, string> _vars;
    private readonly List<string> _path = [];
    private readonly List<EvidenceTranscript> _transcripts = [];
    private readonly Dictionary<Transition, int> _taken = new(ReferenceEqualityComparer.Instance);
    private readonly List<RunEvent> _deferred = []; // events that arrived while entry actions ran
    private readonly ActionContext _context;
    private PlanState _state = null!;
    private long _entry;
    private string[] _armed = []; // distinct console pattern sources of the current state
    private Regex[] _armedRegex = [];
    private TimeSpan[] _delays = []; // per transition of the current state: its 'after' delay
    private CancellationTokenSource? _stateCts;
    private Task _actions = Task.CompletedTask;
    private bool _acting;   // the state's entry actions still run: its console patterns wait for them
    private bool _inline;   // an exit or transition action runs on the loop itself
    private long _start;
    private CancellationToken _planToken;
    private bool _consoleLost;
    private int _consoleLosses;

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
            PowerChanged = e => _session.Queue.Writer.TryWrite(new PowerChanged(e)),
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
        _session.ForgetOutput(); // a plan never matches output an earlier plan left unconsumed

        using var planCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        planCts.CancelAfter(_plan.Timeout);
        _planToken = planCts.Token;
        try
        {
            PlanOutcome? outcome = await EnterAsync(_plan.Initial, planCts.Token).ConfigureAwait(false);
            while (outcome is null)
            {
                RunEvent ev = await _session.Queue.Reader.ReadAsync(planCts.Token).ConfigureAwait(false);
                outcome = await HandleAsync(ev, planCts.Token).ConfigureAwait(false);
            }

            return await FinishAsync(outcome).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InlineActionFailed or RigFaultException)
        {
            return await FinishAsync(Outcome(Verdict.Error, e.Message, rigFault: true)).ConfigureAwait(false);
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

    private async Task<PlanOutcome?> HandleAsync(RunEvent ev, CancellationToken ct)
    {
        switch (ev)
        {
            case ConsoleDataReady:
                _session.Drain();
                return CheckDeath() ?? await MatchAsync(ct).ConfigureAwait(false);
            case ConsoleStatusChanged s:
                TrackConsole(s.Status);
                return await OnEventAsync(ev, s.Status == ConsoleStatus.Opened ? "console-opened" : s.Status is ConsoleStatus.HungUp or ConsoleStatus.Closed ? "console-closed" : null, ct).ConfigureAwait(false);
            case ConsoleGraceOver g when g.Loss == _consoleLosses && _consoleLost && !_state.ExpectsBoot:
                return Outcome(Verdict.Error, $"in state '{_state.Name}': the console {_session.Console.Describe} hung up and did not come back within {Config.Duration.Format(ConsoleGrace)}", rigFault: true);
            case PowerChanged p:
                return await OnEventAsync(ev, p.Event, ct).ConfigureAwait(false);
            case TimerFired t when t.Entry == _entry:
                // Timers with equal delays fire in any order; plan order decides among those due.
                TimeSpan due = _delays[t.Transition];
                Transition? timed = _state.On.Where((tr, i) => tr.Trigger is AfterTrigger && _delays[i] <= due && Allowed(tr)).FirstOrDefault();
                return timed is null ? null : await TakeAsync(timed, ct).ConfigureAwait(false);
            case ActionsFinished f when f.Entry == _entry:
                _acting = false;
                foreach ((string k, string v) in f.Result.Variables)
                {
                    _vars[k] = v;
                }

                if (First(t => t.Trigger is ResultTrigger r && r.Name == f.Result.Name) is { } next)
                {
                    return await TakeAsync(next, ct).ConfigureAwait(false);
                }

                foreach (RunEvent later in Deferred())
                {
                    if (await HandleAsync(later, ct).ConfigureAwait(false) is { } outcome)
                    {
                        return outcome;
                    }
                }

                return await MatchAsync(ct).ConfigureAwait(false);
            case ActionsFailed x when x.Entry == _entry:
                return Outcome(Verdict.Error, $"in state '{_state.Name}': {x.Error.Message}", rigFault: true);
            case PowerComingOn p:
                _session.ForgetOutput();
                p.Done.TrySetResult();
                return null;
            default:
                return null; // a timer or action of a state already left
        }
    }

    private TimeSpan ConsoleGrace => _session.Slot.ConsoleGrace ?? Bench.SlotConfig.DefaultConsoleGrace;

    /// <summary>
    /// A console that hangs up outside a boot gets a grace period to come back (a device-powered
    /// adapter re-enumerating); after that the rig has lost its sensor: a rig fault. A state that
    /// handles console-closed itself decides instead.
    /// </summary>
    private void TrackConsole(ConsoleStatus status)
    {
        if (status == ConsoleStatus.Opened)
        {
            _consoleLost = false;
            return;
        }

        if (status != ConsoleStatus.HungUp || _state.ExpectsBoot || _state.On.Any(t => t.Trigger is EventTrigger { Name: "console-closed" }))
        {
            return;
        }

        _consoleLost = true;
        var over = new ConsoleGraceOver(++_consoleLosses);
        _ = Task.Delay(ConsoleGrace, _planToken).ContinueWith(
            t => { if (!t.IsCanceled) _session.Queue.Writer.TryWrite(over); },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>A power or console change: taken by an <c>event:</c> transition; while entry actions run it waits for them.</summary>
    private async Task<PlanOutcome?> OnEventAsync(RunEvent ev, string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        if (_acting)
        {
            _deferred.Add(ev);
            return null;
        }

        Transition? t = First(t => t.Trigger is EventTrigger e && e.Name == name);
        return t is null ? null : await TakeAsync(t, ct).ConfigureAwait(false);
    }

    private List<RunEvent> Deferred()
    {
        List<RunEvent> events = [.. _deferred];
        _deferred.Clear();
        return events;
    }

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
            _session.Journal.Write("match", w =>
            {
                w.WriteString("plan", _plan.Id);
                w.WriteString("state", _state.Name);
                w.WriteString("pattern", source);
                w.WriteString("text", hit.Text);
                w.WriteNumber("stream_offset", hit.StreamOffset);
                w.WriteBoolean("taken", t is not null);
            });
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
        _session.Journal.Write("state", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", name); });
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
    }

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
            t => { if (!t.IsCanceled) _session.Queue.Writer.TryWrite(fired); },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Exit and transition actions run on the loop: short steps like typing a key; a failure is a rig fault.</summary>
    private async Task RunInlineAsync(IReadOnlyList<ActionStep> steps, string kind, CancellationToken ct)
    {
        _inline = true;
        try
        {
            foreach (ActionStep step in steps)
            {
                _session.Journal.Write("action", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", _state.Name); w.WriteString("kind", kind); w.WriteString("action", step.Action.Describe); });
                ActionResult result = await step.Action.RunAsync(_context, ct).ConfigureAwait(false);
                foreach ((string k, string v) in result.Variables)
                {
                    _vars[k] = v;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InlineActionFailed($"in state '{_state.Name}' ({kind} action): {e.Message}", e);
        }
        finally
        {
            _inline = false;
        }
    }

    private async Task RunActionsAsync(PlanState state, long entry, CancellationToken token)
    {
        await Task.Yield(); // never run driver code on the loop's own stack
        try
        {
            ActionResult last = ActionResult.Done;
            foreach (ActionStep step in state.Enter)
            {
                _session.Journal.Write("action", w => { w.WriteString("plan", _plan.Id); w.WriteString("state", state.Name); w.WriteString("kind", "enter"); w.WriteString("action", step.Action.Describe); });
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
        if (_inline)
        {
            _session.ForgetOutput(); // already on the loop: nobody else could do it
            return;
        }

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

    /// <summary>An exit or transition action failed: the rig, not the device.</summary>
    private sealed class InlineActionFailed(string message, Exception inner) : Exception(message, inner);
}
