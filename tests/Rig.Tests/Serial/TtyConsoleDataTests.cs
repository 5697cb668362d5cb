using System.Security.Cryptography;
using Rig.Drivers.Native;
using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Tests.Serial;

/// <summary>Bytes in and out of an open console, and the line settings it applies, on real pseudo-terminals.</summary>
public sealed class TtyConsoleDataTests
{
    private static ConsoleUnderTest StartOn(string path, int baud = 115200, bool exclusive = true, bool keepBytes = true)
    {
        var under = ConsoleUnderTest.Start(new SerialSettings(path, baud, exclusive), keepBytes);
        under.Listener.WaitForStatus(ConsoleStatus.Opened);
        return under;
    }

    [Test]
    public async Task AllByteValuesArriveExactlyWithoutEchoOrTranslation()
    {
        using Pty pty = Pty.Open();
        PtyIo.MakeCooked(pty.MasterFd); // the console, not the test harness, must make the line raw
        ConsoleUnderTest under = StartOn(pty.SlavePath);
        var (console, listener) = under;
        await using (under)
        {
            byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
            PtyIo.WriteAll(pty.MasterFd, all.AsSpan(0, 128));
            PtyIo.WriteAll(pty.MasterFd, all.AsSpan(128));
            listener.WaitForBytes(256);

            Assert.That(listener.Bytes(), Is.EqualTo(all));
            long[] times = listener.ChunkTimes();
            Assert.That(times, Is.Not.Empty);
            Assert.That(times, Is.Ordered);
            Assert.That(times[0], Is.GreaterThan(0));
            Assert.That(PtyIo.Readable(pty.MasterFd, 300), Is.False, "the console echoed input back to the device");

            byte[] sent = "a\nb\rc"u8.ToArray();
            await console.WriteAsync(sent, CancellationToken.None);
            Assert.That(PtyIo.ReadExactly(pty.MasterFd, sent.Length), Is.EqualTo(sent), "output was translated (ONLCR)");
            Assert.That(PtyIo.Readable(pty.MasterFd, 100), Is.False, "extra bytes after the written ones");
        }
    }

    [Test]
    public async Task EightMebibyteStreamArrivesComplete()
    {
        const int Size = 8 << 20;
        byte[] payload = new byte[Size];
        new Random(42).NextBytes(payload);
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = StartOn(pty.SlavePath, keepBytes: false);
        var (console, listener) = under;
        await using (under)
        {
            var writer = new Thread(() =>
            {
                for (int off = 0; off < Size; off += 65536)
                {
                    PtyIo.WriteAll(pty.MasterFd, payload.AsSpan(off, Math.Min(65536, Size - off)));
                }
            }) { IsBackground = true, Name = "test device writer" };
            writer.Start();
            listener.WaitForBytes(Size, seconds: 60);
            Assert.That(writer.Join(TimeSpan.FromSeconds(10)), Is.True);

            Assert.That(listener.Count, Is.EqualTo(Size));
            Assert.That(listener.Sha256(), Is.EqualTo(SHA256.HashData(payload)));
            Assert.That(listener.ChunkTimes(), Is.Ordered);
        }
    }

    [Test]
    public async Task WriteAsyncDeliversEveryByteEvenWhenOutputBacksUp()
    {
        // Larger than the pty's buffer, so the console must wait for room (EAGAIN, then POLLOUT).
        const int Size = 1 << 20;
        byte[] payload = new byte[Size];
        new Random(7).NextBytes(payload);
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = StartOn(pty.SlavePath);
        var (console, _) = under;
        await using (under)
        {
            Task<byte[]> device = Task.Run(() => PtyIo.ReadExactly(pty.MasterFd, Size, seconds: 60));
            await console.WriteAsync(payload, CancellationToken.None);
            Assert.That(SHA256.HashData(await device), Is.EqualTo(SHA256.HashData(payload)));
        }
    }

    [Test]
    public async Task WriteAsyncWaitingForRoomHonoursCancellation()
    {
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = StartOn(pty.SlavePath);
        var (console, listener) = under;
        await using (under)
        {
            // Nobody reads the master: the write can never finish, only be cancelled.
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            Task write = console.WriteAsync(new byte[4 << 20], cts.Token).AsTask();
            Assert.That(async () => await ConsoleUnderTest.Within(write, 10, "a cancelled WriteAsync"), Throws.InstanceOf<OperationCanceledException>());

            // The console is still usable afterwards.
            Assert.That(console.IsOpen, Is.True);
            PtyIo.WriteAll(pty.MasterFd, "still here"u8);
            listener.WaitForBytes(10);
        }
    }

    [Test]
    public async Task AnyBaudRateIsSetThroughBotherAndReportedAsReadBack()
    {
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = StartOn(pty.SlavePath, baud: 250000);
        var (console, listener) = under;
        await using (under)
        {
            // termios ioctls on the master read the slave's settings.
            Termios2 t = Termios2.Get(pty.MasterFd);
            Assert.That(t.c_ospeed, Is.EqualTo(250000u));
            Assert.That(t.c_cflag & Termios2.CBAUD, Is.EqualTo(Termios2.BOTHER));
            Assert.That(listener.DetailsOf(ConsoleStatus.Opened)[0], Is.EqualTo($"opened {pty.SlavePath} at 250000 baud, 8N1 raw"));
        }
    }

    [Test]
    public async Task ExclusiveOpenIsHeldWhileOpenAndReleasedOnDispose()
    {
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = StartOn(pty.SlavePath, exclusive: true);
        var (console, _) = under;
        int probe = -1;
        try
        {
            await using (under)
            {
                probe = Libc.Open(pty.SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
                if (probe < 0)
                {
                    // Not root: TIOCEXCL turns a second opener away.
                    Assert.That(Libc.Errno, Is.EqualTo(Libc.EBUSY));
                }
                else
                {
                    // Root bypasses TIOCEXCL, but the flag is visible.
                    Assert.That(PtyIo.IsExclusive(probe), Is.True);
                }
            }

            if (probe < 0)
            {
                probe = Libc.Open(pty.SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
                Assert.That(probe, Is.GreaterThanOrEqualTo(0), "the console kept the tty exclusive after disposal");
            }

            Assert.That(PtyIo.IsExclusive(probe), Is.False, "TIOCNXCL was not issued before close");
        }
        finally
        {
            if (probe >= 0)
            {
                Libc.Close(probe);
            }
        }
    }
}
