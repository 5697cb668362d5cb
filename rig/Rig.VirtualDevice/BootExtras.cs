namespace Rig.VirtualDevice;

/// <summary>
/// The boot-time flaws a personality may have: an autoboot countdown that a key stops, secrets in
/// the boot log, and leftover management daemons on risky ports.
/// </summary>
internal sealed class BootExtras(ConsolePort keys, DeviceContext device, string wifiPsk, RiskyPortStubs? stubs)
{
    /// <summary>Whether a key came before or during the countdown: like U-Boot's abortboot, typed-ahead keys count.</summary>
    public bool KeyDuringCountdown(TimeSpan window)
    {
        Span<byte> one = stackalloc byte[64];
        bool hit = keys.TryRead(one, window, out int n) && n > 0;
        if (hit)
        {
            device.Log.Write("bootloader: autoboot stopped by a key");
        }

        return hit;
    }

    /// <summary>The U-Boot shell; false when the console is gone.</summary>
    public bool BootloaderShell(ITerminal console)
    {
        bool go = new BootloaderShell(console, device, wifiPsk).Run();
        keys.DiscardInput();
        return go;
    }

    /// <summary>What the vulnerable build's init scripts print that they never should: the Wi-Fi passphrase and a private key.</summary>
    public IEnumerable<string> LeakedLines()
    {
        yield return "wpa_supplicant: reading /system/etc/wpa_supplicant.conf";
        yield return $"wpa_supplicant: network={{ ssid=\"vcam-setup\" wpa_passphrase={wifiPsk} }}";
        yield return "cloudd: loading client key /system/etc/cloud.key";
        yield return "-----BEGIN RSA PRIVATE KEY-----";
        yield return "MIICXAIBAAKBgQC7vbqajDw4o6gJy8UtmIbkcpnkO3Kwc4qsEnSZp/TR+fQi62F7";
        yield return "-----END RSA PRIVATE KEY-----";
    }

    /// <summary>Starts cwmpd and adbd, if this build has them; their boot-log lines.</summary>
    public IReadOnlyList<string> StartRiskyDaemons() => stubs?.Start() ?? [];
}
