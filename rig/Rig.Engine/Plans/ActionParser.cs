using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Turns one entry of a state's <c>enter:</c> list into an action, checking its arguments.</summary>
internal sealed class ActionParser(string planDir, string displayDir, List<PlanInput> inputs)
{
    public static readonly string[] Known = ["power", "send", "credentials", "update", "reflash", "power-cut-update"];

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
            throw owner.Error(arg, "credentials takes a mapping: { service: telnet, list: FILE }");
        }

        var map = new YamlMap(owner.File, node);
        map.AllowOnly("service", "list", "ports", "connect_timeout", "step_timeout");
        string service = map.RequireString("service");
        if (!CredentialsAction.Services.Contains(service))
        {
            throw map.Error(map.Get("service")!, $"unknown service '{service}' (supported: {string.Join(", ", CredentialsAction.Services)})");
        }

        string listName = map.RequireString("list");
        WordList list;
        try
        {
            list = WordList.Load(Path.GetFullPath(listName, planDir), listName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw map.Error(map.Get("list")!, $"word list '{listName}': {e.Message}");
        }

        inputs.Add(new PlanInput(DisplayPath(listName), list.Path, list.Sha256, list.Source));
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
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3),
            map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(15));
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
