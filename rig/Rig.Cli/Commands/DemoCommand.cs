using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Engine.Bench;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;
using Rig.Engine.Schemes;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig demo --out DIR</c>: certifies both virtual devices of the built-in bench at once into
/// DIR/&lt;device&gt;/ and writes the lab's public key to DIR/lab.pub.pem.
/// </summary>
internal static class DemoCommand
{
    private static readonly (string Slot, string Profile)[] Devices = [("slot1", "vcam-vulnerable"), ("slot2", "vcam-hardened"), ("slot3", "vcam-partial")];

    /// <summary>The demo certifies against this scheme, as a lab would.</summary>
    public const string Scheme = "etsi-en-303-645-baseline";

    /// <summary>The ladder climbed with the same verdicts (the baseline's plans and FW-02, each run once): its level decides the certificate.</summary>
    public const string Ladder = "en-303-645-isvs-ladder";

    public static Command Create()
    {
        var command = new Command("demo", "Certify the three built-in virtual cameras (vulnerable, hardened, in between) against the ETSI EN 303 645 baseline scheme, climb the ladder of levels with the same results, and sign their reports and certificates.");
        var template = new TemplateOption();
        var outDir = new Option<string>("--out") { Description = "Folder for the reports and the lab's public key", Required = true };
        command.Options.Add(outDir);
        template.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            Rig.Reports.Rendering.RenderOptions render = template.Get(parsed); // a bad template fails before any device is powered
            string dir = Preflight.OutFolder("--out", parsed.GetValue(outDir)!);
            // Fresh flash for every camera: the last demo may have bricked one with a power cut during an update.
            string benchState = Path.Combine(dir, "bench");
            if (Directory.Exists(benchState))
            {
                Directory.Delete(benchState, recursive: true);
            }

            BenchConfig bench = BenchLoader.Load(RigData.VirtualBench, benchState, DriverFactory.Bench, RigData.Display(RigData.VirtualBench));
            Scheme scheme = CertifyCommand.LoadScheme(Scheme);
            Scheme ladder = CertifyCommand.LoadLadder(Ladder);
            IReadOnlyList<string> plans = RunPlans.Of(scheme, ladder);
            using LabKey key = DemoKey(dir);
            var requests = Devices.Select(d =>
            {
                DeviceProfile profile = CertifyCommand.LoadProfile(d.Profile);
                // Demo identities: a serial as on a label, a locally administered MAC made from the camera's address.
                byte[] ip = profile.Address.GetAddressBytes();
                var unit = new UnitIdentity($"VCAM1-DEMO-{ip[3]:D4}", $"02:00:{ip[0]:x2}:{ip[1]:x2}:{ip[2]:x2}:{ip[3]:x2}");
                SlotConfig slot = bench.Slot(d.Slot);
                return new CertificationRequest(bench, slot, profile, CertifyCommand.LoadPlans([.. plans]), Path.Combine(dir, d.Profile),
                    LabIdentity.Demo with { Received = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                    scheme, RunPlans.NotApplicable(scheme, ladder, profile), unit, VirtualUnitRecord.Make(slot, unit), ladder); // a technician copies each camera's label
            }).ToList();

            foreach (CertificationRequest r in requests.Where(r => Directory.Exists(r.OutDir)))
            {
                Directory.Delete(r.OutDir, recursive: true); // a demo starts afresh; real runs never overwrite
            }

            Preflight.ProfileFiles(requests, key.Path);
            int code;
            using (SlotClaim claim = await SlotClaim.AcquireAsync(RigData.VirtualBench, bench, requests.Select(r => r.Slot.Name), wait: false, powers: true, ct).ConfigureAwait(false))
            {
                code = await CertificationRun.RunAsync(requests, key, render, ct, claim.Supervisor).ConfigureAwait(false);
            }

            Console.WriteLine();
            Console.WriteLine($"Verify without rig:  openssl dgst -sha256 -verify {Path.Combine(dir, "lab.pub.pem")} -signature {Path.Combine(dir, "vcam-vulnerable", "report.html.sig")} {Path.Combine(dir, "vcam-vulnerable", "report.html")}");
            Console.WriteLine($"A certificate too:   openssl dgst -sha256 -verify {Path.Combine(dir, "lab.pub.pem")} -signature {Path.Combine(dir, "vcam-hardened", "certificate.json.sig")} {Path.Combine(dir, "vcam-hardened", "certificate.json")}");
            // The demo's purpose is to show both outcomes: a failing vulnerable device is success.
            return code == ExitCodes.RigError ? code : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The demo lab's key: made once per output folder, private half in DIR/keys (0700), public half at DIR/lab.pub.pem.</summary>
    private static LabKey DemoKey(string dir)
    {
        string keys = Path.Combine(dir, "keys");
        string priv = Path.Combine(keys, "lab.key.pem");
        string pub = Path.Combine(dir, "lab.pub.pem");
        if (File.Exists(priv) && File.Exists(pub))
        {
            return LabKeys.LoadPrivate(priv);
        }

        Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Delete(priv);
        File.Delete(pub);
        return LabKeys.New(priv, pub);
    }
}
