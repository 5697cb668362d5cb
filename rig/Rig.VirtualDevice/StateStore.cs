using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The device's flash: a folder of small files that survives power cycles and SIGKILL.
/// Every write goes to a temporary file that is synced and then renamed over the old one, so a
/// kill at any moment leaves either the old or the new content, never a torn file.
/// </summary>
internal sealed class StateStore(string dir)
{
    public const string BootCountFile = "boot-count";
    public const string FirmwareFile = "firmware-version";
    public const string PasswordFile = Rig.Drivers.Power.VirtualUnitLabel.PasswordFile;
    public const string WifiPskFile = Rig.Drivers.Power.VirtualUnitLabel.WifiPskFile;
    public const string SshHostKeyFile = "ssh_host_ecdsa_key";
    public const string DefaultFirmware = "1.0.3";

    private const string PasswordAlphabet = Rig.Drivers.Power.VirtualUnitLabel.Alphabet;

    public string Dir { get; } = dir;

    /// <summary>Counts this power-on and returns the new count (1 on the first boot).</summary>
    public int IncrementBootCount()
    {
        string? text = ReadLine(BootCountFile);
        int count = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n : 0;
        count = count == int.MaxValue ? 1 : count + 1;
        WriteAtomic(BootCountFile, count.ToString(CultureInfo.InvariantCulture) + "\n", secret: false);
        return count;
    }

    /// <summary>The installed firmware version; written with the default on the first boot.</summary>
    /// <remarks>An update test may write this file; anything that is not a short printable word falls back to the default.</remarks>
    public string FirmwareVersion()
    {
        string? v = ReadLine(FirmwareFile);
        if (v is { Length: > 0 and <= 64 } && v.All(c => c is > ' ' and <= '~'))
        {
            return v;
        }

        WriteAtomic(FirmwareFile, DefaultFirmware + "\n", secret: false);
        return DefaultFirmware;
    }

    /// <summary>Root's password, unique to this device: made at random on the first boot, then kept.</summary>
    public string RootPassword()
    {
        string? p = ReadLine(PasswordFile);
        if (p is { Length: >= 8 and <= 128 } && p.All(c => c is > ' ' and <= '~'))
        {
            return p;
        }

        string fresh = Rig.Drivers.Power.VirtualUnitLabel.NewPassword();
        WriteAtomic(PasswordFile, fresh + "\n", secret: true);
        return fresh;
    }

    /// <summary>The Wi-Fi passphrase the owner set (a lab plants its canary here); a random one per device until then.</summary>
    public string WifiPsk()
    {
        string? p = ReadLine(WifiPskFile);
        if (p is { Length: >= 8 and <= 63 } && p.All(c => c is >= ' ' and <= '~'))
        {
            return p;
        }

        string fresh = RandomNumberGenerator.GetString(PasswordAlphabet, 16);
        WriteAtomic(WifiPskFile, fresh + "\n", secret: true);
        return fresh;
    }

    /// <summary>sshd's host key (PEM): the stored one when <paramref name="valid"/> takes it, else a new one from <paramref name="make"/>, kept from then on.</summary>
    public string SshHostKeyPem(Func<string> make, Func<string, bool> valid)
    {
        string path = Path.Combine(Dir, SshHostKeyFile);
        if (File.Exists(path) && new FileInfo(path).Length <= 4096 && File.ReadAllText(path) is { } stored && valid(stored))
        {
            return stored;
        }

        string fresh = make();
        WriteAtomic(SshHostKeyFile, fresh, secret: true);
        return fresh;
    }

    private string? ReadLine(string name)
    {
        string path = Path.Combine(Dir, name);
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read);
            byte[] buf = new byte[256]; // these files are tiny; never read more whatever is there
            int n = f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
            string text = Encoding.UTF8.GetString(buf, 0, n);
            int nl = text.IndexOf('\n', StringComparison.Ordinal);
            return (nl >= 0 ? text[..nl] : text).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private void WriteAtomic(string name, string content, bool secret)
    {
        string path = Path.Combine(Dir, name);
        string tmp = $"{path}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        File.Delete(tmp); // a leftover from a kill mid-write may have the wrong mode
        using (var f = new FileStream(tmp, options))
        {
            f.Write(Encoding.UTF8.GetBytes(content));
            f.Flush(flushToDisk: true);
        }

        VdevNative.Rename(tmp, path);
    }
}
