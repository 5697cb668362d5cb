using System.Net.Sockets;
using System.Net;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Cli;
using Rig.Tests.Engine;
using Rig.Tests.Support;
using Rig.Tests.VirtualDevice;

namespace Rig.Tests.Observation;

/// <summary>
/// No answer is not a pass. The console works (a replayed camera boots to its shell) but nothing
/// answers at the profile's address, or one declared service stays silent: the network plans
/// that rest on it are inconclusive, and a scheme over them never conforms.
/// </summary>
public class UnobservedDeviceTests
{
    private static readonly string[] NetworkPlans = ["SURF-01", "SURF-02", "CRED-01", "CRED-02", "CRED-03", "CRED-04", "AUTH-01"];

    [Test]
    public void ADeviceThatAnswersNothingPassesNoNetworkPlanAndDoesNotConform()
    {
        using var dir = new TempDir();
        const string address = "127.0.0.77"; // no test listens here
        string profile = dir.WriteProfile("profile.yaml", TestPaths.ProfileText("vcam-vulnerable").Replace("address: 127.0.0.2", $"address: {address}", StringComparison.Ordinal));
        string bench = dir.Write("bench.yaml", $$"""
            bench: replay
            slots:
              r1:
                power: { backend: sim, personality: replay, transcript: '{{ReplayBench.Transcript("vcam-vulnerable-boot")}}', state: r1/flash, boot_scale: 0.05 }
                console: { path: r1/console }
                cycle_off: 50ms
            """);
        string scheme = dir.Write("scheme.yaml", $"""
            scheme: network-scheme
            title: Network scheme
            version: "1"
            standard: EN 303 645 V2.1.1
            decision_rule: any failing plan fails its provision
            provisions:
              - id: "5.6-1"
                title: Minimise exposed services
                plans: [{string.Join(", ", NetworkPlans)}]
            """);
        RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, "certify", "--bench", bench, "--state-root", dir["state"], "--slot", "r1", "--profile", profile,
            "--scheme", scheme, "--key", dir["k.pem"], "--out", dir["out"]);

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.Multiple(() =>
        {
            foreach (string plan in NetworkPlans)
            {
                string line = stdout.Split('\n').Single(l => l.TrimStart().StartsWith(plan + " ", StringComparison.Ordinal));
                Assert.That(line, Does.Contain("INCONCLUSIVE").And.Contain($"device not reachable at {address}"), line);
            }

            Assert.That(stdout, Does.Contain("Network scheme: INCONCLUSIVE").And.Not.Contain(": CONFORMS"));
        });
    }

    [Test]
    public async Task ADeclaredServiceThatStaysSilentMakesItsPlanInconclusiveNamingServiceAndPort()
    {
        // The device answers on one declared port (a listener of the test's own); its declared FTP port answers nothing.
        const string address = "127.0.0.78";
        using var seen = new TcpListener(IPAddress.Parse(address), 0);
        seen.Start();
        int open = ((IPEndPoint)seen.LocalEndpoint).Port;
        int silent = TestDevice.FreePort(address);
        using var dir = new TempDir();
        string profile = dir.Write("profile.yaml", $$"""
            profile: seen-once
            manufacturer: Test
            model: test-1
            address: {{address}}
            services:
              rtsp: { port: {{open}} }
              ftp: { port: {{silent}} }
            boot_time: 10s
            """);
        using var bench = new ReplayBench { ProfileFile = profile };
        Plan[] plans = new[] { "CRED-04", "CRED-01" }.Select(id => PlanLoader.Load(TestPaths.Plan(id), id + ".yaml")).ToArray();

        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("vcam-vulnerable-boot", plans);

        var by = outcomes.ToDictionary(o => o.Plan.Id);
        Assert.That(by["CRED-04"].Verdict, Is.EqualTo(Verdict.Inconclusive), by["CRED-04"].Reason);
        Assert.That(by["CRED-04"].Reason, Is.EqualTo($"the declared ftp service on {address}:{silent} did not answer"));
        Assert.That(by["CRED-01"].Verdict, Is.EqualTo(Verdict.Pass), "the device was seen and declares no telnet: " + by["CRED-01"].Reason);
    }
}
