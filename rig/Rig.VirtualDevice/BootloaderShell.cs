namespace Rig.VirtualDevice;

/// <summary>
/// The U-Boot command line a key during the vulnerable camera's autoboot countdown opens: "=> ",
/// printenv with its boot arguments and a secret, version, help, and boot to carry on.
/// </summary>
internal sealed class BootloaderShell(ITerminal console, DeviceContext device, string wifiPsk)
{
    public const string Prompt = "=> ";

    /// <summary>Runs until <c>boot</c> (true: go on booting) or until the console is gone (false).</summary>
    public bool Run()
    {
        var editor = new LineEditor(console);
        while (true)
        {
            console.Write(Prompt);
            string? line = editor.ReadLine(echo: true);
            if (line is null)
            {
                return false;
            }

            List<string> words = Shell.Split(line);
            if (words.Count == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "boot":
                case "bootm":
                case "run" when words.Skip(1).FirstOrDefault() == "bootcmd":
                    return true;
                case "printenv":
                case "env" when words.Skip(1).FirstOrDefault() == "print":
                    console.Write(Environment());
                    break;
                case "version":
                    console.Write($"\r\nU-Boot 2016.01 ({device.Personality.Name} build, Mar 08 2016 - 10:21:07 +0800)\r\nmips-linux-gnu-gcc (Ingenic r2.3.3 2016.12) 4.7.2\r\n");
                    break;
                case "help":
                case "?":
                    console.Write("boot    - boot default, i.e., run 'bootcmd'\r\nhelp    - print command description/usage\r\nprintenv- print environment variables\r\nversion - print monitor, compiler and linker version\r\n");
                    break;
                default:
                    console.Write($"Unknown command '{DeviceLog.Safe(words[0])}' - try 'help'\r\n");
                    break;
            }
        }
    }

    private string Environment()
    {
        string[] env =
        [
            "baudrate=115200",
            "bootargs=console=ttyS0,115200n8 mem=48M@0x0 rmem=16M@0x3000000 init=/linuxrc rootfstype=squashfs root=/dev/mtdblock2 rw mtdparts=jz_sfc:256k(boot),2560k(kernel),2048k(root),-(appfs)",
            "bootcmd=sf probe;sf read 0x80600000 0x40000 0x280000; bootm 0x80600000",
            "bootdelay=1",
            $"ipaddr={device.Options.Address}",
            "serverip=192.168.1.2",
            $"wlan_psk={wifiPsk}",
        ];
        return string.Join("\r\n", env) + "\r\n\r\nEnvironment size: 612/16380 bytes\r\n";
    }
}
