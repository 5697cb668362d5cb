using System.Net;
using Rig.Engine.Config;

namespace Rig.Engine.Profiles;

/// <summary>Reads a device profile file.</summary>
public static class ProfileLoader
{
    public static DeviceProfile Load(string path, string? displayName = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("profile", "manufacturer", "model", "hardware_revision", "firmware_version", "address", "services", "boot_time", "console", "update");
        string address = root.RequireString("address");
        if (!IPAddress.TryParse(address, out IPAddress? ip))
        {
            throw root.Error(root.Get("address")!, $"'{address}' is not an IP address");
        }

        var services = new List<DeclaredService>();
        if (root.OptMap("services") is { } map)
        {
            foreach (string name in map.Keys)
            {
                YamlMap svc = map.OptMap(name) ?? throw map.Error(map.KeyNode(name), $"service '{name}' must be a mapping with a port");
                svc.AllowOnly("port", "protocol");
                int port = svc.OptInt("port", 1, 65535) ?? throw svc.Error($"service '{name}' needs a port");
                string proto = svc.OptString("protocol") ?? "tcp";
                if (proto is not ("tcp" or "udp"))
                {
                    throw svc.Error(svc.Get("protocol")!, $"protocol must be tcp or udp, not '{proto}'");
                }

                services.Add(new DeclaredService(name, port, proto));
            }
        }

        return new DeviceProfile(
            root.RequireString("profile"),
            file.DisplayName,
            file.Sha256,
            root.RequireString("manufacturer"),
            root.RequireString("model"),
            root.OptString("hardware_revision"),
            root.OptString("firmware_version"),
            ip,
            services,
            root.OptDuration("boot_time") ?? TimeSpan.FromSeconds(60),
            ReadPacing(root.OptMap("console")),
            UpdateDeclarationReader.Read(root.OptMap("update"), path));
    }

    /// <summary><c>console: { char_delay: 5ms }</c> or <c>console: { chunk: 16, chunk_delay: 20ms }</c>.</summary>
    private static TxPacing ReadPacing(YamlMap? console)
    {
        if (console is null)
        {
            return TxPacing.None;
        }

        console.AllowOnly("char_delay", "chunk", "chunk_delay");
        if (console.OptDuration("char_delay") is { } perChar)
        {
            if (console.Has("chunk") || console.Has("chunk_delay"))
            {
                throw console.Error(console.KeyNode("char_delay"), "use either char_delay or chunk with chunk_delay");
            }

            return new TxPacing(1, perChar);
        }

        int chunk = console.OptInt("chunk", 1, 65536) ?? int.MaxValue;
        TimeSpan delay = console.OptDuration("chunk_delay") ?? TimeSpan.Zero;
        return new TxPacing(chunk, delay);
    }
}
