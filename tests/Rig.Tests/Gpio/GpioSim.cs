using System.Diagnostics;

namespace Rig.Tests.Gpio;

/// <summary>A real gpiochip from the kernel's gpio-sim, made through configfs; root only.</summary>
/// <remarks>One device with one bank. The sysfs side shows what userspace drives on each line.</remarks>
internal sealed class GpioSim : IDisposable
{
    private const string ConfigRoot = "/sys/kernel/config/gpio-sim";

    private readonly string _device;
    private readonly string _bank;

    private GpioSim(string device, string bank, string label)
    {
        _device = device;
        _bank = bank;
        Label = label;
        DevName = File.ReadAllText(Path.Combine(device, "dev_name")).Trim();
        ChipName = File.ReadAllText(Path.Combine(bank, "chip_name")).Trim();
    }

    public string Label { get; }

    /// <summary>The platform device, e.g. gpio-sim.0.</summary>
    public string DevName { get; }

    /// <summary>The chip, e.g. gpiochip3.</summary>
    public string ChipName { get; }

    public string DevicePath => "/dev/" + ChipName;

    /// <summary>Creates and brings up a chip, or calls Assert.Ignore saying what this machine lacks.</summary>
    public static GpioSim CreateOrIgnore(uint lines)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("gpio-sim needs root");
        }

        if (!Directory.Exists(ConfigRoot))
        {
            TryLoadModule();
        }

        if (!Directory.Exists(ConfigRoot))
        {
            Assert.Ignore($"no gpio-sim here ({ConfigRoot} is missing: needs configfs and CONFIG_GPIO_SIM)");
        }

        string name = $"rig-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];
        string device = Path.Combine(ConfigRoot, name);
        string bank = Path.Combine(device, "gpio-bank0");
        Directory.CreateDirectory(device);
        try
        {
            Directory.CreateDirectory(bank);
            File.WriteAllText(Path.Combine(bank, "num_lines"), lines.ToString());
            File.WriteAllText(Path.Combine(bank, "label"), name);
            File.WriteAllText(Path.Combine(device, "live"), "1");
            return new GpioSim(device, bank, name);
        }
        catch
        {
            TearDown(device, bank);
            throw;
        }
    }

    /// <summary>The physical level userspace drives on a line: true = high.</summary>
    public bool Value(uint line)
    {
        string path = $"/sys/devices/platform/{DevName}/{ChipName}/sim_gpio{line}/value";
        return File.ReadAllText(path).Trim() switch
        {
            "1" => true,
            "0" => false,
            var other => throw new InvalidDataException($"{path}: unexpected \"{other}\""),
        };
    }

    public void Dispose() => TearDown(_device, _bank);

    private static void TearDown(string device, string bank)
    {
        if (File.Exists(Path.Combine(device, "live")))
        {
            File.WriteAllText(Path.Combine(device, "live"), "0");
        }

        if (Directory.Exists(bank))
        {
            Directory.Delete(bank);
        }

        if (Directory.Exists(device))
        {
            Directory.Delete(device);
        }
    }

    private static void TryLoadModule()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("modprobe", ["gpio-sim"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                p.Kill();
                p.WaitForExit();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No modprobe: the caller reports gpio-sim as missing.
        }
    }
}
