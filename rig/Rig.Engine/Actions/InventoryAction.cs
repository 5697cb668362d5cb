using System.Globalization;
using System.Net;
using System.Text;
using Rig.Protocols.Net;
using Rig.Engine.Inventory;
using Rig.Engine.Journal;
using Rig.Engine.Vulnerabilities;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>inventory: { database: ../vulndb/sample }</c>: builds the device's component inventory from
/// what it shows (the console since power-on, the SSH identification line and HTTP Server header of
/// each declared service), matches it against an offline OSV database, and writes sbom.cdx.json
/// and vulnerabilities.json into the run folder. Ends with vulnerable, clean, or unidentified
/// (nothing recognised: no inventory, so no claim either way).
/// </summary>
public sealed class InventoryAction(string database, string databaseName, string since, TimeSpan timeout) : IPlanAction
{
    /// <summary>Findings named in the verdict; vulnerabilities.json holds them all.</summary>
    public const int MaxNamed = 25;

    public string Kind => "inventory";

    public string Describe => $"component inventory since {since}, matched against {databaseName}";

    public IReadOnlyList<string> Results => ["vulnerable", "clean", "unidentified"];

    public IReadOnlyList<string> Sets => ["components", "vulnerabilities", "count", "database"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        var inventory = new InventoryBuilder();
        ScanConsole(context, inventory, ct);
        List<string> silent = await ScanServicesAsync(context, inventory, ct).ConfigureAwait(false);
        IReadOnlyList<Component> components = inventory.Components;

        OsvDatabase db;
        IReadOnlyList<VulnerabilityFinding> findings;
        string digest;
        try
        {
            db = OsvDatabase.Open(database);
            digest = db.Digest();
            findings = KnownVulnerabilities.Check(components, db);
        }
        catch (OsvDatabaseException e)
        {
            throw new RigFaultException($"inventory: the vulnerability database is unusable: {e.Message}", e); // the rig's data, not the device
        }

        WriteFiles(context, components, findings, digest);
        context.Journal.Append(new InventoryEvent(context.PlanId, string.Join(", ", components), databaseName, digest, string.Join(", ", findings.Select(f => f.Record.Id).Distinct())));
        AddEvidence(context, components, findings);

        var vars = new Dictionary<string, string>
        {
            ["components"] = components.Count == 0 ? "none" : string.Join(", ", components),
            ["vulnerabilities"] = Named(findings),
            ["count"] = findings.Count.ToString(CultureInfo.InvariantCulture),
            ["database"] = databaseName,
        };
        string result = components.Count == 0 ? "unidentified" : findings.Count > 0 ? "vulnerable" : "clean";
        if (result != "vulnerable" && silent.Count > 0)
        {
            // No answer is not a pass: a declared service that said nothing may run anything.
            string because = $"the declared {silent[0]} did not answer: the software behind it is not inventoried";
            context.Journal.Append(new UnobservedEvent(context.PlanId, result, because));
            return ActionResult.Unobserved(because);
        }

        return new ActionResult(result, vars);
    }

    private void ScanConsole(ActionContext context, InventoryBuilder inventory, CancellationToken ct)
    {
        if (!File.Exists(context.ConsoleLogPath))
        {
            return;
        }

        long from = since == "run" ? 0 : context.PowerOnOffset();
        string file = Runs.SlotCertification.ConsoleLogFile;
        foreach ((long offset, string line) in ConsoleLines.Read(context.ConsoleLogPath, from))
        {
            ct.ThrowIfCancellationRequested();
            inventory.Scan(line, $"{file} byte {offset.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Only the services the profile declares are asked: plans name no hosts or ports of their own
    /// here. Each is first given the profile's boot time to come up (daemons often start after the
    /// console's prompt). Returns the declared services that did not answer ("ssh service on A:P").
    /// </summary>
    private async Task<List<string>> ScanServicesAsync(ActionContext context, InventoryBuilder inventory, CancellationToken ct)
    {
        IPAddress address = context.Profile.Address;
        var silent = new List<string>();
        foreach (string service in (string[])["ssh", "http"])
        {
            if (context.Profile.PortsOf(service).Count > 0)
            {
                _ = await DeviceSighting.SightAsync(context, service, ct).ConfigureAwait(false); // a wait only: the probes below decide
            }
        }

        foreach (int port in context.Profile.PortsOf("ssh"))
        {
            var endpoint = new IPEndPoint(address, port);
            string? line = await ServiceBanners.SshVersionAsync(endpoint, timeout, ct).ConfigureAwait(false);
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), Outcome = line is null ? "silent" : "answered", Detail = line is null ? "no SSH identification line" : InventoryBuilder.Shown(line) });
            if (line is not null)
            {
                inventory.Scan(line, $"ssh {endpoint} identification line");
            }
            else
            {
                silent.Add($"ssh service on {endpoint}");
            }
        }

        foreach (int port in context.Profile.PortsOf("http"))
        {
            var endpoint = new IPEndPoint(address, port);
            (string? server, HttpAnswer? answer) = await ServiceBanners.HttpServerAsync(endpoint, timeout, ct).ConfigureAwait(false);
            context.Journal.Append(new NetEvent(context.PlanId) { Http = endpoint.ToString(), Outcome = server is null ? "silent" : "answered", Detail = answer?.Detail ?? "connection failed" });
            if (server is not null)
            {
                inventory.Scan(server, $"http {endpoint} Server header");
            }
            else if (answer is not { Outcome: HttpOutcome.Answered })
            {
                silent.Add($"http service on {endpoint}"); // an answer without a Server header is an answer
            }
        }

        return silent;
    }

    private void WriteFiles(ActionContext context, IReadOnlyList<Component> components, IReadOnlyList<VulnerabilityFinding> findings, string digest)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(context.ConsoleLogPath))!; // the run folder: where the console capture is
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var device = new SbomDevice(context.Profile.Manufacturer, context.Profile.Model, context.Profile.FirmwareVersion);
        File.WriteAllBytes(Path.Combine(dir, CycloneDxWriter.FileName), CycloneDxWriter.Build(device, components, findings, now, Config.RigInfo.Version));
        File.WriteAllBytes(Path.Combine(dir, VulnerabilityList.FileName), VulnerabilityList.Build(databaseName, digest, components.Count, findings, now));
    }

    /// <summary>One evidence block: each component with the line it was seen in, then each finding.</summary>
    private static void AddEvidence(ActionContext context, IReadOnlyList<Component> components, IReadOnlyList<VulnerabilityFinding> findings)
    {
        var text = new StringBuilder();
        foreach (Component c in components)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c}: seen at {c.Evidence[0]}\n");
        }

        foreach (VulnerabilityFinding f in findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name(f)} ({f.Record.Severity}) affects {f.Component}; fixed: {f.Fix}\n");
        }

        context.AddEvidence(new EvidenceTranscript("component inventory and known vulnerabilities", [new TranscriptLine(Monotonic.NowNs, false, Encoding.UTF8.GetBytes(text.ToString()))]));
    }

    private static string Named(IReadOnlyList<VulnerabilityFinding> findings)
    {
        if (findings.Count == 0)
        {
            return "none";
        }

        string named = string.Join("; ", findings.Take(MaxNamed).Select(f => $"{Name(f)} {f.Record.Severity} in {f.Component}, fixed {f.Fix}, seen at {f.Component.Evidence[0].Source}"));
        return findings.Count > MaxNamed ? $"{named}; and {findings.Count - MaxNamed} more (vulnerabilities.json)" : named;
    }

    /// <summary>The record's id, with its CVE alias when the id is another database's ("DSA-5103-1/CVE-2022-0778").</summary>
    private static string Name(VulnerabilityFinding f) =>
        f.Record.Cve is { } cve && cve != f.Record.Id ? $"{f.Record.Id}/{cve}" : f.Record.Id;
}
