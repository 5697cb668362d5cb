namespace Rig.VirtualDevice;

/// <summary>
/// The software versions a camera build shows: in its boot log (kernel, BusyBox), its SSH
/// identification line (Dropbear) and its HTTP Server header (lighttpd). The vulnerable and
/// partial builds run releases old enough that published CVEs apply; the hardened build runs
/// current ones. Real release numbers, so a lab's inventory tools see what they would on a camera.
/// </summary>
internal sealed record DeviceSoftware(string Kernel, string BusyBox, string Dropbear, string Lighttpd, string Gcc, DateTime Built)
{
    public static readonly DeviceSoftware Old = new("4.9.84", "1.29.3", "2018.76", "1.4.45", "4.7.2 (Ingenic r2.3.3 2016.12)", new DateTime(2019, 3, 8, 10, 21, 7));
    public static readonly DeviceSoftware Dated = new("4.14.180", "1.31.1", "2020.81", "1.4.59", "8.4.0 (Buildroot 2020.02.9)", new DateTime(2021, 6, 11, 10, 21, 7));
    public static readonly DeviceSoftware Current = new("6.6.63", "1.37.0", "2025.88", "1.4.76", "13.3.0 (Buildroot 2025.02)", new DateTime(2025, 6, 13, 10, 21, 7));

    private string Stamp => Built.ToString("ddd MMM d HH:mm:ss 'CST' yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public string KernelBanner => $"Linux version {Kernel} (builder@vcam-build) (gcc version {Gcc} ) #1 PREEMPT {Stamp}";

    public string Uname => $"Linux {Personality.Hostname} {Kernel} #1 PREEMPT {Stamp} mips GNU/Linux";

    public string ShellBanner => $"\r\nBusyBox v{BusyBox} ({Built.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} CST) built-in shell (ash)\r\n\r\n";

    public string InitBanner => $"init started: BusyBox v{BusyBox} ({Built.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} CST)";

    public string SshVersion => $"SSH-2.0-dropbear_{Dropbear}";

    public string HttpServer => $"lighttpd/{Lighttpd}";
}
