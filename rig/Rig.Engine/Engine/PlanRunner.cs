using System.Text.RegularExpressions;
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
    private long _consoleAtStart; // the raw log's length when the plan began

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
            Unit = session.Unit,
            Journal = session.Journal,
            Expand = text => Template.Expand(text, _vars),
            PowerComingOnAsync = PowerComingOnAsync,
            PowerChanged = e => _session.Queue.Post(new PowerChanged(e)),
            OpenConsoleTap = session.Taps.Open,
            PowerOnOffset = () => session.PowerOnOffset,
            ConsoleLogPath = session.RawLogPath,
            AddEvidence = t => { lock (_transcripts) { _transcripts.Add(t); } },
        };
    }

    public async Task<PlanOutcome> RunAsync(CancellationToken ct)
    {
        _start = Monotonic.NowNs;
        _consoleAtStart = _session.ConsoleOffset;
        _session.Journal.Append(new PlanStartEvent(_session.Slot.Name, _plan.Id, _plan.File, _plan.Sha256));
        _progress.PlanStarted(_session.Slot.Name, _plan);
        _session.ForgetOutput(); // a plan never matches output an earlier plan left unconsumed

        using var planCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        planCts.CancelAfter(_plan.Timeout);
        _planToken = planCts.Token;
        try
        {
            PlanOutcome? outcome = WithoutMeter() ?? await EnterAsync(_plan.Initial, planCts.Token).ConfigureAwait(false);
            while (outcome is null)
            {
                RunEvent ev = await _session.Queue.ReadAsync(planCts.Token).ConfigureAwait(false);
                outcome = await HandleAsync(ev, planCts.Token).ConfigureAwait(false);
            }

            return await FinishAsync(outcome).ConfigureAwait(false);
        }
        catch (UnobservedInline e)
        {
            return await FinishAsync(Outcome(Verdict.Inconclusive, e.Message, rigFault: false)).ConfigureAwait(false);
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
            await ConsoleDelivery.Leave();
            await StopActionsAsync().ConfigureAwait(false);
            _session.Journal.Append(new PlanAbortedEvent(_plan.Id, _state.Name));
            throw;
        }
    }

    private async Task<PlanOutcome?> HandleAsync(RunEvent ev, CancellationToken ct)
    {
        switch (ev)
        {
            case ConsoleDataReady:
                if (ConsoleDelivery.Here && !(ArmedLinear && DeathsLinear))
                {
                    await ConsoleDelivery.Leave(); // a backtracking pattern may take its time limit: not on the reader's thread
                }

                foreach (int _ in _session.DrainSlices())
                {
                    if ((CheckDeath() ?? await MatchAsync(ct).ConfigureAwait(false)) is { } outcome)
                    {
                        return outcome;
                    }
                }

                return null;
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
            case CurrentSampled c:
                return await OnCurrentAsync(c, ct).ConfigureAwait(false);
            case ActionsFinished f when f.Entry == _entry:
                _acting = false;
                WatchCurrentFromNow();
                if (f.Result.IsUnobserved)
                {
                    return Outcome(Verdict.Inconclusive, f.Result.Because, rigFault: false);
                }

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

    private PlanOutcome Outcome(Verdict verdict, string reason, bool rigFault) =>
        new(_plan, verdict, reason, _path.ToList(), _start, Monotonic.NowNs, Transcripts(), rigFault);

    private IReadOnlyList<EvidenceTranscript> Transcripts()
    {
        lock (_transcripts)
        {
            return _transcripts.ToList();
        }
    }

    /// <summary>A plan that needs the console passes only if the device printed at least one byte during it.</summary>
    private PlanOutcome SilentConsoleIsNoPass(PlanOutcome outcome) =>
        outcome.Verdict == Verdict.Pass && _plan.Needs.Contains("console") && _session.ConsoleOffset == _consoleAtStart
            ? outcome with { Verdict = Verdict.Inconclusive, Reason = $"the console {_session.Console.Describe} showed no byte from the device during the plan (it would have passed: {outcome.Reason})" }
            : outcome;

    private async Task<PlanOutcome> FinishAsync(PlanOutcome outcome)
    {
        await ConsoleDelivery.Leave(); // stopping actions and a durable journal write: not on the console reader's thread
        await StopActionsAsync().ConfigureAwait(false);
        outcome = SilentConsoleIsNoPass(outcome) with { Transcripts = Transcripts() };
        _session.Journal.Append(new VerdictEvent(_plan.Id, outcome.Verdict.Text(), outcome.Reason, outcome.RigFault, outcome.Path));
        _progress.PlanFinished(_session.Slot.Name, outcome);
        return outcome;
    }
}
