using System.Diagnostics;
using Rig.Drivers.Native;
using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Tests.Serial;

/// <summary>The node's life: absent at start, hangup, coming back (possibly as a different pty), failures, teardown.</summary>
/// <remarks>
/// Before a test closes a master it points the console's symlink somewhere absent: /dev/pts/N is
/// gone once its master closes, and the number may be reused at once by someone else's pty.
/// </remarks>
public sealed class TtyConsoleNodeTests
{
    private TempDir _dir = null!;

    [SetUp]
    public void MakeDir() => _dir = new TempDir();

    [TearDown]
    public void RemoveDir() => _dir.Dispose();

    private static ConsoleUnderTest Start(string path) => ConsoleUnderTest.Start(new SerialSettings(path));

    [Test]
    public async Task ClosingTheMasterReportsOneHangUpAndTheReaderDoesNotSpin()
    {
        string link = _dir["console"];
        Pty pty = Pty.Open();
        try
        {
            File.CreateSymbolicLink(link, pty.SlavePath);
            ConsoleUnderTest under = Start(link);
            var (console, listener) = under;
            await using (under)
            {
                listener.WaitForStatus(ConsoleStatus.Opened);
                Assert.That(console.IsOpen, Is.True);

                _dir.PointLink(link, _dir["gone"]);
                pty.Dispose();
                listener.WaitForStatus(ConsoleStatus.HungUp, seconds: 5);
                Assert.That(console.IsOpen, Is.False);

                long before = PtyIo.CpuTicks(console.ReaderTid);
                Thread.Sleep(1000);
                long used = PtyIo.CpuTicks(console.ReaderTid) - before;

                Assert.That(listener.CountOf(ConsoleStatus.HungUp), Is.EqualTo(1));
                Assert.That(listener.CountOf(ConsoleStatus.Opened), Is.EqualTo(1));
                Assert.That(listener.CountOf(ConsoleStatus.Failed), Is.Zero);
                Assert.That(used, Is.LessThanOrEqualTo(10), "reader CPU ticks in 1 s after the hangup (100 = a busy core)");
                Assert.That(listener.DetailsOf(ConsoleStatus.HungUp)[0], Does.StartWith($"{link} hung up ("));
            }
        }
        finally
        {
            pty.Dispose();
        }
    }

    [Test]
    public async Task AConsoleStartedBeforeItsNodeExistsOpensWhenItAppears()
    {
        // Like /dev/serial/by-id/...: not even the folder exists until the device is powered.
        string link = Path.Combine(_dir["serial"], "by-id", "usb-rig-test");
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = Start(link);
        var (console, listener) = under;
        await using (under)
        {
            Assert.That(console.IsOpen, Is.False);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, pty.SlavePath);

            listener.WaitForStatus(ConsoleStatus.Opened);
            Assert.That(listener.DetailsOf(ConsoleStatus.Opened)[0], Is.EqualTo($"opened {link} (-> {pty.SlavePath}) at 115200 baud, 8N1 raw"));
            PtyIo.WriteAll(pty.MasterFd, "U-Boot 2024.01\r\n"u8);
            listener.WaitForBytes(16);
            Assert.That(listener.Bytes(), Is.EqualTo("U-Boot 2024.01\r\n"u8.ToArray()));
            Assert.That(listener.CountOf(ConsoleStatus.Failed), Is.Zero, "absence is not a failure");
        }
    }

    [Test]
    public async Task AfterAHangupARepointedSymlinkIsReopenedAndDataFlowsAgain()
    {
        string link = _dir["console"];
        Pty first = Pty.Open();
        try
        {
            File.CreateSymbolicLink(link, first.SlavePath);
            ConsoleUnderTest under = Start(link);
            var (console, listener) = under;
            await using (under)
            {
                listener.WaitForStatus(ConsoleStatus.Opened);
                PtyIo.WriteAll(first.MasterFd, "one"u8);
                listener.WaitForBytes(3);

                _dir.PointLink(link, _dir["gone"]);
                first.Dispose();
                listener.WaitForStatus(ConsoleStatus.HungUp, seconds: 5);

                using Pty second = Pty.Open();
                _dir.PointLink(link, second.SlavePath);
                listener.WaitForStatus(ConsoleStatus.Opened, count: 2);
                Assert.That(listener.DetailsOf(ConsoleStatus.Opened)[1], Does.Contain($"(-> {second.SlavePath})"));
                Assert.That(console.IsOpen, Is.True);

                PtyIo.WriteAll(second.MasterFd, "two"u8);
                listener.WaitForBytes(6);
                Assert.That(listener.Bytes(), Is.EqualTo("onetwo"u8.ToArray()));
                await console.WriteAsync("ok\n"u8.ToArray(), CancellationToken.None);
                Assert.That(PtyIo.ReadExactly(second.MasterFd, 3), Is.EqualTo("ok\n"u8.ToArray()));
            }
        }
        finally
        {
            first.Dispose();
        }
    }

    [Test]
    public async Task ANodeThatHangsUpRightAfterEachOpenIsReopenedWithBackOff()
    {
        string link = _dir["console"];
        ConsoleUnderTest under = Start(link);
        var (_, listener) = under;
        await using (under)
        {
            // The device side reacts at once every time: the console alone sets the pace.
            var clock = Stopwatch.StartNew();
            int opened = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
            {
                using Pty pty = Pty.Open();
                _dir.PointLink(link, pty.SlavePath);
                listener.WaitForStatus(ConsoleStatus.Opened, ++opened, seconds: 5);
                _dir.PointLink(link, _dir["gone"]);
                pty.Dispose();
                listener.WaitForStatus(ConsoleStatus.HungUp, opened, seconds: 5);
            }

            // Delays of 50, 100, 200, 400, 800 ms allow about 6 opens in 1.5 s; without back-off it is hundreds.
            Assert.That(opened, Is.InRange(2, 10));
            Assert.That(listener.CountOf(ConsoleStatus.HungUp), Is.EqualTo(opened));
        }
    }

    [Test]
    public async Task WriteAsyncThrowsConsoleUnavailableWhileTheNodeIsAbsent()
    {
        string path = _dir["absent"];
        ConsoleUnderTest under = Start(path);
        var (console, _) = under;
        await using (under)
        {
            var e = Assert.ThrowsAsync<ConsoleUnavailableException>(async () => await console.WriteAsync(new byte[] { 1 }, CancellationToken.None));
            Assert.That(e!.Message, Is.EqualTo($"{path} is not open: waiting for the device node"));
        }

        Assert.That(async () => await console.WriteAsync(new byte[] { 1 }, CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task WriteAsyncBeforeStartThrowsConsoleUnavailable()
    {
        await using var console = new TtyConsole(new SerialSettings(_dir["never"]));
        Assert.That(async () => await console.WriteAsync(new byte[] { 1 }, CancellationToken.None),
            Throws.InstanceOf<ConsoleUnavailableException>().With.Message.Contains("not started"));
    }

    [Test]
    public async Task DisposeWhileOpenIsPromptStopsTheReaderAndIsIdempotent()
    {
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = Start(pty.SlavePath);
        var (console, listener) = under;
        listener.WaitForStatus(ConsoleStatus.Opened);
        PtyIo.WriteAll(pty.MasterFd, "x"u8);
        listener.WaitForBytes(1);

        var clock = Stopwatch.StartNew();
        await under.DisposeAsync();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(console.ReaderAlive, Is.False);
        Assert.That(console.IsOpen, Is.False);
        await under.DisposeAsync();
        Assert.That(listener.CountOf(ConsoleStatus.Closed), Is.EqualTo(1));
        Assert.That(listener.Statuses().Last().Status, Is.EqualTo(ConsoleStatus.Closed));
    }

    [Test]
    public async Task DisposeWhileWaitingForAnAbsentNodeIsPrompt()
    {
        ConsoleUnderTest under = Start(Path.Combine(_dir["no-such-folder"], "tty"));
        var (console, listener) = under;
        SpinWait.SpinUntil(() => console.ReaderTid != 0, TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        await under.DisposeAsync();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(console.ReaderAlive, Is.False);
        Assert.That(listener.Statuses().Select(s => s.Status), Is.EqualTo(new[] { ConsoleStatus.Closed }));
    }

    [Test]
    public async Task ARegularFileIsReportedOnceAsFailedWithoutSpinning()
    {
        string file = _dir["not-a-tty"];
        await File.WriteAllTextAsync(file, "hello");
        ConsoleUnderTest under = Start(file);
        var (console, listener) = under;
        await using (under)
        {
            listener.WaitForStatus(ConsoleStatus.Failed);
            long before = PtyIo.CpuTicks(console.ReaderTid);
            Thread.Sleep(1000); // several retries with back-off happen in this second

            Assert.That(listener.DetailsOf(ConsoleStatus.Failed), Is.EqualTo(new[] { $"{file}: not a terminal (TIOCEXCL: Inappropriate ioctl for device)" }));
            Assert.That(PtyIo.CpuTicks(console.ReaderTid) - before, Is.LessThanOrEqualTo(10));
            Assert.That(console.ReaderAlive, Is.True);
            Assert.That(console.IsOpen, Is.False);
            Assert.That(async () => await console.WriteAsync(new byte[] { 1 }, CancellationToken.None),
                Throws.InstanceOf<ConsoleUnavailableException>().With.Message.Contains("not a terminal"));
        }

        Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo("hello"));
    }

    [Test]
    public async Task AFailingNodeIsRetriedAndOpensOnceItBecomesATty()
    {
        string path = _dir["console"];
        await File.WriteAllTextAsync(path, "");
        using Pty pty = Pty.Open();
        ConsoleUnderTest under = Start(path);
        var (console, listener) = under;
        await using (under)
        {
            listener.WaitForStatus(ConsoleStatus.Failed);
            _dir.PointLink(path, pty.SlavePath);
            listener.WaitForStatus(ConsoleStatus.Opened);
            PtyIo.WriteAll(pty.MasterFd, "login: "u8);
            listener.WaitForBytes(7);
        }
    }
}
