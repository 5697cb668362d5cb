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

/// <summary>
/// <c>rig certify</c>: run plans against a device in a bench slot, then issue a signed report;
/// with <c>--batch</c>, several units in their slots at once, one report each, one exit code (the worst).
/// </summary>
internal static class CertifyCommand
{
    public static readonly string[] DefaultPlans = ["CRED-01", "UART-01"];

    public static Command Create()
    {
        var command = new Command("certify", "Run plans against a device on a bench slot and issue a signed report; --batch certifies several slots at once.");
        var template = new TemplateOption();
        var bench = new BenchOptions();
        var slot = new Option<string?>("--slot") { Description = "The slot the device sits in" };
        var profile = new Option<string?>("--profile") { Description = "The device profile file (YAML), or a shipped profile's name" };
        var plans = new Option<string[]>("--plan") { Description = "Plan id (e.g. CRED-01) or plan file; repeatable. Default: CRED-01 and UART-01", AllowMultipleArgumentsPerToken = true };
        var scheme = new Option<string?>("--scheme") { Description = "Certification scheme id (e.g. etsi-en-303-645-baseline) or file: runs its plans and gives a verdict per provision" };
        var ladder = new Option<string?>("--ladder") { Description = "A ladder scheme (levels of rigor) climbed with the --scheme's results, besides it; a device that meets a level gets a certificate. A ladder given as --scheme is climbed by itself" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the report, journal and console log" };
        var batch = new Option<string?>("--batch")
        {
            Description = "Batch file (YAML) of units to certify at once, instead of --slot, --profile and --out: "
                + "units: [ { slot, profile, out, serial, mac, unit, plans or scheme } ]; plans or scheme at the top are every unit's",
        };
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
        command.Options.Add(batch);
        command.SetAction(async (parsed, ct) =>
        {
            Rig.Reports.Rendering.RenderOptions render = template.Get(parsed); // a bad template fails before any device is powered
            BenchConfig benchConfig = bench.Load(parsed);
            string? batchFile = parsed.GetValue(batch);
            var shared = new BatchPlans(parsed.GetValue(scheme), parsed.GetValue(plans) is { Length: > 0 } p ? p : null);
            if (shared.Scheme is not null && shared.Plans is not null)
            {
                throw new UsageException("--scheme decides which plans run; give --scheme or --plan, not both");
            }

            LabIdentity identity;
            List<CertificationRequest> requests;
            if (batchFile is null)
            {
                string slotName = parsed.GetValue(slot) ?? throw new UsageException("give --slot, --profile and --out for one unit, or --batch FILE for several");
                SlotConfig slotConfig = BenchOptions.Slot(benchConfig, slotName);
                DeviceProfile deviceProfile = LoadProfile(parsed.GetValue(profile) ?? throw new UsageException("--profile is required (or --batch FILE)"));
                string outGiven = parsed.GetValue(outDir) ?? throw new UsageException("--out is required (or --batch FILE)");
                (Scheme? theScheme, Scheme? theLadder, IReadOnlyList<Plan> planList) = LoadPlans(shared, parsed.GetValue(ladder));
                identity = LoadLab(parsed.GetValue(lab));
                UnitRecord record = parsed.GetValue(unit) is { } unitFile ? UnitRecord.Load(unitFile) : UnitRecord.None;
                requests = [Request(benchConfig, slotConfig, deviceProfile, theScheme, planList, Preflight.NoEarlierRun("--out", Preflight.NotAFile("--out", outGiven)), identity,
                    new UnitIdentity(parsed.GetValue(serial) ?? record.Serial, parsed.GetValue(mac) ?? record.Mac), record, theLadder)];
            }
            else
            {
                if (new Option[] { slot, profile, outDir, serial, mac, unit }.FirstOrDefault(o => parsed.GetResult(o) is not null) is { } clash)
                {
                    throw new UsageException($"--batch names each unit's slot, profile, out folder and identity; {clash.Name} does not go with it");
                }

                identity = LoadLab(parsed.GetValue(lab));
                requests = BatchRequests(benchConfig, UnitBatch.Load(batchFile), shared, identity, parsed.GetValue(ladder));
            }

            using LabKey labKey = signing.Load(parsed)!;
            return await RunAsync(parsed, bench, benchConfig, requests, labKey, render, batchFile is null ? "--out" : "out", ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Every slot claimed at once (a busy one refuses the whole run, naming it), then the results folders, then every request checked: only then is anything powered.</summary>
    private static async Task<int> RunAsync(ParseResult parsed, BenchOptions bench, BenchConfig benchConfig, List<CertificationRequest> requests, LabKey labKey,
        Rig.Reports.Rendering.RenderOptions render, string outName, CancellationToken ct)
    {
        using SlotClaim claim = await bench.ClaimAsync(parsed, benchConfig, requests.Select(r => r.Slot), powers: true, ct).ConfigureAwait(false); // a busy slot is refused before anything is made or powered
        foreach (CertificationRequest r in requests)
        {
            Preflight.OutFolder(outName, r.OutDir); // made only once every input is good
        }

        Preflight.ProfileFiles(requests, labKey.Path);
        return await CertificationRun.RunAsync(requests, labKey, render, ct, claim.Supervisor).ConfigureAwait(false);
    }

    /// <summary>One request per unit of the batch; its slot, profile, plans and files checked, each error naming the batch file's line and column.</summary>
    private static List<CertificationRequest> BatchRequests(BenchConfig bench, UnitBatch batch, BatchPlans commandLine, LabIdentity identity, string? ladder)
    {
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal); // 16 units of one model share one profile and one plan list
        var planSets = new Dictionary<string, (Scheme? Scheme, Scheme? Ladder, IReadOnlyList<Plan> Plans)>(StringComparer.Ordinal);
        var requests = new List<CertificationRequest>();
        foreach (BatchUnit u in batch.Units)
        {
            SlotConfig slot = bench.Slots.TryGetValue(u.Slot, out SlotConfig? s)
                ? s
                : throw u.Entry.Error(u.Entry.Get("slot")!, $"bench '{bench.Name}' ({bench.File}) has no slot '{u.Slot}'; its slots: {string.Join(", ", bench.Slots.Keys)}");
            Existing(u, "profile", u.Profile);
            Existing(u, "unit", u.UnitFile);
            if (!profiles.TryGetValue(u.Profile, out DeviceProfile? profile))
            {
                profiles[u.Profile] = profile = LoadProfile(u.Profile);
            }

            BatchPlans chosen = u.Plans.Given ? u.Plans : batch.Shared.Given ? batch.Shared : commandLine;
            if (!planSets.TryGetValue(chosen.Key, out var set))
            {
                planSets[chosen.Key] = set = LoadPlans(chosen, ladder);
            }

            UnitRecord record = u.UnitFile is { } file ? UnitRecord.Load(file) : UnitRecord.None;
            string outDir = AtEntry(u, "out", () => Preflight.NoEarlierRun("out", Preflight.NotAFile("out", u.Out)));
            requests.Add(Request(bench, slot, profile, set.Scheme, set.Plans, outDir, identity, new UnitIdentity(u.Serial ?? record.Serial, u.Mac ?? record.Mac), record, set.Ladder));
        }

        return requests;
    }

    /// <summary>A file the batch names that is not there is named by its line, not only by its path.</summary>
    private static void Existing(BatchUnit u, string key, string? path)
    {
        if (path is not null && path.Contains('/') && !File.Exists(path))
        {
            throw u.Entry.Error(u.Entry.Get(key)!, $"{key} {u.Entry.OptString(key)}: no such file ({path})");
        }
    }

    private static T AtEntry<T>(BatchUnit u, string key, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (UsageException e)
        {
            throw u.Entry.Error(u.Entry.Get(key)!, e.Message);
        }
    }

    private static CertificationRequest Request(BenchConfig bench, SlotConfig slot, DeviceProfile profile, Scheme? scheme, IReadOnlyList<Plan> plans, string outDir,
        LabIdentity identity, UnitIdentity unit, UnitRecord record, Scheme? ladder) =>
        new(bench, slot, profile, plans, outDir, identity, scheme, scheme is null ? null : RunPlans.NotApplicable(scheme, ladder, profile), unit, record, ladder);

    private static LabIdentity LoadLab(string? file) => file is null ? LabIdentity.Unnamed : LabIdentity.Load(file);

    /// <summary>
    /// A scheme, the --ladder climbed beside it, and the plans the run takes (both's, each once);
    /// or the plans given (default: CRED-01 and UART-01).
    /// </summary>
    private static (Scheme? Scheme, Scheme? Ladder, IReadOnlyList<Plan> Plans) LoadPlans(BatchPlans given, string? ladderGiven)
    {
        Scheme? scheme = given.Scheme is { } s ? LoadScheme(s) : null;
        Scheme? ladder = ladderGiven is null ? null : LoadLadder(ladderGiven);
        if (ladder is not null && scheme is null)
        {
            throw new UsageException("--ladder is climbed with a scheme's results: give --scheme too");
        }

        return (scheme, ladder, LoadPlans(scheme is null ? given.Plans?.ToArray() : [.. RunPlans.Of(scheme, ladder)]));
    }

    /// <summary>A scheme file, or a shipped scheme by id; its plans must exist.</summary>
    public static Scheme LoadScheme(string idOrPath)
    {
        string file = RigData.ResolveScheme(idOrPath);
        return SchemeLoader.Load(file, id => File.Exists(RigData.ResolvePlan(id)), RigData.Display(file));
    }

    /// <summary>A ladder scheme climbed besides a scheme: it must have levels. The run takes the plans of both (<see cref="RunPlans.Of"/>).</summary>
    public static Scheme LoadLadder(string idOrPath)
    {
        Scheme ladder = LoadScheme(idOrPath);
        return ladder.Ladder is not null ? ladder : throw new UsageException($"--ladder {idOrPath}: {ladder.File} has no levels; give a ladder scheme");
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
