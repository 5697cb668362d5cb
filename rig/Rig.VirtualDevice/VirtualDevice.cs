using System.Runtime.InteropServices;
using Rig.Formats.Transcripts;

namespace Rig.VirtualDevice;

/// <summary>One powered-on device (a camera, or the replay of a recorded console): from start-up checks to boot, console and telnet, until SIGTERM or SIGKILL.</summary>
internal static class VirtualDevice
{
    public const string FlashLockFile = "flash.lock";

    /// <summary>Runs the device; returns the exit code (0 after SIGTERM, 1 when start-up failed).</summary>
    public static int Run(VdevOptions options)
    {
        DeviceLog? log = null;
        try
        {
            VdevNative.SetSid(); // its own session: a Ctrl-C at the rig's terminal must not pull the plug
            Directory.CreateDirectory(options.StateDir);
            using FileStream flashLock = LockFlash(options.StateDir);
            log = DeviceLog.Open(options.StateDir);
            var store = new StateStore(options.StateDir);
            int boots = store.IncrementBootCount();
            Action<ConsolePort> firmware;
            TelnetServer? telnet = null;
            NetServices? services = null;
            if (options.ReplayPath is { } replay)
            {
                log.Write($"power on: replay of {replay}, pid {Environment.ProcessId}, console {options.ConsolePath}");
                ConsoleTranscript transcript = ConsoleTranscriptReader.Read(replay); // a bad line fails the power-on with file:line:col
                firmware = console => new TranscriptPlayer(console, transcript, options.BootScale, log).Run();
            }
            else
            {
                log.Write($"power on: {options.Personality.Name}, pid {Environment.ProcessId}, console {options.ConsolePath}, address {options.Address}");
                var device = FirmwareBoot.Start(new DeviceContext(
                    options,
                    boots,
                    store.FirmwareVersion(),
                    options.Personality.ConsoleLogin ? store.RootPassword() : null,
                    log));
                telnet = options.Personality.Telnet ? TelnetServer.Bind(device) : null;
                services = NetServices.Bind(device, store);
                var stubs = options.Personality.RiskyPorts ? new RiskyPortStubs(device) : null;
                if (telnet is not null)
                {
                    Daemons.Register("telnetd", telnet, () => RestartTelnet(device));
                }

                string psk = store.WifiPsk();
                firmware = console => RunCamera(console, device, telnet, services, new BootExtras(console, device, psk, stubs));
            }

            using TelnetServer? network = telnet;
            using NetServices? otherServices = services;
            using ConsolePort console = ConsolePort.Open(log);
            ConsoleLink.Point(options.ConsolePath, console.SlavePath);
            log.Write($"console {options.ConsolePath} -> {console.SlavePath}; boot {boots}");

            using var powerOff = new ManualResetEventSlim();
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);

            StandardStreams.Detach(log.Path); // start-up is over: from here on nothing goes to the parent

            var consoleThread = new Thread(() => RunConsole(console, firmware, log)) { IsBackground = true, Name = "console" };
            consoleThread.Start();
            powerOff.Wait();

            ConsoleLink.RemoveIfOurs(options.ConsolePath, console.SlavePath);
            Daemons.StopAll();
            log.Write("power off: clean stop");
            return 0;

            void Stop(PosixSignalContext c)
            {
                c.Cancel = true;
                powerOff.Set();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TranscriptFormatException)
        {
            log?.Write($"start-up failed: {e.Message}");
            Console.Error.WriteLine($"rig-vdev: {e.Message}");
            return 1;
        }
        finally
        {
            log?.Dispose();
        }
    }

    /// <summary>`telnetd` typed in the shell after a `killall telnetd`: binds and listens again.</summary>
    private static TelnetServer? RestartTelnet(DeviceContext device)
    {
        try
        {
            TelnetServer server = TelnetServer.Bind(device);
            if (server.Start())
            {
                return server;
            }

            server.Dispose();
            return null;
        }
        catch (IOException e)
        {
            device.Log.Write($"telnetd: restart failed: {e.Message}");
            return null;
        }
    }

    /// <summary>One device per flash: a second process on the same state folder would corrupt it.</summary>
    private static FileStream LockFlash(string stateDir)
    {
        string path = Path.Combine(stateDir, FlashLockFile);
        try
        {
            // FileShare.None takes an exclusive flock; the kernel drops it when the process dies, even by SIGKILL.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"state {stateDir}: in use by another virtual device ({e.Message})", e);
        }
    }

    private static void RunConsole(ConsolePort console, Action<ConsolePort> firmware, DeviceLog log)
    {
        try
        {
            firmware(console);
        }
        catch (Exception e)
        {
            log.Write($"console: failed: {e}");
        }
    }

    private static void RunCamera(ConsolePort console, DeviceContext device, TelnetServer? telnet, NetServices? services, BootExtras? extras = null)
    {
        bool telnetUp = false;
        bool servicesUp = false;
        while (true)
        {
            try
            {
                RunCameraBoot(console, device, () => telnetUp = telnetUp || (telnet?.Start() ?? false), () =>
                {
                    if (!servicesUp)
                    {
                        services?.Start(); // once per power-on: a self-reboot keeps the listeners
                        servicesUp = true;
                    }
                }, services, extras);
                return;
            }
            catch (DeviceRebootException e)
            {
                device.Log.Write($"reboot: {e.Message}");
                device = FirmwareBoot.Restart(device); // a self-reboot: a new boot on the same console
            }
        }
    }

    private static void RunCameraBoot(ConsolePort console, DeviceContext device, Func<bool> startTelnet, Action startServices, NetServices? services, BootExtras? extras)
    {
        new BootScript(console, device, startTelnet, extras).Run();
        if (device.Slots is { Bricked: true })
        {
            return; // U-Boot found no bootable image: it stops there, no kernel, no shell
        }

        startServices();
        device.Slots?.Confirm();
        console.DiscardInput();
        var editor = new LineEditor(console);
        while (true)
        {
            if (device.RootPassword is { } password)
            {
                console.Write("\r\n");
                if (!new Login(console, editor, device, "console", services?.ConsoleLockout).Run("root", password, maxFailures: 0))
                {
                    return; // the console is gone; never fall through to a shell
                }
            }

            new Shell(console, editor, device).Run();
        }
    }
}
