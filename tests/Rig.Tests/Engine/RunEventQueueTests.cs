using Rig.Engine.Engine;

namespace Rig.Tests.Engine;

/// <summary>The slot's event queue: order, where a waiting loop resumes, cancellation.</summary>
public class RunEventQueueTests
{
    [Test]
    public async Task EventsArriveInTheOrderPostedWhetherOrNotTheReaderWaits()
    {
        var queue = new RunEventQueue();
        var poster = new Thread(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                if (i % 2 == 0)
                {
                    queue.Post(new TimerFired(i, 0));
                }
                else
                {
                    queue.PostHere(new TimerFired(i, 0));
                }
            }
        });
        poster.Start();
        for (int i = 0; i < 2000; i++)
        {
            RunEvent ev = await queue.ReadAsync(CancellationToken.None);
            Assert.That(((TimerFired)ev).Entry, Is.EqualTo(i));
        }

        poster.Join();
    }

    [Test]
    public async Task PostHereRunsAWaitingReaderOnThePostersThreadBeforeReturning()
    {
        var queue = new RunEventQueue();
        var resumedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task reader = ReadOneAsync(queue, resumedOn);
        int posterId = 0;
        bool resumedBeforeReturn = false;
        var poster = new Thread(() =>
        {
            posterId = Environment.CurrentManagedThreadId;
            queue.PostHere(ConsoleDataReady.Instance);
            resumedBeforeReturn = resumedOn.Task.IsCompleted;
        });
        poster.Start();
        poster.Join();
        await reader;
        Assert.That(await resumedOn.Task, Is.EqualTo(posterId));
        Assert.That(resumedBeforeReturn, Is.True);
    }

    [Test]
    public async Task PostResumesAWaitingReaderOnAnotherThread()
    {
        var queue = new RunEventQueue();
        var resumedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task reader = ReadOneAsync(queue, resumedOn);
        int posterId = 0;
        var poster = new Thread(() =>
        {
            posterId = Environment.CurrentManagedThreadId;
            queue.Post(new PowerChanged("power-on"));
        });
        poster.Start();
        poster.Join();
        await reader;
        Assert.That(await resumedOn.Task, Is.Not.EqualTo(posterId));
    }

    [Test]
    public async Task CancellingAWaitingReadThrowsAndKeepsLaterEventsForTheNextRead()
    {
        var queue = new RunEventQueue();
        using var cts = new CancellationTokenSource();
        ValueTask<RunEvent> waiting = queue.ReadAsync(cts.Token);
        Assert.That(waiting.IsCompleted, Is.False);
        await cts.CancelAsync();
        Assert.ThrowsAsync<OperationCanceledException>(async () => await waiting);
        queue.Post(new PowerChanged("power-off"));
        RunEvent next = await queue.ReadAsync(CancellationToken.None);
        Assert.That(next, Is.EqualTo(new PowerChanged("power-off")));
        Assert.CatchAsync<OperationCanceledException>(async () => await queue.ReadAsync(cts.Token));
    }

    [Test]
    public async Task ReadsRacingCancellationAndPostsNeitherLoseNorDuplicateEvents()
    {
        var queue = new RunEventQueue();
        const int Count = 5000;
        var poster = new Thread(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                queue.PostHere(new TimerFired(i, 0));
            }
        });
        poster.Start();
        var seen = new List<long>();
        while (seen.Count < Count)
        {
            using var cts = new CancellationTokenSource();
            ValueTask<RunEvent> read = queue.ReadAsync(cts.Token);
            if (seen.Count % 3 == 0)
            {
                await cts.CancelAsync();
            }

            try
            {
                seen.Add(((TimerFired)await read).Entry);
            }
            catch (OperationCanceledException)
            {
                // cancelled before an event came: the next read gets it
            }
        }

        poster.Join();
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
    }

    [Test]
    public async Task LeaveMovesOffTheConsoleReadersThreadAndStaysElsewhere()
    {
        int elsewhere = Environment.CurrentManagedThreadId;
        await ConsoleDelivery.Leave();
        Assert.That(Environment.CurrentManagedThreadId, Is.EqualTo(elsewhere), "not on the reader's thread: no hop");

        var queue = new RunEventQueue();
        Task<(int Before, int After, bool Here)> loop = LeaveAfterReadAsync(queue); // waiting once this returns
        int readerId = 0;
        var reader = new Thread(() =>
        {
            readerId = Environment.CurrentManagedThreadId;
            ConsoleDelivery.Deliver(queue, ConsoleDataReady.Instance);
        });
        reader.Start();
        reader.Join();
        (int before, int afterId, bool here) = await loop;
        Assert.That(before, Is.EqualTo(readerId), "the loop ran the delivery on the reader's thread");
        Assert.That(afterId, Is.Not.EqualTo(readerId));
        Assert.That(here, Is.False);
    }

    private static async Task ReadOneAsync(RunEventQueue queue, TaskCompletionSource<int> resumedOn)
    {
        await queue.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        resumedOn.SetResult(Environment.CurrentManagedThreadId);
    }

    private static async Task<(int Before, int After, bool Here)> LeaveAfterReadAsync(RunEventQueue queue)
    {
        await queue.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        int before = Environment.CurrentManagedThreadId;
        await ConsoleDelivery.Leave();
        return (before, Environment.CurrentManagedThreadId, ConsoleDelivery.Here);
    }
}
