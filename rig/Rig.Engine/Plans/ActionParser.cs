using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Turns one entry of a state's <c>enter:</c> list into an action, checking its arguments.</summary>
internal sealed class ActionParser(string planDir, string displayDir, List<PlanInput> inputs)
{
    public static readonly string[] Known = ["power", "send", "credentials", "http-credentials", "ftp-credentials", "ssh-credentials", "brute-force", "console-login", "scan", "secrets", "interrupt", "mitigate", "update", "reflash", "power-cut-update"];

    public ActionStep Parse(YamlNode step, YamlMap owner)
    {
        if (step is not YamlMappingNode m || m.Children.Count != 1 || m.Children.First().Key is not YamlScalarNode k || k.Value is null)
        {
            throw owner.Error(step, "an action is a one-key mapping like { power: cycle } or { send: \"id\\r\" }");
        }

        string kind = k.Value;
        YamlNode arg = m.Children.First().Value;
        var at = new Position(owner.File, (int)k.Start.Line, (int)k.Start.Column);
        IPlanAction action = kind switch
        {
            "power" => new PowerAction(Choice(owner, arg, "power", PowerAction.Operations)),
            "send" => new SendAction(Scalar(owner, arg, "send")),
            "credentials" => ParseCredentials(owner, arg),
            "http-credentials" => ParseHttpCredentials(owner, arg),
            "ftp-credentials" => ParseFtpCredentials(owner, arg),
            "ssh-credentials" => ParseSshCredentials(owner, arg),
            "brute-force" => ParseBruteForce(owner, arg),
            "console-login" => ParseConsoleLogin(owner, arg),
            "scan" => ParseScan(owner, arg),
            "secrets" => ParseSecrets(owner, arg),
            "interrupt" => ParseInterrupt(owner, arg),
            "mitigate" => ParseMitigate(owner, arg),
            "update" => UpdateActionParser.ParseUpdate(owner, arg),
            "reflash" => UpdateActionParser.ParseReflash(owner, arg),
            "power-cut-update" => UpdateActionParser.ParsePowerCut(owner, arg),
            _ => throw owner.Error(k, $"unknown action '{kind}' (known: {string.Join(", ", Known)})"),
        };
        return new ActionStep(action, at);
    }

    private CredentialsAction ParseCredentials(YamlMap owner, YamlNode arg)
    {
        if (arg is not YamlMappingNode node)
        {
            throw owner.Error(arg, "credentials takes a mapping: { service: telnet, list: FILE, parallel: N }");
        }

        var map = new YamlMap(owner.File, node);
        map.AllowOnly("service", "list", "ports", "connect_timeout", "step_timeout", "parallel");
        string service = map.RequireString("service");
        if (!CredentialsAction.Services.Contains(service))
        {
            throw map.Error(map.Get("service")!, $"unknown service '{service}' (supported: {string.Join(", ", CredentialsAction.Services)})");
        }

        WordList list = LoadList(map);
        var ports = new List<int>();
        foreach (string p in map.OptStringList("ports"))
        {
            if (!int.TryParse(p, out int port) || port is < 1 or > 65535)
            {
                throw map.Error(map.Get("ports")!, $"'{p}' is not a TCP port");
            }

            ports.Add(port);
        }

        return new CredentialsAction(
            service,
            list,
            ports,
            map.OptDuration("connect_timeout") ?? CredentialsAction.DefaultConnectTimeout,
            map.OptDuration("step_timeout") ?? CredentialsAction.DefaultStepTimeout,
            map.OptInt("parallel", 1, CredentialsAction.MaxParallel) ?? 1);
    }

    private HttpCredentialsAction ParseHttpCredentials(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Mapping(owner, arg, "http-credentials", "{ list: FILE }");
        map.AllowOnly("list", "ports", "path", "connect_timeout", "step_timeout");
        string path = map.OptString("path") ?? "/";
        if (!path.StartsWith('/') || path.Any(c => c <= ' ' || c > '~'))
        {
            throw map.Error(map.Get("path")!, $"path must be an absolute URL path without spaces, not '{path}'");
        }

        return new HttpCredentialsAction(LoadList(map), Ports(map), path,
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(10));
    }

    private ConsoleLoginAction ParseConsoleLogin(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Mapping(owner, arg, "console-login", "{ list: FILE }");
        map.AllowOnly("list", "step_timeout");
        return new ConsoleLoginAction(LoadList(map), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(15));
    }

    private FtpCredentialsAction ParseFtpCredentials(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Mapping(owner, arg, "ftp-credentials", "{ list: FILE }");
        map.AllowOnly("list", "ports", "connect_timeout", "step_timeout");
        return new FtpCredentialsAction(LoadList(map), Ports(map),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(15));
    }

    private SshCredentialsAction ParseSshCredentials(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Mapping(owner, arg, "ssh-credentials", "{ list: FILE }");
        map.AllowOnly("list", "ports", "connect_timeout", "attempt_timeout");
        return new SshCredentialsAction(LoadList(map), Ports(map),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(5), map.OptDuration("attempt_timeout") ?? TimeSpan.FromSeconds(30));
    }

    private static BruteForceAction ParseBruteForce(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Mapping(owner, arg, "brute-force", "{ service: http, attempts: 20 }");
        map.AllowOnly("service", "user", "attempts", "recovery_wait", "connect_timeout", "step_timeout");
        string service = map.RequireString("service");
        if (!BruteForceAction.Services.Contains(service))
        {
            throw map.Error(map.Get("service")!, $"unknown service '{service}' (supported: {string.Join(", ", BruteForceAction.Services)})");
        }

        return new BruteForceAction(
            service,
            map.OptString("user") ?? "admin",
            map.OptInt("attempts", 1, 1000) ?? 20,
            map.OptDuration("recovery_wait") ?? TimeSpan.FromMinutes(5),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3),
            map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(10));
    }

    private static YamlMap Mapping(YamlMap owner, YamlNode arg, string kind, string example) =>
        arg is YamlMappingNode node ? new YamlMap(owner.File, node) : throw owner.Error(arg, $"{kind} takes a mapping: {example}");

    /// <summary>Loads the <c>list:</c> of an action and records it as an input of the plan.</summary>
    private WordList LoadList(YamlMap map)
    {
        string listName = map.RequireString("list");
        WordList list;
        try
        {
            list = WordList.Load(Path.GetFullPath(listName, planDir), listName);
        }
        catch (ConfigException e)
        {
            throw map.Error(map.Get("list")!, $"word list {e.Message}"); // names the plan's line and the list's
        }

        inputs.Add(new PlanInput(DisplayPath(listName), list.Path, list.Sha256, list.Source));
        return list;
    }

    private static List<int> Ports(YamlMap map)
    {
        var ports = new List<int>();
        foreach (string p in map.OptStringList("ports"))
        {
            if (!int.TryParse(p, out int port) || port is < 1 or > 65535)
            {
                throw map.Error(map.Get("ports")!, $"'{p}' is not a TCP port");
            }

            ports.Add(port);
        }

        return ports;
    }

    /// <summary><c>scan: { ports: all | [1-1024, 7547, telnet], list: FILE, connect_timeout, banner_wait, concurrency, limit }</c>.</summary>
    private ScanAction ParseScan(YamlMap owner, YamlNode arg)
    {
        if (arg is not YamlMappingNode node)
        {
            throw owner.Error(arg, "scan takes a mapping: { ports: all } or { list: FILE }");
        }

        var map = new YamlMap(owner.File, node);
        map.AllowOnly("ports", "list", "connect_timeout", "banner_wait", "concurrency", "limit");
        var ranges = new List<(int, int)>();
        var services = new List<string>();
        if (map.Get("ports") is YamlScalarNode { Value: "all" })
        {
            ranges.Add((1, 65535));
        }
        else
        {
            foreach (string p in map.OptStringList("ports"))
            {
                if (PortSpec.ParseRange(p) is { } r)
                {
                    ranges.Add(r);
                }
                else if (p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    services.Add(p); // a declared service's ports
                }
                else
                {
                    throw map.Error(map.Get("ports")!, $"'{p}' is not a port, a range like 1-1024 or a service name");
                }
            }
        }

        string? listName = map.OptString("list");
        int udp = 0;
        if (listName is not null)
        {
            string full = Path.GetFullPath(listName, planDir);
            try
            {
                (IReadOnlyList<int> tcp, udp) = PortSpec.ReadList(full);
                ranges.AddRange(tcp.Select(p => (p, p)));
                using var f = File.OpenRead(full);
                string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f));
                inputs.Add(new PlanInput(DisplayPath(listName), full, sha, null));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw map.Error(map.Get("list")!, $"port list '{listName}': {e.Message}");
            }
        }

        if (ranges.Count == 0 && services.Count == 0)
        {
            throw map.Error("scan needs ports (all, numbers, ranges, service names) or a list file");
        }

        var options = new Rig.Drivers.Net.TcpScanOptions
        {
            ConnectTimeout = map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(1),
            BannerWait = map.OptDuration("banner_wait") ?? TimeSpan.FromMilliseconds(500),
            Concurrency = map.OptInt("concurrency", 1, 1024) ?? 256,
            TotalLimit = map.OptDuration("limit") ?? TimeSpan.FromMinutes(10),
        };
        return new ScanAction(ranges, services, listName is null ? null : DisplayPath(listName), udp, options);
    }

    /// <summary><c>mitigate: console</c>: the only channel so far.</summary>
    private static MitigateAction ParseMitigate(YamlMap owner, YamlNode arg)
    {
        Choice(owner, arg, "mitigate", MitigateAction.Channels);
        return new MitigateAction();
    }

    /// <summary><c>secrets: { since: power-on | run }</c>.</summary>
    private static SecretsAction ParseSecrets(YamlMap owner, YamlNode arg)
    {
        if (arg is not YamlMappingNode node)
        {
            throw owner.Error(arg, "secrets takes a mapping: { since: power-on }");
        }

        var map = new YamlMap(owner.File, node);
        map.AllowOnly("since");
        string since = map.OptString("since") ?? "power-on";
        return SecretsAction.Sinces.Contains(since)
            ? new SecretsAction(since)
            : throw map.Error(map.Get("since")!, $"since: expected {string.Join(" or ", SecretsAction.Sinces)}, not '{since}'");
    }

    /// <summary><c>interrupt: { window: 10s, every: 50ms, keys: [" ", "\r", "\x03"] }</c>; all optional.</summary>
    private static InterruptAction ParseInterrupt(YamlMap owner, YamlNode arg)
    {
        if (arg is not YamlMappingNode node)
        {
            throw owner.Error(arg, "interrupt takes a mapping: { window: 10s } (or {} for the profile's boot time)");
        }

        var map = new YamlMap(owner.File, node);
        map.AllowOnly("window", "every", "keys");
        IReadOnlyList<string> keys = map.Has("keys") ? map.OptStringList("keys") : InterruptAction.GenericKeys;
        if (keys.Count == 0 || keys.Any(k => k.Length == 0))
        {
            throw map.Error(map.Get("keys")!, "keys: give at least one key, none empty");
        }

        TimeSpan every = map.OptDuration("every") ?? TimeSpan.FromMilliseconds(30);
        if (every < TimeSpan.FromMilliseconds(1))
        {
            throw map.Error(map.Get("every")!, "every: at least 1ms");
        }

        return new InterruptAction(keys, map.OptDuration("window"), every);
    }

    /// <summary>The input named the way the plan was named (testplans/wordlists/mirai.txt), without the "..".</summary>
    private string DisplayPath(string relative)
    {
        var parts = new List<string>();
        foreach (string part in Path.Combine(displayDir, relative).Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return (relative.StartsWith('/') ? "/" : string.Empty) + string.Join('/', parts);
    }

    private static string Scalar(YamlMap owner, YamlNode arg, string kind) =>
        arg is YamlScalarNode s && s.Value is not null ? s.Value : throw owner.Error(arg, $"'{kind}' takes a single value");

    private static string Choice(YamlMap owner, YamlNode arg, string kind, string[] allowed)
    {
        string v = Scalar(owner, arg, kind);
        return Array.IndexOf(allowed, v) >= 0 ? v : throw owner.Error(arg, $"{kind}: expected {string.Join(", ", allowed)}, not '{v}'");
    }
}
