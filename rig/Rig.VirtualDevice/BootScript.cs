using System.Globalization;

namespace Rig.VirtualDevice;

/// <summary>
/// What the camera prints from power-on to its first prompt: a U-Boot banner with an autoboot
/// countdown, a Linux boot log, its init scripts, and its boot counter. At --boot-scale 1 it
/// takes about 3.5 s, like a small camera.
/// </summary>
internal sealed class BootScript(ITerminal console, DeviceContext device, Func<bool> startTelnet, BootExtras? extras = null)
{
    private double _kernelTime;

    public void Run()
    {
        Pause(100); // power-on: the regulator settles before the SoC prints anything
        Bootloader();
        if (device.Slots is { Bricked: true })
        {
            return; // no bootable image: the bootloader printed its error and stops
        }

        Kernel();
        Userspace();
    }

    private void Bootloader()
    {
        Line("");
        Line("");
        Line($"U-Boot 2016.01 ({device.Personality.Name} build, Mar 08 2016 - 10:21:07 +0800)");
        Line("");
        Pause(60);
        Line("Board: vcam T21N (Ingenic XBurst)");
        Line("DRAM:  64 MiB");
        Pause(120);
        Line("SF: Detected w25q128 with page size 256 Bytes, erase size 64 KiB, total 16 MiB");
        Line("In:    serial");
        Line("Out:   serial");
        Line("Err:   serial");
        Line("Net:   jz_mac");
        Pause(100);
        Countdown();
        Line("SF: 2621440 bytes @ 0x40000 Read: OK");
        foreach (string line in device.Slots?.Lines ?? [])
        {
            Line(line);
        }

        if (device.Slots is { Bricked: true })
        {
            return;
        }

        Pause(250);
        Line("## Booting kernel from Legacy Image at 80600000 ...");
        Line($"   Image Name:   Linux-{device.Personality.Software.Kernel}");
        Line("   Image Type:   MIPS Linux Kernel Image (lzma compressed)");
        Line("   Data Size:    1901136 Bytes = 1.8 MiB");
        Line("   Load Address: 80010000");
        Line("   Entry Point:  80016310");
        Line("   Verifying Checksum ... OK");
        Pause(200);
        Line("   Uncompressing Kernel Image ... OK");
        Line("");
        Line("Starting kernel ...");
        Line("");
        Pause(150);
    }

    /// <summary>
    /// bootdelay 1 on a build whose bootloader takes keys: a key stops autoboot and opens the U-Boot
    /// shell until `boot`. Otherwise bootdelay -2: no countdown, and nothing typed is looked at.
    /// </summary>
    private void Countdown()
    {
        if (!device.Personality.BootloaderInterruptible)
        {
            return;
        }

        console.Write("Hit any key to stop autoboot:  1");
        if (extras is null)
        {
            Pause(1000);
        }
        else if (extras.KeyDuringCountdown(device.Boot(1000)))
        {
            Line("\b\b\b  0 ");
            extras.BootloaderShell(console); // `boot` carries on; a console gone carries on too, unattended
            return;
        }

        Line("\b\b\b  0 ");
    }

    private void Kernel()
    {
        byte[] ip = device.Options.Address.GetAddressBytes();
        string mac = $"02:76:63:{ip[1]:x2}:{ip[2]:x2}:{ip[3]:x2}";
        Log(0, device.Personality.Software.KernelBanner);
        Log(0, "CPU0 revision is: 00d00100 (Ingenic Xburst)");
        Log(0, "Determined physical RAM map:");
        Log(0, " memory: 03000000 @ 00000000 (usable)");
        Log(0, "Kernel command line: console=ttyS0,115200n8 mem=48M@0x0 rmem=16M@0x3000000 init=/linuxrc rootfstype=squashfs root=/dev/mtdblock2 rw mtdparts=jz_sfc:256k(boot),2560k(kernel),2048k(root),-(appfs)");
        Log(0, "Memory: 41364k/49152k available (3591k kernel code, 7788k reserved, 1139k data, 220k init, 0k highmem)");
        Log(0, "NR_IRQS:358");
        Log(0.018750, "Calibrating delay loop... 1001.88 BogoMIPS (lpj=5009408)");
        Log(0.064415, "pid_max: default: 32768 minimum: 301");
        Log(0.008178, "Mount-cache hash table entries: 512");
        Log(0.013468, "NET: Registered protocol family 16");
        Log(0.082543, "bio: create slab <bio-0> at 0");
        Log(0.026493, "SCSI subsystem initialized");
        Log(0.010471, "usbcore: registered new interface driver usbfs");
        Log(0.076901, "Switching to clocksource jz_clocksource");
        Log(0.011537, "NET: Registered protocol family 2");
        Log(0.016846, "TCP: established hash table entries 512 (order: 0, 4096 bytes)");
        Log(0.029140, "squashfs: version 4.0 (2009/01/31) Phillip Lougher");
        Log(0.022433, "jffs2: version 2.2. (NAND) (SUMMARY)");
        Log(0.021071, "Serial: 8250/16550 driver, 3 ports, IRQ sharing disabled");
        Log(0.008388, "10030000.serial: ttyS0 at MMIO 0x10030000 (irq = 59) is a uart0");
        Log(0.009755, "console [ttyS0] enabled");
        Log(0.117913, "jz-sfc jz-sfc: SFC: nor flash w25q128 detected, 16 MiB");
        Log(0.008811, "4 cmdlinepart partitions found on MTD device jz_sfc");
        Log(0.006793, "Creating 4 MTD partitions on \"jz_sfc\":");
        Log(0.005413, "0x000000000000-0x000000040000 : \"boot\"");
        Log(0.007553, "0x000000040000-0x0000002c0000 : \"kernel\"");
        Log(0.007655, "0x0000002c0000-0x0000004c0000 : \"root\"");
        Log(0.007614, "0x0000004c0000-0x000001000000 : \"appfs\"");
        Log(0.130295, $"jz_mac jz_mac.0: eth0: MAC address {mac}");
        Log(0.090880, "VFS: Mounted root (squashfs filesystem) readonly on device 31:2.");
        Log(0.009126, "Freeing unused kernel memory: 220K (80509000 - 8053a000)");
    }

    private void Userspace()
    {
        Pause(200);
        Line(device.Personality.Software.InitBanner); // BusyBox init names itself first, as on a real camera
        Line("mount appfs: jffs2 /dev/mtdblock3 on /system");
        Pause(300);
        Log(0.720467, "jz_mac jz_mac.0: eth0: link up, 100Mbps, full-duplex");
        Line($"Configuring eth0: {device.Options.Address}/8");
        Pause(100);
        if (device.Personality.Telnet)
        {
            Line(startTelnet() ? "Starting telnetd: OK" : "Starting telnetd: FAILED (address in use)");
        }

        if (extras is not null && device.Personality.RiskyPorts)
        {
            foreach (string line in extras.StartRiskyDaemons())
            {
                Line(line);
            }
        }

        if (extras is not null && device.Personality.LeaksSecrets)
        {
            foreach (string line in extras.LeakedLines())
            {
                Line(line);
            }
        }

        Line("Starting rtspd: OK");
        Pause(100);
        Line($"vcam: boot count {device.BootCount.ToString(CultureInfo.InvariantCulture)}, firmware {device.FirmwareVersion}");
    }

    /// <summary>A kernel log line, stamped like printk: seconds since the kernel started.</summary>
    private void Log(double advance, string text)
    {
        _kernelTime += advance;
        Line($"[{_kernelTime.ToString("0.000000", CultureInfo.InvariantCulture),12}] {text}");
        Pause(advance == 0 ? 5 : 25);
    }

    private void Line(string text) => console.Write(text + "\r\n");

    private void Pause(int milliseconds)
    {
        TimeSpan t = device.Boot(milliseconds);
        if (t > TimeSpan.Zero)
        {
            Thread.Sleep(t);
        }
    }
}
