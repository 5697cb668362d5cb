using Rig.Engine.Actions;
using Rig.Engine.Journal;
using Rig.Engine.Plans;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    /// <summary>Exit and transition actions run on the loop: short steps like typing a key; a failure is a rig fault.</summary>
    private async Task RunInlineAsync(IReadOnlyList<ActionStep> steps, string kind, CancellationToken ct)
    {
        _inline = true;
        try
        {
            foreach (ActionStep step in steps)
            {
                _session.Journal.Append(new ActionEvent(_plan.Id, _state.Name, kind, step.Action.Describe));
                ActionResult result = await step.Action.RunAsync(_context, ct).ConfigureAwait(false);
                if (result.IsUnobserved)
                {
                    throw new UnobservedInline(result.Because);
                }

                foreach ((string k, string v) in result.Variables)
                {
                    _vars[k] = v;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not UnobservedInline)
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
                _session.Journal.Append(new ActionEvent(_plan.Id, state.Name, "enter", step.Action.Describe));
                last = await step.Action.RunAsync(_context, token).ConfigureAwait(false);
                ActionResult result = last;
                _session.Journal.Append(new ActionResultEvent(_plan.Id, step.Action.Describe, result.Name, [.. result.Variables]));
                if (result.IsUnobserved)
                {
                    break; // the state's later steps would rest on what was not seen
                }
            }

            _session.Queue.Post(new ActionsFinished(entry, last));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // the state was left or the run stopped: nothing to report
        }
        catch (Exception e)
        {
            _session.Queue.Post(new ActionsFailed(entry, e));
        }
    }

    private async Task PowerComingOnAsync(CancellationToken ct)
    {
        if (_inline)
        {
            _session.ForgetOutput(); // already on the loop: nobody else could do it
        }
        else
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _session.Queue.Post(new PowerComingOn(done));
            await done.Task.WaitAsync(ct).ConfigureAwait(false);
        }

        _session.PowerOnIssued(); // the caller issues the command next: every byte from here is this boot's
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
            _session.Journal.Append(new WarningEvent($"an action of plan {_plan.Id} did not stop within 10 s"));
        }
    }

    /// <summary>An exit or transition action did not see what it needed: the plan ends inconclusive.</summary>
    private sealed class UnobservedInline(string because) : Exception(because);

    /// <summary>An exit or transition action failed: the rig, not the device.</summary>
    private sealed class InlineActionFailed(string message, Exception inner) : Exception(message, inner);
}
