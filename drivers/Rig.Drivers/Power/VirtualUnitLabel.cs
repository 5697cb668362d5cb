using System.Security.Cryptography;
using System.Text;

namespace Rig.Drivers.Power;

/// <summary>
/// What a technician does with a virtual camera before a test, as with a real unit: read the
/// password printed on its label, and plant the lab's canary as its Wi-Fi passphrase (a setting
/// its owner makes). The camera keeps both in its flash folder; a camera that has never booted
/// gets its label here, as a factory prints one before the unit first runs.
/// </summary>
public static class VirtualUnitLabel
{
    public const string PasswordFile = "root-password";
    public const string WifiPskFile = "wifi-psk";

    /// <summary>The characters of a label password: no look-alikes (l, 1, O, 0).</summary>
    public const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 12);

    /// <summary>The label's password: the one in the flash folder, else a new one written there.</summary>
    public static string ReadPassword(string stateDir)
    {
        string path = Path.Combine(stateDir, PasswordFile);
        if (File.Exists(path) && new FileInfo(path).Length <= 256 && File.ReadAllText(path, Encoding.UTF8).Split('\n')[0].Trim() is { Length: >= 8 } kept)
        {
            return kept;
        }

        string fresh = NewPassword();
        Write(stateDir, PasswordFile, fresh);
        return fresh;
    }

    /// <summary>Sets the camera's Wi-Fi passphrase to <paramref name="canary"/> (8 to 63 printable characters).</summary>
    public static void PlantWifiPassphrase(string stateDir, string canary)
    {
        if (canary.Length is < 8 or > 63 || canary.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("a Wi-Fi passphrase is 8 to 63 printable characters", nameof(canary));
        }

        Write(stateDir, WifiPskFile, canary);
    }

    private static void Write(string stateDir, string name, string value)
    {
        Directory.CreateDirectory(stateDir);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var f = new FileStream(Path.Combine(stateDir, name), options);
        f.Write(Encoding.UTF8.GetBytes(value + "\n"));
    }
}
