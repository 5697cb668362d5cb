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
            // Warm-up: tiered compilation replaces the reader's code in its first few hundred
            // milliseconds, and lazily initialised runtime state may allocate once meanwhile.
            byte[] block = new byte[64 << 10];
            for (int i = 0; i < 32; i++)
            {
                PtyIo.WriteAll(pty.MasterFd, block);
                recorder.WaitForBytes((i + 1) * block.Length);
            }

            await Task.Delay(500);
            int from = probe.Chunks;
            for (int i = 32; i < 64; i++)
            {
                PtyIo.WriteAll(pty.MasterFd, block); // a delivery carries at most 64 KiB: at least one chunk each
                recorder.WaitForBytes((i + 1) * block.Length);
            }

            int to = probe.Chunks;
            Assert.That(to - from, Is.GreaterThanOrEqualTo(32));
            Assert.That(probe.AllocatedAt[to - 1] - probe.AllocatedAt[from], Is.Zero,
                $"bytes allocated by the reader thread over {to - from - 1} chunks");
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
