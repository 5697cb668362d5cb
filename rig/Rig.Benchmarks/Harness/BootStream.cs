using System.Globalization;
using System.Text;

namespace Rig.Benchmarks.Harness;

/// <summary>
/// A realistic console stream: kernel- and systemd-like boot text, and among it near-misses of
/// every built-in death pattern: lines that carry the pattern's literal, ignoring case (what makes
/// rig run the pattern at all), or are ambiguous alone (a healthy watchdog message), and are not a
/// death. No new boot follows anything, so nothing may fire; the end marker comes last.
/// </summary>
internal static class BootStream
{
    /// <summary>Healthy lines; {0} is the kernel's timestamp.</summary>
    public static IReadOnlyList<string> Healthy { get; } =
    [
        "[{0}] usb 1-1: new high-speed USB device number 2 using ehci-platform",
        "[{0}] EXT4-fs (mmcblk0p2): mounted filesystem with ordered data mode. Quota mode: none.",
        "[{0}] systemd[1]: Started Journal Service.",
        "[  OK  ] Started Network Time Synchronization.",
        "[  OK  ] Reached target Multi-User System.",
        "[{0}] eth0: link up, 100Mbps, full-duplex, lpa 0x45E1",
        "[{0}] random: crng init done",
        "I (312) wifi:mode : sta (24:0a:c4:00:00:01)",
    ];

    /// <summary>Near-misses: each names the patterns it comes near. {0} is the kernel's timestamp.</summary>
    public static IReadOnlyList<string> NearMisses { get; } =
    [
        "[{0}] Kernel command line: console=ttyS0,115200 panic=10 (on Kernel panic - Not Syncing: reboot after 10 s)",
        "[{0}] pci 0000:00:01.0: unable to handle Kernel quirk, skipping",
        "[{0}] ubi0: Oops-safe mode: off",
        "[{0}] audit: Reporting BUG: none; kernel BUG at reports disabled",
        "[{0}] kernel: detecting soft lockups and hard lockups every 4 s",
        "[{0}] rcu: no detected stalls on CPUs so far",
        "[{0}] hung_task: a task blocked for more than 120 seconds will be reported",
        "[{0}] softdog: Initiating countdown, soft_margin=60 s",
        "I (512) app: core dump on guru meditation error: flash",
        "I (530) app: abort() was called at PC unknown is logged to flash",
        "I (540) freertos: check for stack overflow in task switch: on",
        "I (550) task_wdt: task watchdog got triggered 0 times",
        "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT) WDT off",
        "I (560) boot: rst cause:4 counter 0, boot mode:(3,6)",
        "I (565) boot: soft wdt reset counter 0",
        "I (570) cpu_start: Brownout detector enabled at 2.43 V",
        "[{0}] zephyr fatal error handler installed; **** HARD FAULT ***** test skipped",
        "[{0}] imx2-wdt: reset cause: POR, reset by power-on",
        "  U-Boot 2023.01 environment kept",
        "[{0}] systemd[1]: Rebooting is allowed for root only; restarting System services on demand",
        "[{0}] EFI stub: booting Linux on physical cpu 0 deferred",
        "[{0}] Linux version 6.1.21-v8+ (reported again by procfs)",
        "  ets Jun  8 2016 00:22:57",
        "I (575) esp-rom:esp32s3-20210327",
        "** Booting Zephyr OS build v3.5.0 (two stars: the log's own prefix)",
        "[{0}] systemd[1]: Watchdog running with a hardware timeout of 1min.",
        "Thu Jan  1 00:00:12 2026 daemon.info procd: Opened watchdog with timeout 30s",
    ];

    /// <summary>Writes about <paramref name="mebibytes"/> MiB: healthy lines with a near-miss every few, then the end marker.</summary>
    public static TestStream Create(string dir, int mebibytes)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"boot-{mebibytes}MiB.txt");
        long target = mebibytes * 1024L * 1024L;
        using (var file = new StreamWriter(path, append: false, Encoding.ASCII, 1 << 16) { NewLine = "\r\n" })
        {
            long written = 0;
            for (long i = 0; written < target; i++)
            {
                string stamp = (1 + i / 1000.0).ToString("0.000000", CultureInfo.InvariantCulture).PadLeft(12);
                string template = i % 4 == 3 ? NearMisses[(int)(i / 4 % NearMisses.Count)] : Healthy[(int)(i % Healthy.Count)];
                string line = string.Format(CultureInfo.InvariantCulture, template, stamp);
                file.WriteLine(line);
                written += line.Length + 2;
            }

            file.Write(TestStream.EndMarker);
        }

        return new TestStream(path, new FileInfo(path).Length, TestStream.Hash(path));
    }
}
