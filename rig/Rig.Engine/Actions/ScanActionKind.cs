using Rig.Engine.Config;
using Rig.Engine.Plans;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Actions;

/// <summary><c>scan: { ports: all | [1-1024, 7547, telnet], list: FILE, connect_timeout, banner_wait, concurrency, limit }</c>.</summary>
internal sealed class ScanActionKind : IActionKind
{
    public string Name => "scan";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ ports: all } or { list: FILE }");
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
            string full = argument.PlanPath(listName);
            try
            {
                (IReadOnlyList<int> tcp, udp) = PortSpec.ReadList(full);
                ranges.AddRange(tcp.Select(p => (p, p)));
                using var f = File.OpenRead(full);
                argument.AddInput(listName, full, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f)));
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

        var limits = new ScanLimits(
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(1),
            map.OptDuration("banner_wait") ?? TimeSpan.FromMilliseconds(500),
            map.OptInt("concurrency", 1, 1024) ?? 256,
            map.OptDuration("limit") ?? TimeSpan.FromMinutes(10));
        return new ScanAction(ranges, services, listName is null ? null : argument.DisplayPath(listName), udp, limits);
    }
}
