using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Engine.Bench;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;
using Rig.Engine.Schemes;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary><c>rig certify</c>: run plans against one bench slot and a device profile, then issue a signed report.</summary>
internal static class CertifyCommand
{
    public static readonly string[] DefaultPlans = ["CRED-01", "UART-01"];

    public static Command Create()
    {
        var command = new Command("certify", "Run plans against a device on a bench slot and issue a signed report.");
        var template = new TemplateOption();
        var bench = new BenchOptions();
        var slot = new Option<string>("--slot") { Description = "The slot the device sits in", Required = true };
        var profile = new Option<string>("--profile") { Description = "The device profile file (YAML), or a shipped profile's name", Required = true };
        var plans = new Option<string[]>("--plan") { Description = "Plan id (e.g. CRED-01) or plan file; repeatable. Default: CRED-01 and UART-01", AllowMultipleArgumentsPerToken = true };
        var scheme = new Option<string?>("--scheme") { Description = "Certification scheme id (e.g. etsi-en-303-645-baseline) or file: runs its plans and gives a verdict per provision" };
        var ladder = new Option<string?>("--ladder") { Description = "A ladder scheme (levels of rigor) climbed with the --scheme's results, besides it; a device that meets a level gets a certificate. A ladder given as --scheme is climbed by itself" };
        var outDir = new Option<string>("--out") { Description = "Folder for the report, journal and console log", Required = true };
        var signing = new SigningOptions(required: true);
        var lab = new Option<string?>("--lab") { Description = "Lab file (YAML): lab, address, accreditation, signer, customer, received" };
        var serial = new Option<string?>("--serial") { Description = "The tested unit's serial number (as on its label)" };
        var mac = new Option<string?>("--mac") { Description = "The tested unit's MAC address" };
        var unit = new Option<string?>("--unit") { Description = "The lab's record of the tested unit (YAML): serial, mac, console_password (from its label), canaries (values the lab planted)" };
        bench.AddTo(command);
        command.Options.Add(slot);
        command.Options.Add(profile);
        command.Options.Add(plans);
        command.Options.Add(scheme);
        command.Options.Add(ladder);
        command.Options.Add(outDir);
        signing.AddTo(command);
        command.Options.Add(lab);
        command.Options.Add(serial);
        command.Options.Add(mac);
        command.Options.Add(unit);
        template.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            Rig.Reports.Rendering.RenderOptions render = template.Get(parsed); // a bad template fails before any device is powered
            BenchConfig benchConfig = bench.Load(parsed);
            SlotConfig slotConfig = BenchOptions.Slot(benchConfig, parsed.GetValue(slot)!);
            DeviceProfile deviceProfile = LoadProfile(parsed.GetValue(profile)!);
            Scheme? theScheme = parsed.GetValue(scheme) is { } s ? LoadScheme(s) : null;
            if (theScheme is not null && parsed.GetValue(plans) is { Length: > 0 })
            {
                throw new UsageException("--scheme decides which plans run; give --scheme or --plan, not both");
            }

            Scheme? theLadder = parsed.GetValue(ladder) is { } l
                ? LoadLadder(l, theScheme ?? throw new UsageException("--ladder is climbed with a scheme's results: give --scheme too"))
                : null;
            IReadOnlyList<Plan> planList = LoadPlans(theScheme is null ? parsed.GetValue(plans) : [.. theScheme.Plans]);
            LabIdentity identity = parsed.GetValue(lab) is { } labFile ? LabIdentity.Load(labFile) : LabIdentity.Unnamed;
            UnitRecord record = parsed.GetValue(unit) is { } unitFile ? UnitRecord.Load(unitFile) : UnitRecord.None;
            using LabKey labKey = signing.Load(parsed)!;
            Preflight.NotAFile("--out", parsed.GetValue(outDir)!);
            using SlotClaim claim = await bench.ClaimAsync(parsed, benchConfig, slotConfig, powers: true, ct).ConfigureAwait(false); // a busy slot is refused before anything is made or powered
            string outFull = Preflight.OutFolder("--out", parsed.GetValue(outDir)!); // made only once every input is good
            var request = new CertificationRequest(benchConfig, slotConfig, deviceProfile, planList, outFull, identity,
                theScheme, theScheme is null ? null : SchemeEvaluator.NotApplicablePlans(theScheme, deviceProfile),
                new UnitIdentity(parsed.GetValue(serial) ?? record.Serial, parsed.GetValue(mac) ?? record.Mac), record, theLadder);
            Preflight.ProfileFiles([request], labKey.Path);
            return await CertificationRun.RunAsync([request], labKey, render, ct, claim.Supervisor).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>A scheme file, or a shipped scheme by id; its plans must exist.</summary>
    public static Scheme LoadScheme(string idOrPath)
    {
        string file = RigData.ResolveScheme(idOrPath);
        return SchemeLoader.Load(file, id => File.Exists(RigData.ResolvePlan(id)), RigData.Display(file));
    }

    /// <summary>A ladder scheme climbed besides <paramref name="scheme"/>: it must have levels, and need no plan the scheme does not run.</summary>
    public static Scheme LoadLadder(string idOrPath, Scheme scheme)
    {
        Scheme ladder = LoadScheme(idOrPath);
        if (ladder.Ladder is null)
        {
            throw new UsageException($"--ladder {idOrPath}: {ladder.File} has no levels; give a ladder scheme");
        }

        string? missing = ladder.Plans.FirstOrDefault(p => !scheme.Plans.Contains(p));
        return missing is null ? ladder : throw new UsageException($"--ladder {idOrPath}: it needs plan {missing}, which scheme {scheme.Id} does not run");
    }

    /// <summary>A profile file, or a shipped profile by name (vcam-vulnerable).</summary>
    /// <remarks>Its paths stay in its folder; a shipped profile may also name the shipped firmware images.</remarks>
    public static DeviceProfile LoadProfile(string nameOrPath)
    {
        string file = File.Exists(nameOrPath) || nameOrPath.Contains('/') ? nameOrPath : RigData.Profile(nameOrPath);
        bool shipped = Path.GetFullPath(file).StartsWith(RigData.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return ProfileLoader.Load(file, RigData.Display(file), shipped ? [Path.Combine(RigData.Root, "firmware")] : null);
    }

    public static IReadOnlyList<Plan> LoadPlans(string[]? given) =>
        (given is { Length: > 0 } ? given : DefaultPlans).Select(p => RigData.ResolvePlan(p)).Select(f => PlanLoader.Load(f, RigData.Display(f))).ToList();
}
