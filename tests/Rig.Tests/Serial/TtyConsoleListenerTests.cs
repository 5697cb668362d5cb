using Rig.Drivers.Native;
using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Tests.Serial;

public sealed class TtyConsoleListenerTests
{
    private sealed class ThrowingListener : IConsoleListener
    {
        public int Calls;

        public void OnData(long monoNs, ReadOnlySpan<byte> data)
        {
            Calls++;
            throw new InvalidOperationException("journal disk full");
        }

        public void OnStatus(long monoNs, ConsoleStatus status, string detail)
        {
        }
    }

    [Test]
    public async Task AThrowingListenerIsReportedOnceAndCaptureGoesOn()
    {
        using Pty pty = Pty.Open();
        var thrower = new ThrowingListener();
        ConsoleUnderTest under = ConsoleUnderTest.Start(new SerialSettings(pty.SlavePath), before: thrower);
        var (console, recorder) = under;
        await using (under)
        {
            recorder.WaitForStatus(ConsoleStatus.Opened);
            PtyIo.WriteAll(pty.MasterFd, "first"u8);
            recorder.WaitForBytes(5);
            PtyIo.WriteAll(pty.MasterFd, "second"u8);
            recorder.WaitForBytes(11);

            Assert.That(recorder.Bytes(), Is.EqualTo("firstsecond"u8.ToArray()));
            Assert.That(thrower.Calls, Is.GreaterThanOrEqualTo(2), "the faulty listener keeps receiving");
            string[] failures = recorder.DetailsOf(ConsoleStatus.Failed);
            Assert.That(failures, Has.Length.EqualTo(1));
            Assert.That(failures[0], Does.StartWith($"{pty.SlavePath}: listener ThrowingListener threw InvalidOperationException: journal disk full"));
            Assert.That(console.ReaderAlive, Is.True);
        }
    }

    /// <summary>Notes, on the reader thread, how many bytes that thread has allocated so far; allocates nothing itself.</summary>
    private sealed class AllocationProbe : IConsoleListener
    {
        public readonly long[] AllocatedAt = new long[100_000];
        public volatile int Chunks;

        public void OnData(long monoNs, ReadOnlySpan<byte> data)
        {
            if (Chunks < AllocatedAt.Length)
            {
                AllocatedAt[Chunks] = GC.GetAllocatedBytesForCurrentThread();
                Chunks++;
            }
        }

        public void OnStatus(long monoNs, ConsoleStatus status, string detail)
        {
        }
    }

    [Test]
    public async Task TheReaderAllocatesNothingPerChunk()
    {
        using Pty pty = Pty.Open();
        var probe = new AllocationProbe();
        ConsoleUnderTest under = ConsoleUnderTest.Start(new SerialSettings(pty.SlavePath), keepBytes: false, before: probe);
        var (_, recorder) = under;
        await using (under)
        {
            recorder.WaitForStatus(ConsoleStatus.Opened);
            // A delivery carries at most 64 KiB (reads coalesce in a flood): 64 blocks make at least 64 chunks.
            byte[] block = new byte[64 << 10];
            for (int i = 0; i < 64; i++)
            {
                PtyIo.WriteAll(pty.MasterFd, block);
            }

            recorder.WaitForBytes(64 * block.Length);
            int chunks = probe.Chunks;
            Assert.That(chunks, Is.GreaterThan(20));
            // The first chunks may warm up lazily initialised runtime state; after that the loop must be allocation-free.
            Assert.That(probe.AllocatedAt[chunks - 1] - probe.AllocatedAt[10], Is.Zero,
                $"bytes allocated by the reader thread over {chunks - 11} chunks");
        }
    }

    [Test]
    public async Task AListenerSubscribedAfterStartReceivesLaterChunks()
    {
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = ConsoleUnderTest.Start(new SerialSettings(pty.SlavePath));
        var (console, early) = under;
        await using (under)
        {
            early.WaitForStatus(ConsoleStatus.Opened);
            var late = new RecordingListener();
            console.Subscribe(late);
            PtyIo.WriteAll(pty.MasterFd, "abc"u8);
            late.WaitForBytes(3);
            early.WaitForBytes(3);
            Assert.That(late.Bytes(), Is.EqualTo("abc"u8.ToArray()));
        }
    }
}
