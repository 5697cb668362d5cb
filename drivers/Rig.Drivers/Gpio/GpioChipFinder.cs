using System.Text;
using Rig.Drivers.Native;

namespace Rig.Drivers.Gpio;

/// <summary>Finds a chip by label: chip numbers move between kernels (Pi 5: gpiochip4 became gpiochip0), labels do not.</summary>
internal static class GpioChipFinder
{
    /// <summary>Opens the one chip under <paramref name="devDir"/> whose label is <paramref name="label"/>.</summary>
    /// <exception cref="IOException">None or several match; the message lists every chip found and its label, or why it could not be read.</exception>
    public static GpioCharDevChip OpenByLabel(string label, string devDir)
    {
        var found = new List<string>();
        var matches = new List<GpioCharDevChip>();
        foreach (string path in DistinctChipNodes(devDir))
        {
            GpioCharDevChip chip;
            try
            {
                chip = GpioCharDevChip.OpenPath(path);
            }
            catch (IOException e)
            {
                found.Add(e.Message);
                continue;
            }

            found.Add($"{path} [{chip.Label}] ({chip.LineCount} lines)");
            if (chip.Label == label)
            {
                matches.Add(chip);
            }
            else
            {
                chip.Dispose();
            }
        }

        if (matches.Count == 1)
        {
            return matches[0];
        }

        foreach (var chip in matches)
        {
            chip.Dispose();
        }

        if (found.Count == 0)
        {
            throw new NativeIOException($"no GPIO chip labelled \"{label}\": no {devDir.TrimEnd('/')}/gpiochip* on this machine", Libc.ENOENT);
        }

        var message = new StringBuilder();
        message.Append(matches.Count == 0
            ? $"no GPIO chip labelled \"{label}\"; found: "
            : $"several GPIO chips are labelled \"{label}\"; give the device path instead; found: ");
        message.AppendJoin("; ", found);
        throw new NativeIOException(message.ToString(), Libc.ENOENT);
    }

    /// <summary>/dev/gpiochip* in numeric order, skipping aliases (RPi OS links gpiochip4 to gpiochip0 on a Pi 5).</summary>
    private static IEnumerable<string> DistinctChipNodes(string devDir)
    {
        if (!Directory.Exists(devDir))
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<string>();
        foreach (string path in Directory.EnumerateFileSystemEntries(devDir, "gpiochip*")
                     .OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
        {
            string target = Path.GetFullPath(path);
            try
            {
                target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? target;
            }
            catch (IOException)
            {
                // A dangling link is listed under its own name; opening it will say why it fails.
            }

            if (seen.Add(target))
            {
                nodes.Add(path);
            }
        }

        return nodes;
    }
}
