using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rig.Cli.Composition;
using Rig.Drivers.Meter;
using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Reporting;
using Rig.Engine.Runs;
using Rig.Reports.Model;
using PowerEvent = Rig.Engine.Journal.PowerEvent;
using Rig.Reports.Rendering;

namespace Rig.Tests.Meter;

/// <summary>
/// The power-meter path end to end: a virtual camera switched by the real sim power switch, its
/// current read through Iot.Device.Bindings from the register-level simulated INA219, samples in
/// the journal, a current line on the report's timeline, and <c>current:</c> events deciding verdicts.
/// </summary>
public class MeterRunTests
{
    private const string Plan = """
        plan: PWR-T1
        title: The device draws power when switched on, and none when off
        needs: [power, power_meter]
        initial: boot
        states:
          boot:
            enter: [ { power: on } ]
            on:
              - current: '> 100mA for 500ms'
                goto: off
              - current: '< 5mA for 2s'
                verdict: fail
                because: 'the device draws nothing ({{current_ma}} mA) with its power on: bricked'
              - after: 30s
                verdict: inconclusive
                because: no steady reading in 30 s
          off:
            enter: [ { power: off } ]
            on:
              - current: '< 5mA for 1s'
                verdict: pass
                because: 'it drew current when on; {{current_ma}} mA once off'
              - after: 30s
                verdict: fail
                because: it still draws current with its power off
        """;

    private readonly TempDir _dir = new();
    private readonly string _address = $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Out => _dir["out"];

    private async Task<PlanOutcome> CertifyAsync(string meter, BenchDrivers drivers)
    {
        string bench = _dir.Write("bench.yaml", $$"""
            bench: meter
            slots:
              cam:
                power: { backend: sim, personality: vcam-hardened, address: {{_address}}, boot_scale: 0.05, state: cam/flash }
                console: { path: cam/console }
                cycle_off: 100ms
            {{meter}}
            """);
        BenchConfig config = BenchLoader.Load(bench, _dir["state"], drivers);
        string profileText = TestPaths.ProfileText("vcam-hardened").Replace("address: 127.0.0.", $"address: {_address} #", StringComparison.Ordinal);
        DeviceProfile profile = ProfileLoader.Load(_dir.WriteProfile("profile.yaml", profileText));
        Plan plan = PlanLoader.Load(_dir.Write("plans/PWR-T1.yaml", Plan), "plans/PWR-T1.yaml");
        var request = new CertificationRequest(config, config.Slot("cam"), profile, [plan], Out, LabIdentity.Unnamed);
        IReadOnlyList<PlanOutcome> outcomes = await SlotCertification.RunAsync(request, SilentProgress.Instance, CancellationToken.None);
        return outcomes.Single();
    }

    private const string SimMeter = "    meter: { chip: ina219, bus: sim, address: 0x40, shunt: 0.1, rate: 20 }";

    [Test]
    public async Task ABootingDeviceDrawsCurrentAndTheRunShowsIt()
    {
        PlanOutcome outcome = await CertifyAsync(SimMeter, DriverFactory.Bench);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass), outcome.Reason);
        Assert.That(outcome.Reason, Does.Match(@"once off$"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "boot", "off" }));

        RunJournal journal = JournalReader.Read(Out);
        Assert.That(journal.Of<RunStartEvent>().Single().Bench.Meter, Is.EqualTo("ina219 at 0x40 on sim, shunt 0.1 ohm, 20 readings/s"));
        List<PowerSampleEvent> samples = [.. journal.Of<PowerSampleEvent>()];
        Assert.That(samples, Has.Count.GreaterThan(20), "a reading every 50 ms over the run");
        Assert.That(samples.All(s => s.Slot == "cam" && s.BusVolts is >= 0 and <= 5.01));
        Assert.That(samples.Max(s => s.Milliamps), Is.EqualTo(BootLoad.InrushMilliamps).Within(1), "the inrush, read back through the chip's registers");
        long boot = journal.Of<StateEvent>().First(e => e.State == "boot").MonoNs;
        long on = journal.Of<PowerEvent>().First(p => p.State == PowerEvent.On).MonoNs; // journaled once the switch is done
        long off = journal.Of<PowerEvent>().Last(p => p.State == PowerEvent.Off).MonoNs;
        Assert.That(samples.Where(s => s.MonoNs < boot).Select(s => s.Milliamps), Has.All.EqualTo(0), "nothing before the plan switched it on");
        Assert.That(samples.Last().Milliamps, Is.EqualTo(0), "nothing once it opened again");
        Assert.That(samples.Where(s => s.MonoNs > on && s.MonoNs < off).Select(s => s.Milliamps), Has.Some.GreaterThan(100));

        ReportModel model = ReportBuilder.Build(Out, new SignerIdentity("A. Tester", new string('f', 64)), DateTimeOffset.UnixEpoch);
        Assert.That(model.Timeline!.Current, Has.Count.EqualTo(samples.Count));
        string html = new ReportRenderer().RenderText(model);
        string timeline = Regex.Match(html, "<svg class=\"timeline\"[\\s\\S]*?</svg>").Value;
        XElement svg = XElement.Parse(timeline);
        XNamespace ns = "http://www.w3.org/2000/svg";
        XElement row = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "current");
        string[] points = [.. row.Elements(ns + "polyline").SelectMany(p => ((string)p.Attribute("points")!).Split(' '))];
        Assert.That(points, Has.Length.GreaterThan(10), "the current is drawn as a line on the timeline");
        Assert.That(svg.Descendants(ns + "text").Select(t => t.Value), Has.Some.EqualTo("0–420 mA"), "its scale is the highest reading");
    }

    [Test]
    public async Task ABrickedDeviceDrawsNothingAndFails()
    {
        // The same simulated board, with a device on it that does not start.
        BenchDrivers bricked = DriverFactory.Bench with
        {
            Meter = (settings, power) =>
            {
                string state = ((SimPowerOptions)power).StateDir;
                var load = new BootLoad(() => VirtualDeviceProcess.FindRunning(state) is not null) { Bricked = true };
                return new InaPowerMeter(settings, new SimInaDevice(settings.Chip, settings.Address, settings.ShuntOhms, load.Now));
            },
        };
        PlanOutcome outcome = await CertifyAsync(SimMeter, bricked);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail), outcome.Reason);
        Assert.That(outcome.Reason, Is.EqualTo("the device draws nothing (0 mA) with its power on: bricked"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "boot" }));
        Assert.That(JournalReader.Read(Out).Of<PowerSampleEvent>().Select(s => s.Milliamps), Has.All.EqualTo(0));
    }

    [Test]
    public async Task ASlotWithoutAMeterCannotPassAPlanThatReadsCurrent()
    {
        PlanOutcome outcome = await CertifyAsync(string.Empty, DriverFactory.Bench);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(outcome.Reason, Does.Contain("the plan needs a power meter and slot 'cam' has none"));
        RunJournal journal = JournalReader.Read(Out);
        Assert.That(journal.Of<PowerSampleEvent>(), Is.Empty);
        Assert.That(journal.Of<PowerEvent>(), Is.Empty, "decided before the device was switched on");
    }
}
