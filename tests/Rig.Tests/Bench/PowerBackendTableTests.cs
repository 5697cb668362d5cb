using System.Net;
using System.Text.Json;
using Rig.Cli.Composition;
using Rig.Cli.Composition.Backends;
using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;
using Rig.Protocols;

namespace Rig.Tests.Bench;

/// <summary>A power backend is one descriptor in one table: a new one is read, checked, opened and reported without touching the rig's files.</summary>
public class PowerBackendTableTests
{
    /// <summary>A relay that records its state in a file: a backend only this test knows, built on the command switch.</summary>
    private sealed record RelayFileOptions(string File, string? Address);

    private sealed class RelayFileBackend : PowerBackend<RelayFileOptions>
    {
        public override string Name => "relay-file";

        public override RelayFileOptions Read(YamlMap power, PowerReadContext context)
        {
            power.AllowOnly("backend", "file", "address");
            return new RelayFileOptions(context.Resolve(power.RequireString("file")), power.OptString("address"));
        }

        public override IPowerSwitch Create(RelayFileOptions options, PowerState safeState) =>
            new CommandPowerSwitch(new CommandPowerOptions($"echo on > '{options.File}'", $"echo off > '{options.File}'", $"cat '{options.File}'"));

        public override string Describe(RelayFileOptions options) => $"relay file {Path.GetFileName(options.File)}";

        public override string? DeviceAddress(RelayFileOptions options) => options.Address;
    }

    private static readonly BenchDrivers Table = DriverFactory.Bench with { Power = BuiltinPowerBackends.Table.With(new RelayFileBackend()) };

    private readonly TempDir _dir = new();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Bench(string power) => _dir.Write("bench.yaml", $"""
        bench: b
        slots:
          s1:
            power:
        {power}
            console:
              path: tty-s1
        """);

    [Test]
    public async Task ANewBackendInTheTableIsReadOpenedAndDescribed()
    {
        BenchConfig bench = BenchLoader.Load(Bench("      backend: relay-file\n      file: relay"), _dir.Path, Table, "bench.yaml");
        SlotConfig slot = bench.Slot("s1");
        Assert.That(slot.Power, Is.EqualTo(new RelayFileOptions(_dir["relay"], null)), "a relative path resolves against the state root");
        Assert.That(slot.PowerBackend.HoldsLine, Is.False);
        Assert.That(slot.PowerBackend.SafeStateReach, Is.EqualTo(SafeStateReach.Switched));

        await using (IPowerSwitch power = DriverFactory.CreatePower(slot))
        {
            await power.OnAsync(CancellationToken.None);
            Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        }

        Assert.That(File.ReadAllText(_dir["relay"]).Trim(), Is.EqualTo("on"));

        string journalPath = _dir["journal.jsonl"];
        using (var journal = new JournalWriter(journalPath))
        {
            journal.Append(RunRecord.Start(Request(bench, IPAddress.Loopback)));
        }

        JsonElement start = JournalReader.ReadAll(journalPath, out _).Single(e => e.GetProperty("ev").GetString() == "run-start");
        Assert.That(start.GetProperty("bench").GetProperty("power").GetString(), Is.EqualTo("relay file relay"));
    }

    [Test]
    public void ANewBackendsMistakesNameFileLineAndColumn()
    {
        string file = Bench("      backend: relay-file\n      file: relay\n      colour: red");
        var e = Assert.Throws<ConfigException>(() => BenchLoader.Load(file, _dir.Path, Table, "bench.yaml"));
        Assert.That(e!.Message, Does.StartWith("bench.yaml:7:7: unknown key 'colour' (expected one of: backend, file, address)"));
    }

    [Test]
    public void UnknownBackendListsTheTable()
    {
        string file = Bench("      backend: zigbee");
        var builtin = Assert.Throws<ConfigException>(() => BenchLoader.Load(file, _dir.Path, DriverFactory.Bench, "bench.yaml"));
        Assert.That(builtin!.Message, Is.EqualTo("bench.yaml:5:16: unknown power backend 'zigbee' (expected gpio, command or sim)"));
        var extended = Assert.Throws<ConfigException>(() => BenchLoader.Load(file, _dir.Path, Table, "bench.yaml"));
        Assert.That(extended!.Message, Does.EndWith("(expected gpio, command, sim or relay-file)"));
    }

    [Test]
    public void ARunRefusesAProfileThatIsNotWhereTheBackendPutTheDevice()
    {
        BenchConfig bench = BenchLoader.Load(Bench("      backend: relay-file\n      file: relay\n      address: 127.0.0.9"), _dir.Path, Table, "bench.yaml");
        var e = Assert.ThrowsAsync<ArgumentException>(() => SlotCertification.RunAsync(Request(bench, IPAddress.Loopback), SilentProgress.Instance, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("runs its device at 127.0.0.9 (relay file relay)").And.Contain("declares the device at 127.0.0.1"));
        Assert.That(File.Exists(_dir["relay"]), Is.False, "nothing was switched");
    }

    [Test]
    public void TheCommandBackendReadsACycleCommand()
    {
        BenchConfig bench = BenchLoader.Load(Bench("      backend: command\n      on: plug on\n      off: plug off\n      cycle: plug reboot"), _dir.Path, DriverFactory.Bench, "bench.yaml");
        SlotConfig slot = bench.Slot("s1");
        Assert.That(((CommandPowerOptions)slot.Power).Cycle, Is.EqualTo("plug reboot"));
        Assert.That(slot.PowerBackend.Describe(slot.Power), Is.EqualTo("command (on: plug on; off: plug off; cycle: plug reboot)"));
    }

    [Test]
    public void OnlyTheGpioBackendHoldsALineAndReleasesToSafe()
    {
        var holding = BuiltinPowerBackends.Table.Names
            .Select(n => BenchLoader.Load(Bench(n switch
            {
                "gpio" => "      backend: gpio\n      chip: gpiochip0\n      line: 17",
                "command" => "      backend: command\n      on: a\n      off: b",
                _ => "      backend: sim\n      personality: vcam-hardened\n      state: flash",
            }), _dir.Path, DriverFactory.Bench).Slot("s1").PowerBackend)
            .Where(b => b.HoldsLine && b.SafeStateReach == SafeStateReach.Released)
            .Select(b => b.Name);
        Assert.That(holding, Is.EqualTo(new[] { "gpio" }));
    }

    private CertificationRequest Request(BenchConfig bench, IPAddress address) => new(
        bench,
        bench.Slot("s1"),
        new DeviceProfile("p", "p.yaml", new string('0', 64), "m", "model", null, null, address, [], TimeSpan.FromSeconds(5), null),
        [],
        _dir["out"],
        LabIdentity.Unnamed);
}
