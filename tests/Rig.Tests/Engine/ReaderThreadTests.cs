using Rig.Drivers.Native;
using Rig.Drivers.Serial;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary>
/// The loop matches new output on the console reader's own thread, but must never hold that
/// thread for a state change or a verdict: reading must go on whatever the plan does.
/// </summary>
public class ReaderThreadTests
{
    [Test]
    public async Task PromptsAreAnsweredAndStatesChangedOffTheConsoleReadersThread()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan("""
            plan: T-1
            title: reader thread
            initial: wait
            states:
              wait:
                on:
                  - console: 'login: '
                    do:
                      - send: "root\r"
                  - console: 'NEXT'
                    goto: second
                  - after: 10s
                    verdict: error
                    because: no prompt
              second:
                on:
                  - console: 'END'
                    verdict: pass
                    because: done
                  - after: 10s
                    verdict: error
                    because: no end
            """);
        var progress = new ThreadRecorder((TtyConsole)bench.Session.Console);
        Task<PlanOutcome> run = new PlanRunner(bench.Session, plan, progress).RunAsync(CancellationToken.None);
        await progress.Entered("wait");
        await Task.Delay(100); // the loop waits for output, so the reader runs it
        for (int i = 0; i < 3; i++)
        {
            bench.Print("login: ");
            Assert.That(bench.Received(5), Is.EqualTo("root\r"));
        }

        bench.Print("NEXT\r\n");
        await progress.Entered("second");
        await Task.Delay(100);
        bench.Print("END\r\n");
        PlanOutcome outcome = await run;

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass), outcome.Reason);
        Assert.That(outcome.Path, Is.EqualTo(new[] { "wait", "second" }));
        Assert.That(progress.Calls, Has.Count.EqualTo(3)); // wait, second, finished
        Assert.That(progress.Calls.Where(c => c.OnReader).Select(c => c.What), Is.Empty);
    }

    /// <summary>Records, for each progress call, whether it ran on the console reader's OS thread.</summary>
    private sealed class ThreadRecorder(TtyConsole console) : IRunProgress
    {
        private readonly Dictionary<string, TaskCompletionSource> _entered = [];

        public List<(string What, bool OnReader)> Calls { get; } = [];

        public Task Entered(string state) => Waiter(state).Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void PlanStarted(string slot, Plan plan)
        {
        }

        public void StateEntered(string slot, Plan plan, string state)
        {
            Record("state " + state);
            Waiter(state).TrySetResult();
        }

        public void PlanFinished(string slot, PlanOutcome outcome) => Record("finished");

        public void Note(string slot, string text)
        {
        }

        private void Record(string what)
        {
            lock (Calls)
            {
                Calls.Add((what, OsThread.GetTid() == console.ReaderTid));
            }
        }

        private TaskCompletionSource Waiter(string state)
        {
            lock (_entered)
            {
                if (!_entered.TryGetValue(state, out TaskCompletionSource? tcs))
                {
                    _entered[state] = tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return tcs;
            }
        }
    }
}
