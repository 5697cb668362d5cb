using System.Net;
using System.Text;
using Rig.Cli.Composition;
using Rig.Cli.Composition.Backends;
using Rig.Drivers.Native;
using Rig.Drivers.Power;
using Rig.Drivers.Serial;
using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Protocols;
using Rig.Tests.Serial;

namespace Rig.Tests.Support;

/// <summary>
/// A slot whose "device" is the test itself: it writes to a real pty's master what a device would
/// print, while the rig reads the slave through the real termios console. Power is a real shell
/// command that logs each switch.
/// </summary>
internal sealed class PtyBench : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly Pty _pty = Pty.Open();
    private readonly JournalWriter _journal;
    private readonly RecordingListener _statuses = new(keepBytes: false);

    /// <param name="ownCycle">The switch has its own cycle command (a PDU's), which logs "cycle".</param>
    public PtyBench(string? offCommand = null, TimeSpan? bootTime = null, TxPacing? pacing = null, bool ownCycle = false, string? onCommand = null)
    {
        _dir.PointLink(_dir["console"], _pty.SlavePath);
        string log = _dir["power.log"];
        var power = new CommandPowerOptions(onCommand ?? $"echo on >> '{log}'", offCommand ?? $"echo off >> '{log}'", Cycle: ownCycle ? $"echo cycle >> '{log}'" : null);
        Slot = new SlotConfig("t1", power, new SerialSettings(_dir["console"]), PowerState.Off, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500)) { PowerBackend = new CommandBackend(), ConsoleDriver = DriverFactory.CreateConsole };
        Profile = new DeviceProfile("p", "p.yaml", new string('0', 64), "m", "model", null, null, IPAddress.Loopback, [], bootTime ?? TimeSpan.FromSeconds(5), pacing);
        _journal = new JournalWriter(_dir["journal.jsonl"]);
        var console = new TtyConsole(Slot.Console);
        console.Subscribe(_statuses);
        Session = new SlotSession(Slot, Profile, new CommandPowerSwitch(power), console, _journal, _dir["console.raw"]);
    }

    public SlotConfig Slot { get; }

    public DeviceProfile Profile { get; }

    public SlotSession Session { get; }

    public string Dir => _dir.Path;

    public string PowerLog => File.Exists(_dir["power.log"]) ? File.ReadAllText(_dir["power.log"]) : string.Empty;

    public string JournalPath => _dir["journal.jsonl"];

    public Plan Plan(string yaml) => PlanLoader.Load(_dir.Write("plan.yaml", yaml), "plan.yaml");

    /// <summary>A plan that may use the actions of <paramref name="kinds"/>.</summary>
    public Plan Plan(string yaml, ActionKinds kinds) => PlanLoader.Load(_dir.Write("plan.yaml", yaml), "plan.yaml", kinds);

    /// <summary>A plan in a testplans-like tree (plans/, fragments/) under the bench's folder.</summary>
    public Plan Plan(string relativePath, string yaml) => PlanLoader.Load(_dir.Write(relativePath, yaml), relativePath);

    public string Write(string relativePath, string text) => _dir.Write(relativePath, text);

    /// <summary>
    /// The device's end of the line goes away (an unplugged adapter, a dead emulator). Its link goes
    /// first, as an unplugged adapter's /dev/serial/by-id link does: the freed pty number is soon
    /// another process's (a test ran the rig on a virtual camera's console that way).
    /// </summary>
    public void HangUp()
    {
        File.Delete(_dir["console"]);
        _pty.Dispose();
    }

    /// <summary>Waits until the rig holds the console open (its reader opens the node on a thread of its own).</summary>
    public Task WhenConsoleOpenAsync() => Task.Run(() => _statuses.WaitUntil(() => Session.Console.IsOpen, $"the rig to open {_pty.SlavePath}", 30));

    public Task<PlanOutcome> RunAsync(Plan plan, CancellationToken ct = default) => new PlanRunner(Session, plan).RunAsync(ct);

    /// <summary>The device prints.</summary>
    public void Print(string text) => PtyIo.WriteAll(_pty.MasterFd, Encoding.Latin1.GetBytes(text));

    public void Print(ReadOnlySpan<byte> data) => PtyIo.WriteAll(_pty.MasterFd, data);

    /// <summary>Prints after a delay, once the plan is waiting.</summary>
    public Task PrintLater(string text, int ms = 300) => Task.Run(async () => { await Task.Delay(ms); Print(text); });

    /// <summary>What the rig typed on the console.</summary>
    public string Received(int count) => Encoding.Latin1.GetString(PtyIo.ReadExactly(_pty.MasterFd, count));

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        _journal.Dispose();
        _pty.Dispose();
        _dir.Dispose();
    }
}
