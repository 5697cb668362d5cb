using System.Text;
using Rig.Engine.Inventory;

namespace Rig.Tests.Inventory;

/// <summary>
/// The inventory over the real console logs of tests/corpus/consoles: the kernel and BusyBox
/// versions each log shows, and nothing from the logs that show none (ESP32, Zephyr, bootloaders).
/// </summary>
public class ConsoleInventoryTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "corpus", "consoles");

    /// <summary>Every component each log names; a log not listed names none.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["ipcam-uboot-busybox.log"] = ["linux 3.0.8"],
        ["ipcam-uboot-no-autoboot.log"] = ["linux 3.10.14"],
        ["mtk-wdt-nixos-bpi-r4.log"] = ["linux 6.9.0", "busybox 1.36.1"],
        ["openwrt-busybox-press-enter.log"] = ["busybox 1.35.0"],
        ["routerboot-mikrotik-kernel.log"] = ["linux 5.4.71"],
        ["rpi4-raspios-systemd-watchdog.log"] = ["linux 6.12.47"],
        ["uboot-autoboot-openwrt-mt7621.log"] = ["linux 3.10.14", "busybox 1.19.4"],
        ["uboot-wdt-servicing-orangepi-rv2.log"] = ["linux 6.6.63"],
        ["x86-laptop-journal.log"] = ["linux 6.0.12"],
        ["yocto-poky-rpi5.log"] = ["linux 6.6.63"],
    };

    private static IEnumerable<string> Logs() => Directory.EnumerateFiles(Dir, "*.log").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Test]
    public void TheCorpusIsThere() => Assert.That(Logs().Count(), Is.EqualTo(36));

    [TestCaseSource(nameof(Logs))]
    public void FindsTheVersionsTheLogShows(string log)
    {
        IReadOnlyList<Component> found = Scan(Path.Combine(Dir, log));
        Assert.That(found.Select(c => c.ToString()), Is.EquivalentTo(Expected.GetValueOrDefault(log, [])), log);
        foreach (Component c in found)
        {
            Assert.That(c.Evidence, Is.Not.Empty, $"{c} keeps its evidence");
            Assert.That(c.Evidence[0].Line, Does.Contain(c.Version), $"{c}: the evidence line shows the version");
            Assert.That(c.Evidence[0].Source, Does.StartWith($"{log} byte "), $"{c}: the evidence names where it was seen");
        }
    }

    [Test]
    public void TheKernelEvidenceIsItsBootLine()
    {
        Component kernel = Scan(Path.Combine(Dir, "uboot-autoboot-openwrt-mt7621.log")).Single(c => c.Name == "linux");
        Assert.Multiple(() =>
        {
            Assert.That(kernel.Evidence[0].Line, Does.StartWith("[    0.000000] Linux version 3.10.14 (jenkins@6d04c3ad9e7e)"));
            Assert.That(kernel.Ecosystem, Is.EqualTo("Linux"));
            Assert.That(kernel.Package, Is.EqualTo("Kernel"));
            Assert.That(kernel.Purl, Is.EqualTo("pkg:generic/linux@3.10.14"));
        });
    }

    [TestCase("SSH-2.0-dropbear_2018.76", "dropbear 2018.76")]
    [TestCase("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "openssh 9.2p1")]
    [TestCase("lighttpd/1.4.45", "lighttpd 1.4.45")]
    [TestCase("Apache/2.4.41 (Unix) OpenSSL/1.1.1k", "openssl 1.1.1k")]
    [TestCase("OpenSSL 1.0.2zd  14 Mar 2022", "openssl 1.0.2zd")]
    [TestCase("dropbear v2020.81 listening on port 22", "dropbear 2020.81")]
    [TestCase("[    0.000000] Linux version 5.10.0-rc3 (x@y) (gcc 10)", "linux 5.10.0-rc3")]
    public void RecognisesBannersAndVersionStrings(string line, string component)
    {
        var inventory = new InventoryBuilder();
        inventory.Scan(line, "banner");
        Assert.That(inventory.Components.Select(c => c.ToString()), Is.EqualTo(new[] { component }));
    }

    [Test]
    public void AFloodOfVersionsStaysBounded()
    {
        var inventory = new InventoryBuilder();
        for (int i = 0; i < 10_000; i++)
        {
            inventory.Scan($"BusyBox v1.{i % 1000}.{i / 1000} \x1b[31m\x00", $"line {i}");
        }

        Assert.That(inventory.Components, Has.Count.EqualTo(InventoryBuilder.MaxComponents));
        Assert.That(inventory.Components[0].Evidence[0].Line, Does.Not.Contain("\x1b").And.Not.Contain("\0"), "evidence is inert text");
    }

    [Test]
    public void OneComponentSeenManyTimesKeepsAFewEvidenceLines()
    {
        var inventory = new InventoryBuilder();
        for (int i = 0; i < 100; i++)
        {
            inventory.Scan("BusyBox v1.29.3 (2019-03-08 10:21:07 CST) built-in shell (ash)", $"line {i}");
        }

        Assert.That(inventory.Components, Has.Count.EqualTo(1));
        Assert.That(inventory.Components[0].Evidence, Has.Count.EqualTo(Component.MaxEvidence));
    }

    private static IReadOnlyList<Component> Scan(string path)
    {
        var inventory = new InventoryBuilder();
        long offset = 0;
        foreach (string line in File.ReadAllText(path, Encoding.Latin1).Split('\n'))
        {
            inventory.Scan(line, $"{Path.GetFileName(path)} byte {offset}");
            offset += line.Length + 1;
        }

        return inventory.Components;
    }
}
