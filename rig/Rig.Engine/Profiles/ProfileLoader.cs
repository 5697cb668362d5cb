using System.Net;
using Rig.Engine.Actions;
using Rig.Engine.Config;

namespace Rig.Engine.Profiles;

/// <summary>Reads a device profile file.</summary>
public static class ProfileLoader
{
    /// <param name="allowedFolders">Folders besides the profile's own that its paths may name (the lab's choice, never the profile's).</param>
    public static DeviceProfile Load(string path, string? displayName = null, IReadOnlyList<string>? allowedFolders = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("profile", "manufacturer", "model", "hardware_revision", "firmware_version", "address", "services", "boot_time", "console",
            "constrained", "auth", "secrets", "bootloader", "mitigation", "update", "no_network_login", "support_until");
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
                svc.AllowOnly("port", "protocol", "concurrent_logins");
                int port = svc.OptInt("port", 1, 65535) ?? throw svc.Error($"service '{name}' needs a port");
                string proto = svc.OptString("protocol") ?? "tcp";
                if (proto is not ("tcp" or "udp"))
                {
                    throw svc.Error(svc.Get("protocol")!, $"protocol must be tcp or udp, not '{proto}'");
                }

                services.Add(new DeclaredService(name, port, proto, svc.OptInt("concurrent_logins", 1, CredentialsAction.MaxParallel) ?? 1));
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
            root.OptBool("constrained") ?? false,
            ReadAuth(root.OptMap("auth")),
            UpdateDeclarationReader.Read(UpdateDeclarationReader.Mechanism(root.OptMap("update")), new ProfilePaths(path, allowedFolders ?? [])))
        {
            NoUpdateMechanism = UpdateDeclarationReader.ReadNone(root.OptMap("update")),
            NoNetworkLogin = root.OptString("no_network_login"),
            Canaries = ReadCanaries(root.OptMap("secrets")),
            BootloaderStop = ReadBootloaderStop(root.OptMap("bootloader")),
            MitigationCommand = ReadMitigation(root.OptMap("mitigation")),
            SupportUntil = SupportPeriod.Read(root),
        };
    }

    /// <summary><c>auth: { http: { lockout_after: 5, lockout_for: 60s }, console: { ... } }</c>: declared login protection.</summary>
    private static Dictionary<string, LoginProtection> ReadAuth(YamlMap? auth)
    {
        var result = new Dictionary<string, LoginProtection>(StringComparer.Ordinal);
        if (auth is null)
        {
            return result;
        }

        foreach (string login in auth.Keys)
        {
            YamlMap m = auth.OptMap(login) ?? throw auth.Error(auth.KeyNode(login), $"auth '{login}' must be a mapping like {{ lockout_after: 5, lockout_for: 60s }}");
            m.AllowOnly("lockout_after", "lockout_for");
            int after = m.OptInt("lockout_after", 1, 1000) ?? throw m.Error($"auth '{login}' needs lockout_after");
            TimeSpan lockFor = m.OptDuration("lockout_for") ?? throw m.Error($"auth '{login}' needs lockout_for");
            if (lockFor <= TimeSpan.Zero)
            {
                throw m.Error(m.Get("lockout_for")!, $"auth '{login}': lockout_for must be positive");
            }

            result[login] = new LoginProtection(after, lockFor);
        }

        return result;
    }


    /// <summary><c>secrets: { canaries: [VALUE, ...] }</c>; a canary shorter than 6 characters would match by chance.</summary>
    private static IReadOnlyList<string> ReadCanaries(YamlMap? secrets)
    {
        if (secrets is null)
        {
            return [];
        }

        secrets.AllowOnly("canaries");
        IReadOnlyList<string> canaries = secrets.OptStringList("canaries");
        if (canaries.FirstOrDefault(c => c.Length < 6) is { } shortOne)
        {
            throw secrets.Error(secrets.Get("canaries")!, $"canary '{shortOne}' is shorter than 6 characters: it would match by chance");
        }

        return canaries;
    }

    /// <summary><c>bootloader: { stop: STRING }</c>: the string that stops autoboot, typed by BOOT-01 besides the generic keys.</summary>
    private static string? ReadBootloaderStop(YamlMap? bootloader)
    {
        if (bootloader is null)
        {
            return null;
        }

        bootloader.AllowOnly("stop");
        string? stop = bootloader.OptString("stop");
        return stop is { Length: 0 } ? throw bootloader.Error(bootloader.Get("stop")!, "the stop string is empty") : stop;
    }

    /// <summary><c>mitigation: { console: COMMAND }</c>: what a lab types in a root shell to close the exposure.</summary>
    private static string? ReadMitigation(YamlMap? mitigation)
    {
        if (mitigation is null)
        {
            return null;
        }

        mitigation.AllowOnly("console");
        string command = mitigation.RequireString("console");
        return command.Any(char.IsControl) ? throw mitigation.Error(mitigation.Get("console")!, "the mitigation command is one line without control characters") : command;
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
