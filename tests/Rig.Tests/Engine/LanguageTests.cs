using System.Diagnostics;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary>Each construct of the plan language, on a scripted device behind a real pty.</summary>
public class LanguageTests
{
    private const string Head = "plan: L-1\ntitle: language test\n";

    [TestCase("uid=0(root)", "root shell 0")]
    [TestCase("uid=1000(cam)", "user shell 1000")]
    public async Task GuardsPickBetweenTransitionsOnTheSameEvent(string answer, string reason)
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: a
            states:
              a:
                on:
                  - console: 'uid=(?<uid>\d+)'
                    when: 'uid == 0'
                    verdict: fail
                    because: 'root shell {{uid}}'
                  - console: 'uid=(?<uid>\d+)'
                    when: 'uid > 0 and uid < 65536'
                    verdict: fail
                    because: 'user shell {{uid}}'
                  - after: 5s
                    verdict: error
                    because: none
            """);
        Task device = bench.PrintLater(answer + "\r\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo(reason));
    }

    [Test]
    public async Task ALimitedTransitionRetriesThenGivesWay()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: try
            states:
              try:
                on:
                  - after: 100ms
                    goto: try
                    limit: 2
                  - after: 100ms
                    verdict: inconclusive
                    because: gave up
            """);
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Reason, Is.EqualTo("gave up"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "try", "try", "try" }));
    }

    [Test]
    public async Task AnInternalTransitionActsAndStays()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: read
            states:
              read:
                on:
                  - console: '--More--'
                    do:
                      - send: " "
                  - console: 'END'
                    verdict: pass
                    because: read it all
                  - after: 5s
                    verdict: error
                    because: stuck at a pager
            """);
        Task device = Task.Run(async () =>
        {
            await Task.Delay(200);
            bench.Print("page 1\r\n--More--");
            Assert.That(bench.Received(1), Is.EqualTo(" "));
            bench.Print("\rpage 2\r\n--More--");
            Assert.That(bench.Received(1), Is.EqualTo(" "));
            bench.Print("\rpage 3\r\nEND\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("read it all"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "read" }));
    }

    [Test]
    public async Task ExitActionsRunBeforeTransitionActionsAndTheNextStatesEntry()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: a
            states:
              a:
                exit:
                  - send: "1"
                on:
                  - after: 100ms
                    do:
                      - send: "2"
                    goto: b
              b:
                enter:
                  - send: "3"
                on:
                  - after: 100ms
                    verdict: pass
                    because: ordered
            """);
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(bench.Received(3), Is.EqualTo("123"));
    }

    [Test]
    public async Task PowerEventsFollowTheEntryActions()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: a
            states:
              a:
                enter:
                  - power: on
                on:
                  - event: power-on
                    goto: b
                  - after: 5s
                    verdict: error
                    because: no power event
              b:
                on:
                  - after: 50ms
                    verdict: pass
                    because: powered
            """);
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Path, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(bench.PowerLog, Is.EqualTo("on\n"));
    }

    [Test]
    public async Task ALostConsoleIsAnEvent()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: a
            states:
              a:
                on:
                  - event: console-closed
                    verdict: error
                    because: the console went away
                  - after: 10s
                    verdict: pass
                    because: never
            """);
        Task device = Task.Run(async () => { await bench.WhenConsoleOpenAsync(); await Task.Delay(500); bench.HangUp(); });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("the console went away"));
    }

    [Test]
    public async Task AConsoleThatHangsUpAndStaysAwayIsARigFault()
    {
        await using var bench = new PtyBench(); // console grace 500 ms
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    on:\n      - console: 'never'\n        goto: a\n      - after: 20s\n        verdict: pass\n        because: never\n");
        Task device = Task.Run(async () => { await bench.WhenConsoleOpenAsync(); await Task.Delay(300); bench.HangUp(); });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Error), outcome.Reason);
        Assert.That(outcome.RigFault, Is.True);
        Assert.That(outcome.Reason, Does.Contain("hung up and did not come back within 500ms"));
    }

    [Test]
    public async Task TimeoutsCanComeFromTheProfile()
    {
        await using var bench = new PtyBench(bootTime: TimeSpan.FromMilliseconds(300));
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    on:\n      - after: '{{boot_time}}'\n        verdict: pass\n        because: 'waited {{boot_time}}'\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Reason, Is.EqualTo("waited 300ms"));
    }

    [Test]
    public async Task AFragmentIsIncludedAndItsReturnsLeadWhereThePlanSays()
    {
        await using var bench = new PtyBench();
        bench.Write("fragments/wait-ready.yaml", """
            fragment: wait-ready
            title: Wait until ready
            returns: [ready, late]
            initial: wait
            states:
              wait:
                on:
                  - console: 'ready'
                    goto: settle
                  - after: 2s
                    return: late
              settle:
                on:
                  - after: 50ms
                    return: ready
            """);
        Plan plan = bench.Plan("plans/p.yaml", Head + """
            initial: start
            states:
              start:
                use: wait-ready
                exits:
                  ready: done
                  late: { verdict: fail, because: 'never ready' }
              done:
                on:
                  - after: 50ms
                    verdict: pass
                    because: ready
            """);
        Assert.That(plan.Fragments.Single().Fragment, Is.EqualTo("wait-ready"));
        Assert.That(plan.Inputs.Single().Name, Is.EqualTo("fragments/wait-ready.yaml"));
        Task device = bench.PrintLater("ready\r\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Path, Is.EqualTo(new[] { "start/wait", "start/settle", "done" }));
        Assert.That(outcome.Reason, Is.EqualTo("ready"));
    }

    [Test]
    public async Task SendingIsPacedAsTheProfileSays()
    {
        await using var bench = new PtyBench(pacing: new TxPacing(1, TimeSpan.FromMilliseconds(40)));
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    enter:\n      - send: 'root'\n    on:\n      - result: done\n        verdict: pass\n        because: typed\n");
        var clock = Stopwatch.StartNew();
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(clock.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(3 * 35), "three pauses between four characters");
        Assert.That(bench.Received(4), Is.EqualTo("root"));
    }

    [Test]
    public async Task ASendIsJournaledBeforeTheDevicesAnswerToItsFirstByte()
    {
        // Paced at one byte per 300 ms, the device answers the first byte long before the last is
        // written: the journal must still show the question before the answer.
        await using var bench = new PtyBench(pacing: new TxPacing(1, TimeSpan.FromMilliseconds(300)));
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    enter:\n      - send: 'ab'\n    on:\n      - console: 'got a'\n        verdict: pass\n        because: answered\n      - after: 5s\n        verdict: inconclusive\n        because: no answer\n");
        Task device = Task.Run(() =>
        {
            Assert.That(bench.Received(1), Is.EqualTo("a"));
            bench.Print("got a\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        List<JournalEvent> events = [.. JournalReader.Read(bench.JournalPath).Events];
        int sent = events.FindIndex(e => e is SendEvent);
        int answer = events.FindIndex(e => e is ConsoleChunkEvent);
        Assert.That(sent, Is.GreaterThanOrEqualTo(0).And.LessThan(answer), "the send precedes the answer in the journal");
    }
}
